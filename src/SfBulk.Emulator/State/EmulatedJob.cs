namespace SfBulk.Emulator.State;

/// <summary>
/// A bulk job of either API version. All mutable state is guarded by <see cref="Gate"/>; readers take the gate too.
/// Bulk 1.0 counts (batches, records, times) are derived from <see cref="Batches"/> at read time.
/// </summary>
internal sealed class EmulatedJob
{
    public EmulatedJob(string id, JobKind kind, DateTimeOffset createdDate, string initialState)
    {
        Id = id;
        Kind = kind;
        CreatedDate = createdDate;
        Timeline = new StateTimeline(createdDate, initialState);
    }

    /// <summary>Guards every member below and the job's batches.</summary>
    public Lock Gate { get; } = new();

    public string Id { get; }

    public JobKind Kind { get; }

    /// <summary>Position in creation order, for stable paging of Get All Jobs.</summary>
    public long Sequence { get; init; }

    public required string Operation { get; init; }

    public required string Object { get; init; }

    public required string CreatedById { get; init; }

    public DateTimeOffset CreatedDate { get; }

    /// <summary>The job's own state over time (2.0 jobs schedule InProgress/JobComplete here).</summary>
    public StateTimeline Timeline { get; }

    /// <summary>Last time a client changed the job (create, close, abort, upload).</summary>
    public DateTimeOffset LastModified { get; set; }

    public string ConcurrencyMode { get; init; } = "Parallel";

    /// <summary>1.0: CSV, JSON, XML, ZIP_*; 2.0: CSV.</summary>
    public string ContentType { get; init; } = "XML";

    public string? ExternalIdFieldName { get; init; }

    public string? AssignmentRuleId { get; init; }

    /// <summary>The API version the job was created with, e.g. "66.0".</summary>
    public required string ApiVersion { get; init; }

    /// <summary>Set when the 1.0 job was created with the PK chunking header.</summary>
    public PkChunkingSettings? PkChunking { get; init; }

    public int NumberRetries { get; set; }

    /// <summary>Bulk 1.0 batches in creation order (chunk batches appear with future creation dates).</summary>
    public List<EmulatedBatch> Batches { get; } = [];

    // ---- Bulk API 2.0 only ----

    /// <summary>2.0 query jobs: the SOQL.</summary>
    public string? Query { get; init; }

    public string LineEnding { get; init; } = "LF";

    public string ColumnDelimiter { get; init; } = "COMMA";

    public string? ErrorMessage { get; set; }

    /// <summary>2.0 ingest jobs: the CSV uploaded so far.</summary>
    public MemoryStream UploadedData { get; } = new();

    /// <summary>How many uploads (<c>PUT …/batches</c>) a 2.0 ingest job received.</summary>
    public int UploadCount { get; set; }

    /// <summary>2.0 jobs: records processed and failed, known once the job completes.</summary>
    public long V2RecordsProcessed { get; set; }

    public long V2RecordsFailed { get; set; }

    /// <summary>2.0 ingest jobs: parsed records, available for results.</summary>
    public List<Dictionary<string, string>> V2Records { get; } = [];

    /// <summary>True once DELETE removed the job (it then answers NOT_FOUND).</summary>
    public bool Deleted { get; set; }

    /// <summary>The job's state at <paramref name="now"/>.</summary>
    public string StateAt(DateTimeOffset now) => Timeline.StateAt(now);

    /// <summary>The job's systemModstamp at <paramref name="now"/>: its last change, including batch transitions.</summary>
    public DateTimeOffset SystemModstampAt(DateTimeOffset now)
    {
        var stamp = LastModified > Timeline.EnteredAt(now) ? LastModified : Timeline.EnteredAt(now);
        foreach (var batch in Batches)
        {
            if (batch.CreatedDate > now)
            {
                continue;
            }

            var entered = batch.Timeline.EnteredAt(now);
            if (entered > stamp)
            {
                stamp = entered;
            }
        }

        return stamp;
    }
}
