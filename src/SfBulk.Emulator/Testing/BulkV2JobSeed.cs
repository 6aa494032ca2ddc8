namespace SfBulk.Emulator;

/// <summary>
/// Bulk API 2.0 jobs to create in the emulated org with <see cref="EmulatorControl.SeedBulkV2JobsAsync"/>. Seeded
/// jobs stay in the given state (nothing runs on their timelines).
/// </summary>
public sealed class BulkV2JobSeed
{
    /// <summary>How many identical jobs (1 to 100,000).</summary>
    /// <value>The default value is 1.</value>
    public int Count { get; init; } = 1;

    /// <summary>An ingest job or a query job.</summary>
    /// <value>The default value is <see cref="BulkV2JobKind.Ingest"/>.</value>
    public BulkV2JobKind Kind { get; init; } = BulkV2JobKind.Ingest;

    /// <summary>The sObject.</summary>
    /// <value>The default value is <c>Account</c>.</value>
    public string Object { get; init; } = "Account";

    /// <summary>The operation; null means <c>insert</c> for ingest and <c>query</c> for query jobs.</summary>
    /// <value>The default value is null.</value>
    public string? Operation { get; init; }

    /// <summary>
    /// The job's state: ingest <c>Open</c>, <c>UploadComplete</c>, <c>InProgress</c>, <c>JobComplete</c>, <c>Failed</c>
    /// or <c>Aborted</c>; query the same without <c>Open</c>. Null means <c>Open</c> (ingest) or <c>UploadComplete</c> (query).
    /// </summary>
    /// <value>The default value is null.</value>
    public string? State { get; init; }

    /// <summary>The user name of the job's creator; null means the org's default user.</summary>
    /// <value>The default value is null.</value>
    public string? CreatedBy { get; init; }

    /// <summary>How long before now the job was created (whole seconds).</summary>
    /// <value>The default value is zero.</value>
    public TimeSpan Age { get; init; }

    /// <summary>The job's API version, such as <c>66.0</c>.</summary>
    /// <value>The default value is <c>66.0</c>.</value>
    public string ApiVersion { get; init; } = "66.0";
}

/// <summary>The two kinds of Bulk API 2.0 jobs.</summary>
public enum BulkV2JobKind
{
    /// <summary>An ingest job (<c>/jobs/ingest</c>).</summary>
    Ingest,

    /// <summary>A query job (<c>/jobs/query</c>).</summary>
    Query,
}
