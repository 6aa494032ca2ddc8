using SfBulk.Jobs;

namespace SfBulk;

/// <summary>The one-list Get All Jobs read of the org watcher: one request per page of one list.</summary>
public partial class BulkJobClient
{
    /// <summary>
    /// Lists jobs on one Get All Jobs list (<c>/jobs/query</c> or <c>/jobs/ingest</c>), every page. The query list
    /// holds every Bulk 1.0 (Classic) job, so a watcher of Classic jobs reads it alone and spends one request a page.
    /// </summary>
    internal IAsyncEnumerable<JobInfo> GetJobsOnListAsync(bool queryList, JobListFilter filter, Action<ApiResponse>? answered, CancellationToken cancellationToken) =>
        ListPagesAsync($"services/data/v{Version}/jobs/{(queryList ? "query" : "ingest")}{Query(filter)}", answered, cancellationToken);
}
