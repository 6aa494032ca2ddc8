using System.Diagnostics;
using System.Globalization;
using SfBulk.Models;
using SfBulk.Watching;
using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>
/// Shows a watch while it runs: a live Spectre progress bar on a terminal, plain lines (one whenever something
/// changed) for logs and CI, or nothing. Returns the watch's result.
/// </summary>
internal static class WatchDisplay
{
    /// <summary>Follows <paramref name="snapshots"/> with a live progress bar on <paramref name="console"/>.</summary>
    public static async Task<WatchResult> LiveAsync(IAnsiConsole console, IAsyncEnumerable<WatchProgress> snapshots, CancellationToken cancellationToken)
    {
        WatchResult? result = null;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Reading the job", maxValue: 1);
                task.IsIndeterminate = true;
                await foreach (var snapshot in snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    if (snapshot.Api == BulkApi.V2)
                    {
                        task.IsIndeterminate = !snapshot.IsFinal;
                        task.Value = snapshot.IsFinal ? task.MaxValue : 0;
                    }
                    else if (snapshot.BatchesTotal > 0)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = snapshot.BatchesTotal;
                        task.Value = snapshot.BatchesDone;
                    }

                    task.Description = Markup.Escape(Describe(snapshot));
                    if (snapshot.Result is { } final)
                    {
                        result = final;
                        task.StopTask();
                    }
                }
            }).ConfigureAwait(false);
        return result ?? throw new InvalidOperationException("The watch ended without a result.");
    }

    /// <summary>Follows <paramref name="snapshots"/>, writing a line to <paramref name="writer"/> whenever the job changed.</summary>
    public static async Task<WatchResult> PlainAsync(TextWriter writer, IAsyncEnumerable<WatchProgress> snapshots, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string? shown = null;
        await foreach (var snapshot in snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var line = Describe(snapshot);
            var key = snapshot.LastError is null ? line[..line.LastIndexOf(" · ", StringComparison.Ordinal)] : line;
            if (!string.Equals(key, shown, StringComparison.Ordinal) || snapshot.IsFinal)
            {
                shown = key;
                writer.WriteLine(FormattableString.Invariant($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {line}"));
                if (snapshot.LastError is not null && snapshot.Note is { } note)
                {
                    writer.WriteLine("         " + note);
                }
            }

            if (snapshot.Result is { } result)
            {
                return result;
            }
        }

        throw new InvalidOperationException("The watch ended without a result.");
    }

    /// <summary>Follows <paramref name="snapshots"/> silently.</summary>
    public static async Task<WatchResult> QuietAsync(IAsyncEnumerable<WatchProgress> snapshots, CancellationToken cancellationToken)
    {
        await foreach (var snapshot in snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (snapshot.Result is { } result)
            {
                return result;
            }
        }

        throw new InvalidOperationException("The watch ended without a result.");
    }

    /// <summary>
    /// <c>Open · batches 5/11 done (4 running, 2 queued, 1 failed) · 500,000 records · 4 calls</c>; for a Bulk 2.0
    /// job <c>InProgress · 5,000 records · 3 calls</c>. The calls come last (plain lines leave them out of the change test).
    /// </summary>
    public static string Describe(WatchProgress p)
    {
        var records = p.RecordsProcessed.ToString("N0", CultureInfo.InvariantCulture) + " records" + (p.RecordsFailed > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({p.RecordsFailed:N0} failed)") : string.Empty);
        var calls = p.CallsUsed == 1 ? "1 call" : string.Create(CultureInfo.InvariantCulture, $"{p.CallsUsed} calls");
        if (p.Api == BulkApi.V2)
        {
            return $"{p.State} · {records} · {calls}";
        }

        var batches = p.BatchesTotal == 0
            ? "no batches yet"
            : string.Create(CultureInfo.InvariantCulture, $"batches {p.BatchesDone}/{p.BatchesTotal} done ({p.BatchesInProgress} running, {p.BatchesQueued} queued, {p.BatchesFailed} failed{(p.BatchesNotProcessed > 0 ? $", {p.BatchesNotProcessed} not processed" : string.Empty)})");
        return $"{p.State} · {batches} · {records} · {calls}";
    }
}
