using SfBulk.Models;

namespace SfBulk.Cli.Ui;

/// <summary>What the page may offer for a job, decided from its type and state (never from message text).</summary>
internal static class JobKinds
{
    public static string Api(JobInfo job) => job.JobType is { } type && type != BulkJobType.Classic ? type.ToString() : "Classic";

    public static bool IsClassic(JobInfo job) => Api(job) == "Classic";

    /// <summary>
    /// A Bulk 1.0 job's batches done, counted as the watchers count them and say in their messages: completed, failed,
    /// and not processed (the PK-chunking original), so a finished chunked job with 6 chunks shows 7 of 7.
    /// </summary>
    public static int BatchesDone(JobInfo job) => job.NumberBatchesCompleted + job.NumberBatchesFailed
        + Math.Max(0, job.NumberBatchesTotal - job.NumberBatchesQueued - job.NumberBatchesInProgress - job.NumberBatchesCompleted - job.NumberBatchesFailed);

    public static bool IsV2Query(JobInfo job) => job.JobType == BulkJobType.V2Query;

    public static bool IsV2Ingest(JobInfo job) => job.JobType == BulkJobType.V2Ingest;

    /// <summary>Open for work: a 1.0 or 2.0 ingest job in Open, a 2.0 job uploaded or in progress.</summary>
    public static bool IsOpen(JobInfo job) =>
        job.State == BulkJobState.Open
        || (!IsClassic(job) && (job.State == BulkJobState.UploadComplete || job.State == BulkJobState.InProgress));

    /// <summary>Close applies to an Open 1.0 job and to an Open 2.0 ingest job (it marks its upload complete).</summary>
    public static bool CanClose(JobInfo job) => job.State == BulkJobState.Open && !IsV2Query(job);

    public static bool CanAbort(JobInfo job) => IsOpen(job);

    /// <summary>A 2.0 ingest job whose upload was never marked complete: closing it makes Salesforce process the data.</summary>
    public static bool IsAwaitingUpload(JobInfo job) => IsV2Ingest(job) && job.State == BulkJobState.Open;
}
