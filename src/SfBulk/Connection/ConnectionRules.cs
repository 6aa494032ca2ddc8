using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace SfBulk.Connection;

/// <summary>
/// The rules every connection value is checked by, before any network call: URLs a session may be sent to (https,
/// plain http only to a loopback host), API versions (31.0 or later) and durations (a number with a unit:
/// <c>500ms</c>, <c>30s</c>, <c>2m</c>). The library, the configuration readers and the <c>sfbulk</c> command line
/// use these same checks. Error texts never repeat more of a value than the scheme and host of a URL.
/// </summary>
public static class ConnectionRules
{
    /// <summary>The oldest API version Salesforce still serves: 21.0 to 30.0 were retired in Summer '25.</summary>
    public const string MinimumApiVersion = "31.0";

    private const int MinimumMajor = 31;

    /// <summary>The longest duration <see cref="TryParseDuration"/> accepts (366 days): a longer one is almost certainly a typo.</summary>
    public static readonly TimeSpan MaximumDuration = TimeSpan.FromDays(366);

    /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1.</summary>
    /// <param name="url">An absolute URL.</param>
    /// <returns>Whether the host is a loopback host.</returns>
    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>
    /// Parses a URL a session may be sent to: absolute, <c>https</c> (plain <c>http</c> only to a loopback host), with
    /// a host and without user information.
    /// </summary>
    /// <param name="text">The URL as given.</param>
    /// <param name="url">The URL when valid.</param>
    /// <param name="error">Why it is not valid; shows at most the scheme and host of the value.</param>
    /// <returns>True when valid.</returns>
    public static bool TryParseUrl(string? text, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var parsed))
        {
            error = $"the value {DescribeUrl(text)} is not an absolute URL such as https://mycompany.my.salesforce.com.";
            return false;
        }

        if (!TryValidateUrl(parsed, out error))
        {
            return false;
        }

        url = parsed;
        return true;
    }

    /// <summary>Checks an absolute URL like <see cref="TryParseUrl"/>.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="error">Why it is not valid; shows at most the scheme and host of the value.</param>
    /// <returns>True when valid.</returns>
    public static bool TryValidateUrl(Uri? url, [NotNullWhen(false)] out string? error)
    {
        if (url is null || !url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.IdnHost))
        {
            error = $"the value {DescribeUrl(url?.IsAbsoluteUri == true ? url.OriginalString : null)} is not an absolute URL such as https://mycompany.my.salesforce.com.";
            return false;
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            // Never echo the user information: it may hold a password.
            error = $"The URL {DescribeUrl(url.OriginalString)} must not contain a user name or password (user information).";
            return false;
        }

        if (url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
        {
            error = $"{DescribeUrl(url.OriginalString)} uses plain http: it must use https, since sessions are sent only over https (http is allowed for a local emulator on 127.0.0.1, ::1 or localhost).";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// How a URL given by a user appears in a message: <c>'scheme://host[:port]'</c> only (never user information, path
    /// or query, which may hold a password or a session id), or a note that it is not shown when it is no web URL.
    /// </summary>
    /// <param name="text">The URL as given.</param>
    /// <returns>The text to show.</returns>
    public static string DescribeUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var url) && !url.IsFile && !url.IsUnc && !string.IsNullOrEmpty(url.IdnHost)
            ? "'" + url.Scheme + "://" + url.IdnHost + (url.IsDefaultPort ? string.Empty : ":" + url.Port.ToString(CultureInfo.InvariantCulture)) + "'"
            : "(not shown: it is no web URL and may hold a secret)";

    /// <summary>Checks an API version: <c>NN.0</c> from <see cref="MinimumApiVersion"/> up.</summary>
    /// <param name="version">The version, e.g. <c>66.0</c>.</param>
    /// <param name="error">Why it is not valid (retired, or no version at all).</param>
    /// <returns>True when valid.</returns>
    public static bool TryValidateApiVersion(string? version, [NotNullWhen(false)] out string? error)
    {
        var major = Major(version);
        error = major switch
        {
            >= MinimumMajor => null,
            not null => $"API version '{version}' is retired: Salesforce retired versions 21.0 to 30.0 in Summer '25 and refuses them (Bulk API 1.0 answers 400 InvalidVersion, REST 410). Use {MinimumApiVersion} or later, such as {SalesforceConnectionOptions.DefaultApiVersion}.",
            null => $"'{version}' is not an API version such as {SalesforceConnectionOptions.DefaultApiVersion}.",
        };
        return error is null;
    }

    /// <summary>
    /// Parses a duration: a number with a unit, <c>ms</c>, <c>s</c>, <c>m</c> (or <c>min</c>), <c>h</c> or <c>d</c>
    /// (<c>500ms</c>, <c>30s</c>, <c>1.5m</c>); <c>0</c> needs none. A bare number is refused, with the fix.
    /// </summary>
    /// <param name="text">The duration as given.</param>
    /// <param name="duration">The duration when valid.</param>
    /// <param name="error">Why it is not valid.</param>
    /// <returns>True when valid.</returns>
    public static bool TryParseDuration(string? text, out TimeSpan duration, [NotNullWhen(false)] out string? error) =>
        Durations.TryParse(text, out duration, out error);

    /// <summary>Writes a duration in the syntax <see cref="TryParseDuration"/> reads, in the largest unit that keeps it exact (<c>2m</c>, <c>1500ms</c>).</summary>
    /// <param name="duration">A duration of zero or more.</param>
    /// <returns>The text.</returns>
    public static string FormatDuration(TimeSpan duration) => Durations.Format(duration);

    /// <summary>The major number of a well-formed <c>N.0</c>-style version, or null.</summary>
    internal static int? Major(string? version) =>
        version is { Length: >= 3 and <= 5 } && version[^2] == '.' && char.IsAsciiDigit(version[^1])
        && int.TryParse(version.AsSpan(0, version.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            ? major
            : null;
}
