using SfBulk.Limits;
using SfBulk.Wire;

namespace SfBulk;

/// <summary>Reading the org's allocations.</summary>
public partial class BulkJobClient
{
    /// <summary>The connection the client sends through (its usage reports feed an <see cref="ApiFloorGuard"/>).</summary>
    internal SalesforceConnection Connection => _connection;

    /// <summary>
    /// Reads the org's allocations from the REST limits resource (<c>GET /services/data/vNN.N/limits</c>): daily API
    /// requests, Bulk API 1.0 batches (PK chunks count), Bulk API 2.0 query jobs and query result storage, and every
    /// other allocation the org reports. Costs one API request. Keys Salesforce does not send are null on the result;
    /// keys sfbulk does not know are kept in <see cref="OrgLimits.All"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The allocations.</returns>
    /// <exception cref="SalesforceRestException">Salesforce refused the request, or its response could not be read.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed.</exception>
    public virtual async Task<OrgLimits> GetLimitsAsync(CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest(HttpMethod.Get, $"services/data/v{Version}/limits", ApiFamily.Rest, Accept: "application/json", IsIdempotent: true);
        var sequenceBefore = _connection.UsageTracker.Sent;
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ApiErrors.ToException(response);
        }

        var limits = LimitsWire.Parse(response);
        if (limits.DailyApiRequests is { } requests && !response.Headers.ContainsKey(LimitInfoHeader.Name))
        {
            // An answer without the header (a proxy may drop it): the body says the same, as of this request.
            _connection.UsageTracker.Observe(requests.Used, requests.Max, sequenceBefore + 1);
        }

        return limits;
    }
}
