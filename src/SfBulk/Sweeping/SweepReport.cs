using System.Globalization;

namespace SfBulk.Sweeping;

/// <summary>What a sweep did: every job of the plan with its outcome, counts per outcome, the API calls and time spent.</summary>
public sealed class SweepReport
{
    internal SweepReport(SweepPlan plan, IReadOnlyList<SweepJobResult> jobs, long callsUsed, TimeSpan elapsed)
    {
        Plan = plan;
        Jobs = jobs;
        CallsUsed = callsUsed;
        Elapsed = elapsed;
        var counts = new Dictionary<SweepOutcome, int>();
        foreach (var outcome in Enum.GetValues<SweepOutcome>())
        {
            counts[outcome] = 0;
        }

        foreach (var job in jobs)
        {
            counts[job.Outcome]++;
        }

        Counts = counts;
    }

    /// <summary>The plan that was carried out.</summary>
    public SweepPlan Plan { get; }

    /// <summary>Salesforce's clock minus the sweeper's when the plan was made (<see cref="SweepPlan.ClockSkew"/>); null when unknown.</summary>
    public TimeSpan? ClockSkew => Plan.ClockSkew;

    /// <summary>A warning when the sweeper's clock is more than 5 minutes off Salesforce's (<see cref="SweepPlan.ClockWarning"/>); null otherwise.</summary>
    public string? ClockWarning => Plan.ClockWarning;

    /// <summary>Every job of the plan, in plan order, with its outcome: none is left out.</summary>
    public IReadOnlyList<SweepJobResult> Jobs { get; }

    /// <summary>Jobs per outcome (every outcome present, zero included).</summary>
    public IReadOnlyDictionary<SweepOutcome, int> Counts { get; }

    /// <summary>API requests of the plan and the sweep together, retries included.</summary>
    public long CallsUsed { get; }

    /// <summary>Time of the sweep itself (without making the plan).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>True when no job failed and the sweep was not cancelled (skipped jobs are not failures).</summary>
    public bool Succeeded => Counts[SweepOutcome.Failed] == 0 && !WasCancelled;

    /// <summary>True for the report of a cancelled sweep: the jobs it did not finish are <see cref="SweepOutcome.Cancelled"/>.</summary>
    public bool WasCancelled => Counts[SweepOutcome.Cancelled] > 0;

    /// <summary>Closed or aborted jobs (already-closed and already-aborted included) per second of <see cref="Elapsed"/>.</summary>
    public double JobsPerSecond => Elapsed > TimeSpan.Zero ? Jobs.Count(j => j.IsSuccess) / Elapsed.TotalSeconds : 0;

    /// <summary>A one-line summary, e.g. <c>120 jobs: 100 Closed, 15 AlreadyClosed, 3 Skipped, 2 Failed; 243 calls, 4.1 s</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var parts = Counts.Where(c => c.Value > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} {c.Key}"));
        return string.Create(CultureInfo.InvariantCulture, $"{Jobs.Count} jobs: {string.Join(", ", parts)}; {CallsUsed} calls, {Elapsed.TotalSeconds:0.#} s");
    }
}
