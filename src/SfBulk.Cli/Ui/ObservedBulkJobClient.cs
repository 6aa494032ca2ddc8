using SfBulk.Models;

namespace SfBulk.Cli.Ui;

/// <summary>
/// A <see cref="BulkJobClient"/> that hands every batch list it reads to a callback, so a job page shows the batch
/// lists the watcher reads anyway instead of reading its own.
/// </summary>
internal sealed class ObservedBulkJobClient(SalesforceConnection connection, Action<string, IReadOnlyList<BatchInfo>> batchesRead)
    : BulkJobClient(connection)
{
    public override async Task<IReadOnlyList<BatchInfo>> GetBatchesAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var batches = await base.GetBatchesAsync(jobId, cancellationToken).ConfigureAwait(false);
        batchesRead(jobId, batches);
        return batches;
    }
}
