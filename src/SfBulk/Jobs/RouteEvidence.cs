namespace SfBulk.Jobs;

/// <summary>
/// Tells from the data Salesforce returns which API a job belongs to, never from the words of a message. A Bulk 2.0
/// read carries <c>jobType</c>; a Bulk 1.0 read carries none, so a job read on the 1.0 route is taken as a 1.0 job
/// unless its data says otherwise (a 2.0 <c>jobType</c> or a state only 2.0 jobs have).
/// </summary>
internal static class RouteEvidence
{
    /// <summary>True when <paramref name="job"/>, read on <paramref name="route"/>, can belong to it.</summary>
    public static bool Fits(JobRoute route, JobInfo job) => route.Api == BulkApi.V1
        ? !IsSurelyV2(job)
        : route.IsQuery
            ? job.JobType is null || job.JobType == BulkJobType.V2Query
            : job.JobType is null || job.JobType == BulkJobType.V2Ingest || job.JobType == BulkJobType.BigObjectIngest;

    /// <summary>True when the data shows a Bulk 2.0 job: a 2.0 <c>jobType</c>, or <c>UploadComplete</c>, <c>InProgress</c> or <c>JobComplete</c>.</summary>
    public static bool IsSurelyV2(JobInfo job) =>
        (job.JobType is { } type && type != BulkJobType.Classic)
        || job.State == BulkJobState.UploadComplete || job.State == BulkJobState.InProgress || job.State == BulkJobState.JobComplete;

    /// <summary>
    /// True when a job read on the 1.0 route could still be a 2.0 job shown by that route: no <c>jobType</c>, no batch,
    /// and a state both APIs share (<c>Open</c>, <c>Aborted</c>, <c>Failed</c>). Only such a read is confirmed on 2.0.
    /// </summary>
    public static bool MayBeV2(JobInfo job) =>
        IsSurelyV2(job)
        || (job.JobType is null && job.NumberBatchesTotal == 0 && job.State != BulkJobState.Closed);
}
