using System.Globalization;

namespace SfBulk.Sweeping;

/// <summary>What a sweep would do (a dry run): every open job found that matches the filter, with its decision.</summary>
public sealed class SweepPlan
{
    internal SweepPlan(IReadOnlyList<SweepPlanEntry> entries, SweepAction action, int jobsListed, long callsUsed, DateTimeOffset createdAt, TimeSpan elapsed)
    {
        Entries = entries;
        Action = action;
        JobsListed = jobsListed;
        CallsUsed = callsUsed;
        CreatedAt = createdAt;
        Elapsed = elapsed;
    }

    /// <summary>The open jobs that match the filter, in the order Get All Jobs listed them.</summary>
    public IReadOnlyList<SweepPlanEntry> Entries { get; }

    /// <summary>Close or abort.</summary>
    public SweepAction Action { get; }

    /// <summary>Jobs Get All Jobs returned in total (open or not, each once).</summary>
    public int JobsListed { get; }

    /// <summary>API requests spent making the plan (list pages, job reads), retries included.</summary>
    public long CallsUsed { get; }

    /// <summary>When the plan was made.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>How long making the plan took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Jobs to close.</summary>
    public int ToClose => Entries.Count(e => e.Decision == SweepDecision.Close);

    /// <summary>Jobs to abort.</summary>
    public int ToAbort => Entries.Count(e => e.Decision == SweepDecision.Abort);

    /// <summary>Jobs skipped.</summary>
    public int ToSkip => Entries.Count(e => e.Decision == SweepDecision.Skip);

    /// <summary>A one-line summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Entries.Count} open jobs of {JobsListed} listed: {ToClose} to close, {ToAbort} to abort, {ToSkip} skipped ({CallsUsed} calls)");
}
