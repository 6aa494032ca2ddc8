namespace SfBulk.Emulator;

/// <summary>
/// Bulk API 1.0 jobs to create in the emulated org with <see cref="EmulatorControl.SeedClassicJobsAsync"/>. Every
/// property is optional; the defaults make one open CSV insert job on Account, created now, with no batches.
/// </summary>
/// <example>
/// <code>
/// // 50 open jobs created 25 hours ago, each with 3 batches that have long finished:
/// var ids = await emulator.Control.SeedClassicJobsAsync(new ClassicJobSeed { Count = 50, Age = TimeSpan.FromHours(25), Batches = 3 });
/// </code>
/// </example>
public sealed class ClassicJobSeed
{
    /// <summary>How many identical jobs (1 to 100,000).</summary>
    /// <value>The default value is 1.</value>
    public int Count { get; init; } = 1;

    /// <summary>The sObject.</summary>
    /// <value>The default value is <c>Account</c>.</value>
    public string Object { get; init; } = "Account";

    /// <summary><c>insert</c>, <c>update</c>, <c>upsert</c>, <c>delete</c>, <c>hardDelete</c>, <c>query</c> or <c>queryAll</c>.</summary>
    /// <value>The default value is <c>insert</c>.</value>
    public string Operation { get; init; } = "insert";

    /// <summary>The job's state since creation: <c>Open</c>, <c>Closed</c>, <c>Aborted</c> or <c>Failed</c>.</summary>
    /// <value>The default value is <c>Open</c>.</value>
    public string State { get; init; } = "Open";

    /// <summary><c>CSV</c>, <c>XML</c>, <c>JSON</c> or a <c>ZIP_</c> type.</summary>
    /// <value>The default value is <c>CSV</c>.</value>
    public string ContentType { get; init; } = "CSV";

    /// <summary><c>Parallel</c> or <c>Serial</c>.</summary>
    /// <value>The default value is <c>Parallel</c>.</value>
    public string ConcurrencyMode { get; init; } = "Parallel";

    /// <summary>The user name of the job's creator; null means the org's default user.</summary>
    /// <value>The default value is null.</value>
    public string? CreatedBy { get; init; }

    /// <summary>How long before now the job was created (its batches are timed from that moment).</summary>
    /// <value>The default value is zero.</value>
    public TimeSpan Age { get; init; }

    /// <summary>The job's API version, such as <c>66.0</c>.</summary>
    /// <value>The default value is <c>66.0</c>.</value>
    public string ApiVersion { get; init; } = "66.0";

    /// <summary>
    /// Batches added at creation (0 to 1,000); they queue and run on the emulator's clock as usual, so a young job
    /// with batches is a running job.
    /// </summary>
    /// <value>The default value is 0.</value>
    public int Batches { get; init; }

    /// <summary>Records per batch.</summary>
    /// <value>The default value is 100.</value>
    public int RecordsPerBatch { get; init; } = 100;

    /// <summary>Failed records per batch (at most <see cref="RecordsPerBatch"/>).</summary>
    /// <value>The default value is 0.</value>
    public int FailedRecordsPerBatch { get; init; }

    /// <summary>The SOQL of query batches; null means <c>SELECT Id, Name FROM {Object}</c>.</summary>
    /// <value>The default value is null.</value>
    public string? Soql { get; init; }

    /// <summary>Makes the job a PK-chunked query (set <see cref="Operation"/> to <c>query</c>); null means no PK chunking.</summary>
    /// <value>The default value is null.</value>
    public PkChunkingSeed? PkChunking { get; init; }
}
