using System.Globalization;
using SfBulk.Models;

namespace SfBulk.Cli.Demo;

/// <summary>A snapshot of a PK-chunked job's batches: the original batch and its chunk batches by state.</summary>
internal sealed record ChunkProgress(BatchState? Original, int Total, int Queued, int InProgress, int Completed, int Failed)
{
    /// <summary>Every chunk finished (Completed or Failed) and the original batch is NotProcessed.</summary>
    public bool IsDone => Original == BatchState.NotProcessed && Total > 0 && Completed + Failed == Total;

    /// <summary>The original batch failed: Salesforce could not chunk the query.</summary>
    public bool ChunkingFailed => Original == BatchState.Failed;

    /// <summary>Reads the batch list: the original batch (the one the SOQL was added as) and its chunk batches.</summary>
    public static ChunkProgress From(IReadOnlyList<BatchInfo> batches, string originalBatchId)
    {
        var original = batches.FirstOrDefault(b => string.Equals(b.Id, originalBatchId, StringComparison.Ordinal));
        var chunks = batches.Where(b => !ReferenceEquals(b, original)).ToList();
        return new(
            original?.State,
            chunks.Count,
            chunks.Count(b => b.State == BatchState.Queued),
            chunks.Count(b => b.State == BatchState.InProgress),
            chunks.Count(b => b.State == BatchState.Completed),
            chunks.Count(b => b.State == BatchState.Failed));
    }

    /// <summary><c>original batch NotProcessed; chunks: 10 total, 4 completed, 4 in progress, 2 queued, 0 failed</c>.</summary>
    public override string ToString() => Total == 0
        ? $"original batch {Original?.ToString() ?? "not yet listed"}; waiting for Salesforce to split the query into chunks"
        : string.Create(CultureInfo.InvariantCulture, $"original batch {Original}; chunks: {Total} total, {Completed} completed, {InProgress} in progress, {Queued} queued, {Failed} failed");
}
