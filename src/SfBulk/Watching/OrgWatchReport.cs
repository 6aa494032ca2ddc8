using System.Globalization;

namespace SfBulk.Watching;

/// <summary>What an org watch did: every job it finished with (closed, left open, dropped), those still followed, and the cost.</summary>
public sealed class OrgWatchReport
{
    internal OrgWatchReport(OrgWatchStopReason reason, IReadOnlyList<OrgWatchEvent> jobs, IReadOnlyList<string> stillWatched, long callsUsed, int listings, int reads, TimeSpan elapsed, string? stopDetail = null)
    {
        StopReason = reason;
        StopDetail = stopDetail;
        Jobs = jobs;
        StillWatched = stillWatched;
        CallsUsed = callsUsed;
        Listings = listings;
        Reads = reads;
        Elapsed = elapsed;
    }

    /// <summary>Why the watch ended.</summary>
    public OrgWatchStopReason StopReason { get; }

    /// <summary>
    /// Why the watch ended, in words, when the reason needs them: for <see cref="OrgWatchStopReason.SpendLimit"/>, the
    /// org's remaining API requests and the floor. Null otherwise.
    /// </summary>
    public string? StopDetail { get; }

    /// <summary>The last event of every job the watch finished with, in order (each job once).</summary>
    public IReadOnlyList<OrgWatchEvent> Jobs { get; }

    /// <summary>The ids of the jobs still followed when the watch ended; they were left as they are.</summary>
    public IReadOnlyList<string> StillWatched { get; }

    /// <summary>The jobs the watcher closed (chunking failures it closed included).</summary>
    public IEnumerable<OrgWatchEvent> Closed => Jobs.Where(e => e.Close is not null && e.Kind is OrgWatchEventKind.Closed or OrgWatchEventKind.ChunkingFailed);

    /// <summary>API requests the watch sent: listings, reads, batch lists, closes, retries included.</summary>
    public long CallsUsed { get; }

    /// <summary>Listings sent (one per page).</summary>
    public int Listings { get; }

    /// <summary>Job and batch-list reads sent.</summary>
    public int Reads { get; }

    /// <summary>Time from the start of the watch to its end.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>How many jobs ended with <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind of the job's last event.</param>
    /// <returns>The count.</returns>
    public int Count(OrgWatchEventKind kind) => Jobs.Count(e => e.Kind == kind);

    /// <summary>A one-line summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{StopReason}{(StopDetail is { } detail ? " (" + detail + ")" : string.Empty)}: {Closed.Count()} closed, {Jobs.Count} finished with, {StillWatched.Count} still followed; {CallsUsed} calls ({Listings} listings, {Reads} reads) in {Elapsed.TotalSeconds:0.#} s");
}
