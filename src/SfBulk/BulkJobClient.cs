using SfBulk.Jobs;
using SfBulk.Wire;

namespace SfBulk;

/// <summary>
/// Closes, aborts and inspects Salesforce Bulk API 1.0 and 2.0 jobs over a <see cref="SalesforceConnection"/>.
/// Immutable and thread-safe: create one per connection and share it.
/// </summary>
/// <remarks>
/// Job ids are checked before anything is sent (<see cref="ArgumentException"/> for a value that is not a job id —
/// a programming or input error, never a Salesforce fault). Salesforce errors raise
/// <see cref="SalesforceRestException"/> with Salesforce's code, the HTTP status, method and URL; login failures
/// raise <see cref="SalesforceLoginException"/>; caller cancellation raises <see cref="OperationCanceledException"/>.
/// </remarks>
public partial class BulkJobClient
{
    private readonly SalesforceConnection _connection = null!;
    private readonly BulkJobClientOptions _options = null!;

    /// <summary>Creates a client that sends its requests through <paramref name="connection"/>.</summary>
    /// <param name="connection">The connection; shared, not disposed by the client.</param>
    /// <param name="options">Settings, copied now; null uses the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public BulkJobClient(SalesforceConnection connection, BulkJobClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = (options ?? new BulkJobClientOptions()).Validated();
    }

    /// <summary>For mocking in tests of code that uses the client.</summary>
    protected BulkJobClient()
    {
    }

    private string Version => _connection.ApiVersion;

    /// <summary>Reads a job.</summary>
    /// <param name="jobId">The 15- or 18-character job id.</param>
    /// <param name="api">Which API the job belongs to; <see cref="BulkApi.Auto"/> tries 1.0, then 2.0 ingest, then 2.0 query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a job id.</exception>
    /// <exception cref="SalesforceRestException">Salesforce refused the request, or its response could not be read.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed.</exception>
    public virtual async Task<JobInfo> GetJobAsync(string jobId, BulkApi api = BulkApi.Auto, CancellationToken cancellationToken = default)
    {
        var id = JobId.Normalize(jobId);
        SalesforceRestException? first = null;
        JobInfo? readOnV1 = null;
        var routes = Routes(api).ToArray();
        foreach (var route in routes)
        {
            var response = await SendAsync(route.Get(Version, id, _options.Dialect), cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                var job = await ReadJobAsync(response, route, id, cancellationToken).ConfigureAwait(false);
                if (routes.Length > 1 && route.Api == BulkApi.V1 && RouteEvidence.MayBeV2(job))
                {
                    // The 1.0 route may show 2.0 jobs (undocumented): a read its data cannot place is confirmed on 2.0.
                    readOnV1 = job;
                    continue;
                }

                if (RouteEvidence.Fits(route, job) || routes.Length == 1)
                {
                    return job;
                }

                first ??= WrongRoute(route, id, job, response);
                continue;
            }

            var error = ApiErrors.ToException(response);
            if (!IsNotFound(route, error))
            {
                if (readOnV1 is not null)
                {
                    return readOnV1;
                }

                throw error;
            }

            first ??= error;
        }

        if (readOnV1 is not null)
        {
            return readOnV1;
        }

        // One route (1.0): its own answer says it best. Several routes: none of them holds the job.
        throw api == BulkApi.V1 ? first! : NotFound(id, api, first!);
    }

    /// <summary>Lists the batches of a Bulk API 1.0 job (a PK-chunked query shows its original batch as <c>NotProcessed</c>).</summary>
    /// <param name="jobId">The 15- or 18-character job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batches in Salesforce's order.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a job id.</exception>
    /// <exception cref="SalesforceRestException">Salesforce refused the request, or its response could not be read.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed.</exception>
    public virtual async Task<IReadOnlyList<BatchInfo>> GetBatchesAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var id = JobId.Normalize(jobId);
        var request = new ApiRequest(HttpMethod.Get, JobRoute.V1.JobPath(Version, id) + "/batch", ApiFamily.BulkV1, Accept: "application/xml", IsIdempotent: true);
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? BatchInfoWire.ParseList(response.Body, response) : throw ApiErrors.ToException(response);
    }

    private static IEnumerable<JobRoute> Routes(BulkApi api) => api switch
    {
        BulkApi.V1 => [JobRoute.V1],
        BulkApi.V2 => [JobRoute.V2Ingest, JobRoute.V2Query],
        BulkApi.Auto => [JobRoute.V1, JobRoute.V2Ingest, JobRoute.V2Query],
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Use Auto, V1 or V2."),
    };

    /// <summary>
    /// True when the error says "no such job on this route": 1.0 <c>InvalidJob</c> (what Salesforce answers for an id
    /// that is not a 1.0 job) or 404 / <c>NOT_FOUND</c> on 2.0.
    /// </summary>
    private static bool IsNotFound(JobRoute route, SalesforceRestException error) =>
        error.StatusCode == System.Net.HttpStatusCode.NotFound
        || (route.Api == BulkApi.V1 ? CodeIs(error, "InvalidJob") : CodeIs(error, "NOT_FOUND"));

    private static bool CodeIs(SalesforceException error, string code) =>
        error.ErrorCode is { } actual && string.Equals(actual.Replace("_", string.Empty, StringComparison.Ordinal), code.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private static SalesforceRestException NotFound(string id, BulkApi api, SalesforceRestException first) => new(
        api == BulkApi.V2
            ? $"No Bulk API 2.0 job {id} was found: neither ingest nor query jobs hold it ('{first.ErrorCode}'). Check the id and the org the connection logs in to."
            : $"No Bulk API job {id} was found: Bulk API 1.0 answered '{first.ErrorCode}' and neither Bulk API 2.0 ingest nor query jobs hold it. Check the id and the org the connection logs in to.",
        first.ErrorCode,
        first.StatusCode,
        first.RequestMethod,
        first.RequestUri,
        first);

    private async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken) =>
        await _connection.SendAsync(request, cancellationToken).ConfigureAwait(false);

    /// <summary>Parses a job response; an empty 2xx body (or 204) is answered by reading the job.</summary>
    private async Task<JobInfo> ReadJobAsync(ApiResponse response, JobRoute route, string id, CancellationToken cancellationToken)
    {
        if (BodySniffer.Detect(response.Body, response.ContentType) != BodyKind.Empty)
        {
            return JobInfoWire.Parse(response.Body, response);
        }

        if (response.RequestMethod == HttpMethod.Get.Method)
        {
            throw WireFailure.InvalidResponse("expected a jobInfo but the body is empty", response);
        }

        var read = await SendAsync(route.Get(Version, id, _options.Dialect), cancellationToken).ConfigureAwait(false);
        return read.IsSuccess ? await ReadJobAsync(read, route, id, cancellationToken).ConfigureAwait(false) : throw ApiErrors.ToException(read);
    }
}
