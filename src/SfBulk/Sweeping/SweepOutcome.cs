namespace SfBulk.Sweeping;

/// <summary>How one job of a sweep ended.</summary>
public enum SweepOutcome
{
    /// <summary>The job was closed.</summary>
    Closed = 0,

    /// <summary>The job was aborted.</summary>
    Aborted = 1,

    /// <summary>The job was already closed (e.g. by an earlier, interrupted sweep): counts as success.</summary>
    AlreadyClosed = 2,

    /// <summary>The job was already aborted: counts as success.</summary>
    AlreadyAborted = 3,

    /// <summary>The job was left alone; <see cref="SweepJobResult.Reason"/> says why.</summary>
    Skipped = 4,

    /// <summary>Salesforce refused or the request failed; <see cref="SweepJobResult.ErrorCode"/> and <see cref="SweepJobResult.Reason"/> say why.</summary>
    Failed = 5,

    /// <summary>
    /// The sweep was cancelled before this job's close or abort finished: the job may or may not have changed state.
    /// Only in the report of a <see cref="SweepCancelledException"/>; running the sweep again settles it.
    /// </summary>
    Cancelled = 6,

    /// <summary>
    /// Not tried: closing it would have taken the org's remaining daily API requests below
    /// <see cref="SweepOptions.MinApiRemaining"/>. The job was left as it is; run the sweep again once the org has room.
    /// </summary>
    ApiFloorReached = 7,
}
