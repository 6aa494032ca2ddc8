using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SfBulk.Jobs;
using SfBulk.Wire;

namespace SfBulk;

public partial class BulkJobClient
{
    /// <summary>
    /// Lists jobs through Bulk API 2.0 "Get All Jobs": every page of <c>/jobs/ingest</c>, then of <c>/jobs/query</c>.
    /// Bulk 1.0 jobs (<c>jobType</c> <c>Classic</c>) may appear in both lists; each job is returned once.
    /// </summary>
    /// <param name="filter">Filters sent to Salesforce; null lists every job.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The jobs, page by page as they arrive.</returns>
    /// <exception cref="SalesforceRestException">Salesforce refused a request, or a page could not be read.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed.</exception>
    public virtual IAsyncEnumerable<JobInfo> GetAllJobsAsync(JobListFilter? filter = null, CancellationToken cancellationToken = default) =>
        ListAllJobsAsync(filter, null, cancellationToken);

    /// <summary><see cref="GetAllJobsAsync"/>, handing each page's answer to <paramref name="answered"/> (the sweep reads Salesforce's clock from it).</summary>
    internal async IAsyncEnumerable<JobInfo> ListAllJobsAsync(JobListFilter? filter, Action<ApiResponse>? answered, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in ListKinds(filter?.JobType))
        {
            await foreach (var job in ListPagesAsync($"services/data/v{Version}/jobs/{kind}{Query(filter)}", answered, cancellationToken).ConfigureAwait(false))
            {
                var key = JobId.TryNormalize(job.Id, out var id18, out _) ? id18 : job.Id;
                if (seen.Add(key))
                {
                    yield return job;
                }
            }
        }
    }

    /// <summary>Every page of one Get All Jobs list from <paramref name="path"/>, following <c>nextRecordsUrl</c> (never back to a page already read).</summary>
    private async IAsyncEnumerable<JobInfo> ListPagesAsync(string path, Action<ApiResponse>? answered, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string? next = path;
        while (next is not null)
        {
            if (!visited.Add(next))
            {
                throw WireFailure.InvalidResponse($"the job list points back to a page already read ({next})");
            }

            var request = new ApiRequest(HttpMethod.Get, next, ApiFamily.Rest, Accept: "application/json", IsIdempotent: true);
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw ApiErrors.ToException(response);
            }

            answered?.Invoke(response);
            var page = JobPageWire.Parse(response.Body, response);
            foreach (var job in page.Records)
            {
                yield return job;
            }

            next = page.Done ? null : NextPath(page.NextRecordsUrl!, response);
        }
    }

    private static string[] ListKinds(BulkJobType? jobType) =>
        jobType == BulkJobType.V2Query ? ["query"]
        : jobType == BulkJobType.BigObjectIngest ? ["ingest"]
        : ["ingest", "query"];

    private static string Query(JobListFilter? filter)
    {
        if (filter is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        void Add(string name, string value) =>
            sb.Append(sb.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));

        if (filter.IsPkChunkingEnabled is { } pk)
        {
            Add("isPkChunkingEnabled", pk ? "true" : "false");
        }

        if (filter.JobType is { } type)
        {
            Add("jobType", type.ToString());
        }

        if (filter.ConcurrencyMode is { } mode)
        {
            Add("concurrencyMode", mode.ToString());
        }

        return sb.ToString();
    }

    /// <summary>nextRecordsUrl is a path on the same instance (<c>/services/data/v66.0/jobs/ingest?queryLocator=…</c>).</summary>
    private static string NextPath(string next, ApiResponse response)
    {
        var path = next.TrimStart('/');
        return path.StartsWith("services/data/", StringComparison.Ordinal)
            ? path
            : throw WireFailure.InvalidResponse(string.Create(CultureInfo.InvariantCulture, $"nextRecordsUrl '{WireFailure.Shorten(next)}' is not a path below /services/data/"), response);
    }
}
