namespace SfBulk.Models;

/// <summary>One page of the Bulk API 2.0 "Get All Jobs" list (<c>/jobs/ingest</c> or <c>/jobs/query</c>).</summary>
internal sealed class JobInfoPage
{
    internal JobInfoPage(IReadOnlyList<JobInfo> records, bool done, string? nextRecordsUrl)
    {
        Records = records;
        Done = done;
        NextRecordsUrl = nextRecordsUrl;
    }

    /// <summary>The jobs on this page (up to 1,000).</summary>
    public IReadOnlyList<JobInfo> Records { get; }

    /// <summary>True on the last page.</summary>
    public bool Done { get; }

    /// <summary>The path of the next page (e.g. <c>/services/data/v66.0/jobs/ingest?queryLocator=…</c>); null on the last page.</summary>
    public string? NextRecordsUrl { get; }
}
