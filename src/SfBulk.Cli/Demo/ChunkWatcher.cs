using System.Diagnostics;
using SfBulk.Cli.Infrastructure;
using Spectre.Console;

namespace SfBulk.Cli.Demo;

/// <summary>Polls a PK-chunked job's batches through the library until every chunk is done, showing progress.</summary>
internal sealed class ChunkWatcher(BulkJobClient client, string jobId, string originalBatchId, TimeSpan pollInterval, TimeSpan limit)
{
    /// <summary>How many times the batch list was read.</summary>
    public int Polls { get; private set; }

    /// <summary>Watches with a live Spectre progress display (a terminal).</summary>
    public async Task<ChunkProgress> WatchLiveAsync(IAnsiConsole console, CancellationToken cancellationToken)
    {
        ChunkProgress? last = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var chunking = ctx.AddTask("Splitting the query into chunks", maxValue: 1);
                var chunks = ctx.AddTask("Chunk batches done", maxValue: 1);
                chunks.IsIndeterminate = true;
                last = await PollAsync(
                    p =>
                    {
                        if (p.Total > 0)
                        {
                            chunking.Value = 1;
                            chunks.IsIndeterminate = false;
                            chunks.MaxValue = p.Total;
                            chunks.Value = p.Completed + p.Failed;
                            chunks.Description = $"Chunk batches done ({p.Completed} completed, {p.InProgress} in progress, {p.Queued} queued, {p.Failed} failed)";
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
                chunking.StopTask();
                chunks.StopTask();
            }).ConfigureAwait(false);
        return last!;
    }

    /// <summary>Watches printing one plain line whenever the counts change (logs, CI).</summary>
    public Task<ChunkProgress> WatchPlainAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        ChunkProgress? shown = null;
        return PollAsync(
            p =>
            {
                if (p != shown)
                {
                    shown = p;
                    writer.WriteLine(FormattableString.Invariant($"[{started.Elapsed.TotalSeconds,5:0.0}s] {p}"));
                }
            },
            cancellationToken);
    }

    private async Task<ChunkProgress> PollAsync(Action<ChunkProgress> report, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var batches = await client.GetBatchesAsync(jobId, cancellationToken).ConfigureAwait(false);
            Polls++;
            var progress = ChunkProgress.From(batches, originalBatchId);
            report(progress);
            if (progress.IsDone)
            {
                return progress;
            }

            if (progress.ChunkingFailed)
            {
                throw new CliException($"Salesforce could not split the query into chunks: the original batch {originalBatchId} failed.", ExitCodes.ApiError);
            }

            if (deadline.Elapsed > limit)
            {
                throw new CliException($"The chunks did not finish within {limit.TotalSeconds:0} seconds ({progress}).", ExitCodes.Timeout);
            }

            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
