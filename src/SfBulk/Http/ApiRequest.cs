namespace SfBulk.Http;

/// <summary>
/// One API request, described independently of the session so it can be sent again after a session refresh.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query below the instance URL, e.g. <c>services/async/66.0/job/750…</c>.</param>
/// <param name="Family">The API the request belongs to.</param>
/// <param name="Body">The body bytes, or null.</param>
/// <param name="ContentType">The body's Content-Type header value, or null.</param>
/// <param name="Accept">The Accept header value, or null.</param>
/// <param name="IsIdempotent">
/// True when the request may be replayed after a network failure or 5xx (GETs). A close/abort is not replayed
/// blindly: its caller re-reads the job instead.
/// </param>
internal sealed record ApiRequest(
    HttpMethod Method,
    string Path,
    ApiFamily Family,
    byte[]? Body = null,
    string? ContentType = null,
    string? Accept = null,
    bool IsIdempotent = false)
{
    /// <summary>Extra request headers (for example <c>Sforce-Enable-PKChunking</c>); never secrets.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
