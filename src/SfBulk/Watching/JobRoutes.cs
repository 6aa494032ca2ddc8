using SfBulk.Jobs;

namespace SfBulk.Watching;

/// <summary>Which route a job lives on, from what a read or a Get All Jobs record says about it.</summary>
internal static class JobRoutes
{
    /// <summary>Bulk 2.0 query and ingest jobs carry their <c>jobType</c>; a Bulk 1.0 read carries none.</summary>
    public static JobRoute Of(JobInfo job) =>
        job.JobType == BulkJobType.V2Query ? JobRoute.V2Query
        : job.JobType == BulkJobType.V2Ingest || job.JobType == BulkJobType.BigObjectIngest ? JobRoute.V2Ingest
        : JobRoute.V1;

    /// <summary>The Bulk 1.0 dialect that matches a job's content type (JSON jobs are closed in JSON).</summary>
    public static BulkDialect? DialectOf(JobInfo job) =>
        job.ContentType is { } type && type.ToString().Contains("JSON", StringComparison.OrdinalIgnoreCase) ? BulkDialect.Json : null;

    /// <summary>True for query and queryAll jobs, the only ones PK chunking applies to.</summary>
    public static bool IsQuery(JobInfo job) => job.Operation == JobOperation.Query || job.Operation == JobOperation.QueryAll;
}
