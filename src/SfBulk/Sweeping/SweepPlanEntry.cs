namespace SfBulk.Sweeping;

/// <summary>One open job a sweep found, and the state the plan asks of it.</summary>
public sealed class SweepPlanEntry
{
    internal SweepPlanEntry(JobInfo job, BulkApi api, CloseJobState? targetState, string? skipReason, bool? isPkChunked, int? pendingBatches)
    {
        Job = job;
        Api = api;
        TargetState = targetState;
        SkipReason = skipReason;
        IsPkChunked = isPkChunked;
        PendingBatches = pendingBatches;
    }

    /// <summary>The job as Get All Jobs listed it (or as read when its batches were checked).</summary>
    public JobInfo Job { get; }

    /// <summary>The job's id.</summary>
    public string JobId => Job.Id;

    /// <summary>The API the job belongs to.</summary>
    public BulkApi Api { get; }

    /// <summary>
    /// The state to ask of the job (<see cref="CloseJobState.Closed"/> or <see cref="CloseJobState.Aborted"/>, as
    /// <see cref="SweepOptions.TargetState"/> says); null when the job is skipped, and then <see cref="SkipReason"/> says why.
    /// </summary>
    public CloseJobState? TargetState { get; }

    /// <summary>Why the job is skipped; null unless <see cref="TargetState"/> is null.</summary>
    public string? SkipReason { get; }

    /// <summary>True for a PK-chunked Bulk 1.0 job, false when known not to be, null when not asked.</summary>
    public bool? IsPkChunked { get; }

    /// <summary>Batches queued or running when the job was read (PK-chunked jobs only); null when not read.</summary>
    public int? PendingBatches { get; }

    /// <summary>A one-line summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"{JobId} {Job.JobType?.ToString() ?? "Classic"} {Job.Operation} {Job.Object}: {TargetState?.ToString() ?? "Skipped"}{(SkipReason is null ? string.Empty : " (" + SkipReason + ")")}";
}
