using System.Globalization;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Cli.Output;

/// <summary>What the live watch display shows at one moment: the job's counts as of the last poll.</summary>
internal sealed record WatchFrame(
    BulkJobState State,
    BulkApi Api,
    int BatchesTotal,
    int BatchesDone,
    int BatchesInProgress,
    int BatchesQueued,
    int BatchesFailed,
    int BatchesNotProcessed,
    long RecordsProcessed,
    long RecordsFailed,
    long CallsUsed,
    bool IsFinal)
{
    /// <summary>The frame of a watch snapshot.</summary>
    public static WatchFrame Of(WatchProgress p) => new(
        p.State, p.Api, p.BatchesTotal, p.BatchesDone, p.BatchesInProgress, p.BatchesQueued, p.BatchesFailed,
        p.BatchesNotProcessed, p.RecordsProcessed, p.RecordsFailed, p.CallsUsed, p.IsFinal);

    /// <summary>The share of the work done from 0 to 1, or null while it cannot be known (no batches yet; a 2.0 job running).</summary>
    public double? Fraction => Api == BulkApi.V2
        ? (IsFinal ? 1 : null)
        : BatchesTotal > 0 ? (double)BatchesDone / BatchesTotal : null;

    /// <summary><c>45%</c>, or <c>--%</c> when the share cannot be known.</summary>
    public string Percent => Fraction is { } f ? ((int)Math.Floor(f * 100)).ToString(CultureInfo.InvariantCulture) + "%" : "--%";

    /// <summary><c>500,000 records</c> (<c>(3 failed)</c> when some failed).</summary>
    public string Records => RecordsProcessed.ToString("N0", CultureInfo.InvariantCulture) + " records"
        + (RecordsFailed > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({RecordsFailed:N0} failed)") : string.Empty);

    /// <summary><c>4 calls</c>.</summary>
    public string Calls => CallsUsed == 1 ? "1 call" : string.Create(CultureInfo.InvariantCulture, $"{CallsUsed:N0} calls");

    /// <summary><c>5/11 batches</c>, <c>no batches yet</c>, or nothing for a 2.0 job.</summary>
    public string? ShortBatches => Api == BulkApi.V2 ? null
        : BatchesTotal == 0 ? "no batches yet"
        : string.Create(CultureInfo.InvariantCulture, $"{BatchesDone:N0}/{BatchesTotal:N0} batches");

    /// <summary>
    /// <c>Open · batches 5/11 done (4 running, 2 queued, 1 failed) · 500,000 records · 4 calls</c>; for a Bulk 2.0
    /// job <c>InProgress · 5,000 records · 3 calls</c>. The calls come last (plain lines leave them out of the change test).
    /// </summary>
    public string Describe()
    {
        if (Api == BulkApi.V2)
        {
            return $"{State} · {Records} · {Calls}";
        }

        var batches = BatchesTotal == 0
            ? "no batches yet"
            : string.Create(CultureInfo.InvariantCulture, $"batches {BatchesDone:N0}/{BatchesTotal:N0} done ({BatchesInProgress:N0} running, {BatchesQueued:N0} queued, {BatchesFailed:N0} failed{(BatchesNotProcessed > 0 ? $", {BatchesNotProcessed:N0} not processed" : string.Empty)})");
        return $"{State} · {batches} · {Records} · {Calls}";
    }
}
