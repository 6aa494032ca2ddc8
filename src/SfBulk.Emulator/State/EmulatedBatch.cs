namespace SfBulk.Emulator.State;

/// <summary>A Bulk API 1.0 batch. Guarded by its job's <see cref="EmulatedJob.Gate"/>.</summary>
internal sealed class EmulatedBatch
{
    public EmulatedBatch(string id, string jobId, DateTimeOffset createdDate)
    {
        Id = id;
        JobId = jobId;
        CreatedDate = createdDate;
        Timeline = new StateTimeline(createdDate, BatchStates.Queued);
    }

    public string Id { get; }

    public string JobId { get; }

    public DateTimeOffset CreatedDate { get; }

    /// <summary>Queued → InProgress → Completed/Failed; NotProcessed on abort or as a PK-chunking original.</summary>
    public StateTimeline Timeline { get; }

    /// <summary>Set when the batch ends Failed or NotProcessed with a reason.</summary>
    public string? StateMessage { get; set; }

    /// <summary>Records the batch holds (ingest) or returns (query) once completed.</summary>
    public long RecordCount { get; set; }

    /// <summary>Records that failed (ingest) once completed.</summary>
    public long FailedRecordCount { get; set; }

    /// <summary>True for the original batch of a PK-chunked query job (it ends NotProcessed).</summary>
    public bool IsPkChunkingOriginal { get; set; }

    /// <summary>The uploaded request body exactly as received (records, or the SOQL of a query batch).</summary>
    public byte[] Request { get; set; } = [];

    /// <summary>The Content-Type the batch was uploaded with.</summary>
    public string RequestContentType { get; set; } = "text/csv";

    /// <summary>For query batches: the SOQL, with the chunk's Id boundaries when it is a chunk batch.</summary>
    public string? Soql { get; set; }

    /// <summary>For query chunk batches: the zero-based record offset and count of the chunk within the object.</summary>
    public (long Offset, long Count)? ChunkRange { get; set; }

    /// <summary>For query batches: ids of the result files (752 prefix), available once completed.</summary>
    public List<string> ResultIds { get; } = [];

    /// <summary>For ingest batches: the parsed records, one dictionary of field → value per record.</summary>
    public List<Dictionary<string, string>> Records { get; } = [];

    /// <summary>Time processing took (ms), reported once completed.</summary>
    public long ProcessingTimeMs { get; set; }
}
