using System.Runtime.CompilerServices;
using SfBulk.Http;
using SfBulk.Models;
using SfBulk.Wire;

namespace SfBulk;

/// <summary>The one-list Get All Jobs read of the org watcher: one request per page of one list.</summary>
public partial class BulkJobClient
{
    /// <summary>
    /// Lists jobs on one Get All Jobs list (<c>/jobs/query</c> or <c>/jobs/ingest</c>), every page. The query list
    /// holds every Bulk 1.0 (Classic) job, so a watcher of Classic jobs reads it alone and spends one request a page.
    /// </summary>
    internal async IAsyncEnumerable<JobInfo> GetJobsOnListAsync(bool queryList, JobListFilter filter, Action<ApiResponse>? answered, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kind = queryList ? "query" : "ingest";
        var parameters = new List<string>();
        if (filter.IsPkChunkingEnabled is { } pk)
        {
            parameters.Add("isPkChunkingEnabled=" + (pk ? "true" : "false"));
        }

        if (filter.JobType is { } type)
        {
            parameters.Add("jobType=" + Uri.EscapeDataString(type.ToString()));
        }

        string? path = $"services/data/v{Version}/jobs/{kind}{(parameters.Count == 0 ? string.Empty : "?" + string.Join('&', parameters))}";
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (path is not null)
        {
            if (!visited.Add(path))
            {
                throw WireFailure.InvalidResponse($"the job list points back to a page already read ({path})");
            }

            var request = new ApiRequest(HttpMethod.Get, path, ApiFamily.Rest, Accept: "application/json", IsIdempotent: true);
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

            path = page.Done ? null : NextPath(page.NextRecordsUrl!, response);
        }
    }
}
