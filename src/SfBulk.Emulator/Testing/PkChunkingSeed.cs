namespace SfBulk.Emulator;

/// <summary>
/// PK chunking of a seeded Bulk API 1.0 query job: one original batch that ends <c>NotProcessed</c> after
/// <see cref="EmulatorOptions.ChunkingDelay"/>, when its chunk batches appear and run
/// <see cref="EmulatorOptions.MaxParallelBatches"/> at a time.
/// </summary>
public sealed class PkChunkingSeed
{
    /// <summary>Records per chunk (1 to 250,000).</summary>
    /// <value>The default value is 100,000.</value>
    public int ChunkSize { get; init; } = 100_000;

    /// <summary>How many chunk batches; null means the object's record count divided by <see cref="ChunkSize"/>.</summary>
    /// <value>The default value is null.</value>
    public int? Chunks { get; init; }

    /// <summary>How long each chunk runs; null means <see cref="EmulatorOptions.BatchProcessingTime"/>.</summary>
    /// <value>The default value is null.</value>
    public TimeSpan? ChunkDuration { get; init; }

    /// <summary>1-based numbers of the chunks that end <c>Failed</c> (with a QUERY_TIMEOUT state message).</summary>
    public IReadOnlyCollection<int> FailChunks { get; init; } = [];
}
