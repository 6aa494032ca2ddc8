using System.Net;

namespace SfBulk.Http;

/// <summary>
/// Creates the HTTP handler every connection uses: no automatic redirects (sfbulk follows only same-host
/// redirects itself), no cookies, gzip accepted, certificate validation left on, connections recycled so DNS
/// changes are seen.
/// </summary>
internal static class SalesforceHttpHandler
{
    public static SocketsHttpHandler Create(IWebProxy? proxy) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        Proxy = proxy,
        UseProxy = true,
    };

    /// <summary>An <see cref="HttpClient"/> over <see cref="Create"/> with no client-wide timeout (sfbulk times each request).</summary>
    public static HttpClient CreateClient(IWebProxy? proxy) => new(Create(proxy), disposeHandler: true)
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
