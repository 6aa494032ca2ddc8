namespace SfBulk.Watching;

/// <summary>One job the org watcher follows: what it last read and listed, and when it looks next.</summary>
internal sealed class WatchedJob
{
    public WatchedJob(JobInfo listed, PollPlanner planner, DateTimeOffset now)
    {
        Job = listed;
        ListedStamp = listed.SystemModstamp;
        Planner = planner;
        Plan(now, TimeSpan.Zero);
    }

    /// <summary>The job as last read (or as listed before the first read).</summary>
    public JobInfo Job { get; set; }

    public string Id => Job.Id;

    /// <summary>Bulk 1.0 (read for batch counts) or Bulk 2.0 (judged from its listed state).</summary>
    public bool IsV1 => Job.JobType is null || Job.JobType == BulkJobType.Classic;

    public PollPlanner Planner { get; }

    /// <summary>No batch of the job had finished at the last read (or it was not read yet): how long its batches take is not known.</summary>
    public bool AwaitsFirstChunk => Job.NumberBatchesCompleted + Job.NumberBatchesFailed == 0;

    /// <summary>The job's <c>systemModstamp</c> in the latest listing.</summary>
    public DateTimeOffset ListedStamp { get; set; }

    /// <summary>The job's <c>systemModstamp</c> at the last read; null before the first.</summary>
    public DateTimeOffset? ReadStamp { get; set; }

    /// <summary>When the job was last read, by the watcher's clock.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>
    /// The last read came within a couple of seconds of the job's stamp: a later change may carry the same
    /// whole-second stamp, so the next look reads even when the listed stamp did not move.
    /// </summary>
    public bool StampAmbiguous { get; set; }

    /// <summary>When the job is due for a look.</summary>
    public DateTimeOffset NextLookAt { get; private set; }

    /// <summary>When <see cref="NextLookAt"/> was planned.</summary>
    public DateTimeOffset PlannedAt { get; private set; }

    /// <summary>
    /// True when the job is due at <paramref name="now"/>, or close enough (half its planned pause gone) to be
    /// looked at with the listing already made for another job rather than with a listing of its own.
    /// </summary>
    public bool IsDue(DateTimeOffset now) =>
        NextLookAt <= now || (NextLookAt != DateTimeOffset.MaxValue && (NextLookAt - now) * 2 <= NextLookAt - PlannedAt);

    /// <summary>Plans the next look <paramref name="delay"/> after <paramref name="now"/>.</summary>
    public void Plan(DateTimeOffset now, TimeSpan delay)
    {
        PlannedAt = now;
        NextLookAt = delay == TimeSpan.MaxValue ? DateTimeOffset.MaxValue : now + delay;
    }

    /// <summary>A close was sent (and may have landed): a later "already closed" answer is this watcher's own close.</summary>
    public bool CloseSent => SentClose is not null;

    /// <summary>
    /// What the watcher found when it sent its close (null before): what finished, the kind of event its close
    /// reports, and when the last batch finished. A later read that finds the close landed reports it with these.
    /// </summary>
    public SentCloseFor? SentClose { get; set; }

    /// <summary>Transient failures in a row on this job's reads or close.</summary>
    public int Failures { get; set; }
}

/// <summary>The finished job a close was sent for: its summary, the event kind the close reports, and when its last batch finished.</summary>
internal sealed record SentCloseFor(string What, OrgWatchEventKind Kind, DateTimeOffset FinishedAt);
