using SfBulk.Http;

namespace SfBulk;

/// <summary>
/// The shared "Salesforce Connection" resource: how to reach and log in to one org. Configure it once and share
/// it; it caches the session and refreshes it when Salesforce reports it expired. Thread-safe.
/// </summary>
public sealed class SalesforceConnection : IDisposable
{
    /// <summary>The API version used for requests, e.g. <c>66.0</c>.</summary>
    public string ApiVersion { get; } = "66.0";

    /// <summary>
    /// Sends <paramref name="request"/> with the session's auth header, refreshing the session once (single-flight)
    /// when Salesforce reports it expired and sending the request again; replays idempotent requests on network
    /// failures, 5xx and throttling. Returns every response that arrives, error statuses included, except the
    /// session-expiry one. Throws <see cref="SalesforceRestException"/> (code NETWORK_ERROR) when no response
    /// arrives and <see cref="SalesforceLoginException"/> when logging in fails or an external session expired.
    /// </summary>
    internal Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
