namespace SfBulk.Connection;

/// <summary>The URLs a session may be sent to (<see cref="ConnectionRules"/>), as the library's own calls need them.</summary>
internal static class ConnectionUrls
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="url"/> may carry a session.</summary>
    public static Uri RequireSecure(Uri? url, string parameterName) =>
        url is null
            ? throw new ArgumentException($"{parameterName} is required.", parameterName)
            : ConnectionRules.TryValidateUrl(url, out var error) ? url : throw new ArgumentException($"{parameterName}: {error}", parameterName);

    /// <summary>The scheme and authority of <paramref name="url"/> with a trailing slash (a base for relative paths).</summary>
    public static Uri Origin(Uri url) => new(url.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>True when both URLs have the same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
