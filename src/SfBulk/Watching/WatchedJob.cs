using SfBulk.Models;

namespace SfBulk.Watching;

/// <summary>One job the org watcher follows: what it last read and listed, and when it looks next.</summary>
internal sealed class WatchedJob
{
    public WatchedJob(JobInfo listed, PollPlanner planner, DateTimeOffset now)
    {
        Job = listed;
        ListedStamp = listed.SystemModstamp;
        Planner = planner;
        NextLookAt = now;
    }

    /// <summary>The job as last read (or as listed before the first read).</summary>
    public JobInfo Job { get; set; }

    public string Id => Job.Id;

    /// <summary>Bulk 1.0 (read for batch counts) or Bulk 2.0 (judged from its listed state).</summary>
    public bool IsV1 => Job.JobType is null || Job.JobType == BulkJobType.Classic;

    public PollPlanner Planner { get; }

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
    public DateTimeOffset NextLookAt { get; set; }

    /// <summary>A close was sent (and may have landed): a later "already closed" answer is this watcher's own close.</summary>
    public bool CloseSent { get; set; }

    /// <summary>Transient failures in a row on this job's reads or close.</summary>
    public int Failures { get; set; }
}
