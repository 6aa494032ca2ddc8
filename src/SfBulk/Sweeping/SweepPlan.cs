using System.Globalization;
using SfBulk.Limits;

namespace SfBulk.Sweeping;

/// <summary>What a sweep would do (a dry run): every open job found that matches the filter, with the state the sweep asks of it, or why it is skipped.</summary>
public sealed class SweepPlan
{
    internal SweepPlan(IReadOnlyList<SweepPlanEntry> entries, CloseJobState targetState, int jobsListed, long callsUsed, DateTimeOffset createdAt, TimeSpan elapsed)
    {
        Entries = entries;
        TargetState = targetState;
        JobsListed = jobsListed;
        CallsUsed = callsUsed;
        CreatedAt = createdAt;
        Elapsed = elapsed;
    }

    /// <summary>How far the sweeper's clock may be from Salesforce's before <see cref="ClockWarning"/> says so: 5 minutes.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The minimum age of the jobs considered (<see cref="SweepFilter.OlderThan"/>); null when jobs of any age were.</summary>
    public TimeSpan? MinimumAge { get; internal init; }

    /// <summary>
    /// The cutoff on Salesforce's clock: only jobs created at or before it were considered (<see cref="ServerTime"/>
    /// minus <see cref="MinimumAge"/>); null when jobs of any age were.
    /// </summary>
    public DateTimeOffset? CreatedBefore { get; internal init; }

    /// <summary>Salesforce's clock when the listing began (the <c>Date</c> header of its first answer); null when the answer had none.</summary>
    public DateTimeOffset? ServerTime { get; internal init; }

    /// <summary>
    /// Salesforce's clock minus the sweeper's (<see cref="SweepOptions.TimeProvider"/>) when the listing began, to
    /// the second; null when Salesforce's clock is unknown. Ages never depend on it: they are measured on Salesforce's clock.
    /// </summary>
    public TimeSpan? ClockSkew { get; internal init; }

    /// <summary>A warning when <see cref="ClockSkew"/> is more than <see cref="MaxClockSkew"/> either way; null otherwise.</summary>
    public string? ClockWarning => ClockSkew is { } skew && skew.Duration() > MaxClockSkew
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"This computer's clock is {Describe(skew.Duration())} {(skew > TimeSpan.Zero ? "behind" : "ahead of")} Salesforce's; job ages are measured on Salesforce's clock.")
        : null;

    /// <summary>The open jobs that match the filter, in the order Get All Jobs listed them.</summary>
    public IReadOnlyList<SweepPlanEntry> Entries { get; }

    /// <summary>The state the sweep asks of its jobs (<see cref="SweepOptions.TargetState"/>).</summary>
    public CloseJobState TargetState { get; }

    /// <summary>Jobs Get All Jobs returned in total (open or not, each once).</summary>
    public int JobsListed { get; }

    /// <summary>API requests spent making the plan (list pages, job reads), retries included.</summary>
    public long CallsUsed { get; }

    /// <summary>When the plan was made.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>How long making the plan took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>API requests carrying out the plan will spend: one per job to close or abort (more only for retries).</summary>
    public int RequestsToSpend => ToClose + ToAbort;

    /// <summary>The org's daily API request usage when the plan was made (from the listing's answers); null when unknown.</summary>
    public ApiUsage? ApiUsage { get; internal init; }

    /// <summary>Jobs to close.</summary>
    public int ToClose => Entries.Count(e => e.TargetState == CloseJobState.Closed);

    /// <summary>Jobs to abort.</summary>
    public int ToAbort => Entries.Count(e => e.TargetState == CloseJobState.Aborted);

    /// <summary>Jobs skipped.</summary>
    public int ToSkip => Entries.Count(e => e.TargetState is null);

    private static string Describe(TimeSpan span) =>
        span >= TimeSpan.FromDays(1) ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h")
        : span >= TimeSpan.FromHours(1) ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s");

    /// <summary>A one-line summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Entries.Count} open jobs of {JobsListed} listed: {ToClose} to close, {ToAbort} to abort, {ToSkip} skipped ({CallsUsed} calls)");
}
