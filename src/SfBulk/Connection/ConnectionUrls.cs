using System.Net;

namespace SfBulk;

/// <summary>Checks the URLs a session may be sent to: absolute, https (plain http only for loopback hosts).</summary>
internal static class ConnectionUrls
{
    /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1.</summary>
    public static bool IsLoopback(Uri url) =>
        string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="url"/> may carry a session.</summary>
    public static Uri RequireSecure(Uri? url, string parameterName)
    {
        if (url is null)
        {
            throw new ArgumentException($"{parameterName} is required.", parameterName);
        }

        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"{parameterName} must be an absolute URL such as https://login.salesforce.com (the value is not shown: it may hold a secret).", parameterName);
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new ArgumentException($"{parameterName} must not contain user information.", parameterName);
        }

        if (string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }

        if (string.Equals(url.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && IsLoopback(url))
        {
            return url;
        }

        throw new ArgumentException(
            $"{parameterName} '{url.GetLeftPart(UriPartial.Authority)}' must use https; plain http is allowed only for a local emulator on a loopback address (127.0.0.1, ::1, localhost).",
            parameterName);
    }

    /// <summary>
    /// How a URL given by a user appears in a message: its scheme and host only (never user information, path or
    /// query, which may hold a password or a session id), or a note that it is not shown when it is no URL at all.
    /// </summary>
    public static string Shown(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var url) && !url.IsFile && !url.IsUnc && !string.IsNullOrEmpty(url.IdnHost)
            ? "'" + url.Scheme + "://" + url.IdnHost + (url.IsDefaultPort ? string.Empty : ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "'"
            : "(not shown: it is no web URL and may hold a secret)";

    /// <summary>The scheme and authority of <paramref name="url"/> with a trailing slash (a base for relative paths).</summary>
    public static Uri Origin(Uri url) => new(url.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>True when both URLs have the same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
