namespace SfBulk.Watching;

/// <summary>Why an org watch ended.</summary>
public enum OrgWatchStopReason
{
    /// <summary>The caller cancelled it (Ctrl+C).</summary>
    Cancelled = 0,

    /// <summary>No matching open job was left to follow, as <see cref="OrgWatchOptions.StopWhenIdle"/> asked.</summary>
    Idle = 1,

    /// <summary><see cref="OrgWatcher.CanSpendAsync"/> refused the next listing (a spend floor was reached); jobs were left as they are.</summary>
    SpendLimit = 2,
}
