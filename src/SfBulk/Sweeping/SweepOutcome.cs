using SfBulk.Models;

namespace SfBulk.Sweeping;

/// <summary>
/// How one job of a sweep ended. The first four values are <see cref="CloseOutcome"/>'s, by declaration (same names,
/// same numbers): a job the sweep closed or aborted has the outcome of that close (<see cref="SweepJobResult.Close"/>).
/// The others are the sweep's own: the job was skipped, failed, cancelled or not tried.
/// </summary>
public enum SweepOutcome
{
    /// <summary>The job was closed: <see cref="CloseOutcome.Closed"/> of the close (<see cref="SweepJobResult.Close"/>).</summary>
    Closed = CloseOutcome.Closed,

    /// <summary>The job was aborted: <see cref="CloseOutcome.Aborted"/>.</summary>
    Aborted = CloseOutcome.Aborted,

    /// <summary>The job was already closed (e.g. by an earlier, interrupted sweep): <see cref="CloseOutcome.AlreadyClosed"/>; counts as success.</summary>
    AlreadyClosed = CloseOutcome.AlreadyClosed,

    /// <summary>The job was already aborted: <see cref="CloseOutcome.AlreadyAborted"/>; counts as success.</summary>
    AlreadyAborted = CloseOutcome.AlreadyAborted,

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
