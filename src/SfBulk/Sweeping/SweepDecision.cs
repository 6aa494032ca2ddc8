namespace SfBulk.Sweeping;

/// <summary>What a sweep plan says to do with one job.</summary>
public enum SweepDecision
{
    /// <summary>Close the job.</summary>
    Close = 0,

    /// <summary>Abort the job.</summary>
    Abort = 1,

    /// <summary>Leave the job; <see cref="SweepPlanEntry.SkipReason"/> says why.</summary>
    Skip = 2,
}
