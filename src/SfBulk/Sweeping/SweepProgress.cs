namespace SfBulk.Sweeping;

/// <summary>Reported after each job of a sweep finishes.</summary>
public sealed class SweepProgress
{
    internal SweepProgress(SweepJobResult latest, int done, int total, long callsUsed, TimeSpan elapsed)
    {
        Latest = latest;
        Done = done;
        Total = total;
        CallsUsed = callsUsed;
        Elapsed = elapsed;
    }

    /// <summary>The job that just finished.</summary>
    public SweepJobResult Latest { get; }

    /// <summary>Jobs finished so far (skipped ones included).</summary>
    public int Done { get; }

    /// <summary>Jobs in the plan.</summary>
    public int Total { get; }

    /// <summary>API requests spent so far, the plan's included.</summary>
    public long CallsUsed { get; }

    /// <summary>Time since the sweep started.</summary>
    public TimeSpan Elapsed { get; }
}
