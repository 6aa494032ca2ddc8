namespace SfBulk.Emulator.State;

/// <summary>The parsed <c>Sforce-Enable-PKChunking</c> header of a Bulk API 1.0 job.</summary>
internal sealed record PkChunkingSettings(int ChunkSize, string? Parent, string? StartRow)
{
    /// <summary>Default chunk size (records per chunk).</summary>
    public const int DefaultChunkSize = 100_000;

    /// <summary>Largest chunk size Salesforce accepts.</summary>
    public const int MaxChunkSize = 250_000;
}
