using System.Net;

namespace SfBulk.Http;

/// <summary>A response read in full (bulk job responses are small; bodies above a limit are refused).</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ContentType">The media type of the body (<c>application/xml</c>, <c>application/json</c>, …), or null.</param>
/// <param name="Body">The body bytes (empty when none).</param>
/// <param name="RequestMethod">The method of the request that produced it.</param>
/// <param name="RequestUri">The absolute URL of the request that produced it.</param>
internal sealed record ApiResponse(HttpStatusCode StatusCode, string? ContentType, byte[] Body, string RequestMethod, Uri RequestUri)
{
    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;

    /// <summary>Response headers that matter to callers (<c>Retry-After</c>, <c>Sforce-Locator</c>, …).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
