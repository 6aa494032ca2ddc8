using System.Globalization;

namespace SfBulk.Watching;

/// <summary>One snapshot of a watched job, produced after every poll; the last one carries the <see cref="Result"/>.</summary>
public sealed class WatchProgress
{
    internal WatchProgress(JobInfo job, BulkApi api, TimeSpan elapsed, long callsUsed, DateTimeOffset? nextPollAt, DateTimeOffset? estimatedFinishAt, string? note, Exception? lastError, WatchResult? result)
    {
        Job = job;
        Api = api;
        Elapsed = elapsed;
        CallsUsed = callsUsed;
        NextPollAt = nextPollAt;
        EstimatedFinishAt = estimatedFinishAt;
        Note = note;
        LastError = lastError;
        Result = result;
    }

    /// <summary>The job as last read.</summary>
    public JobInfo Job { get; }

    /// <summary>The job's id.</summary>
    public string JobId => Job.Id;

    /// <summary>The API the job belongs to.</summary>
    public BulkApi Api { get; }

    /// <summary>The job's state.</summary>
    public BulkJobState State => Job.State;

    /// <summary>All batches, the PK-chunking original included (Bulk 1.0; 0 for 2.0 jobs).</summary>
    public int BatchesTotal => Job.NumberBatchesTotal;

    /// <summary>Batches that reached a terminal state: completed, failed, or not processed (a PK-chunking original, or queued when the job was aborted).</summary>
    public int BatchesDone => BatchesCompleted + BatchesFailed + BatchesNotProcessed;

    /// <summary>Batches completed.</summary>
    public int BatchesCompleted => Job.NumberBatchesCompleted;

    /// <summary>Batches failed.</summary>
    public int BatchesFailed => Job.NumberBatchesFailed;

    /// <summary>Batches <c>NotProcessed</c>: counted in the total but in no other counter.</summary>
    public int BatchesNotProcessed => Math.Max(0, BatchesTotal - BatchesQueued - BatchesInProgress - BatchesCompleted - BatchesFailed);

    /// <summary>Batches waiting to run.</summary>
    public int BatchesQueued => Job.NumberBatchesQueued;

    /// <summary>Batches running.</summary>
    public int BatchesInProgress => Job.NumberBatchesInProgress;

    /// <summary>Records processed so far.</summary>
    public long RecordsProcessed => Job.NumberRecordsProcessed;

    /// <summary>Records that failed so far.</summary>
    public long RecordsFailed => Job.NumberRecordsFailed;

    /// <summary>Time since the watch started.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>API requests sent by the watch so far (retries included).</summary>
    public long CallsUsed { get; }

    /// <summary>When the next poll is due; null on the last snapshot.</summary>
    public DateTimeOffset? NextPollAt { get; }

    /// <summary>When the remaining batches are expected to finish, once there is enough progress to tell.</summary>
    public DateTimeOffset? EstimatedFinishAt { get; }

    /// <summary>A remark for people, e.g. "PK chunking: waiting for the chunk batches" or a tolerated poll failure.</summary>
    public string? Note { get; }

    /// <summary>The transient error of the last poll when it failed (the watch goes on); null otherwise.</summary>
    public Exception? LastError { get; }

    /// <summary>The outcome; set on the last snapshot only.</summary>
    public WatchResult? Result { get; }

    /// <summary>True on the last snapshot.</summary>
    public bool IsFinal => Result is not null;

    /// <summary>A one-line summary, e.g. <c>750… Open: batches 12/41 done (4 running, 24 queued, 0 failed); 9 calls</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => Api == BulkApi.V2
        ? string.Create(CultureInfo.InvariantCulture, $"{JobId} {State}: {RecordsProcessed} records processed; {CallsUsed} calls")
        : string.Create(CultureInfo.InvariantCulture, $"{JobId} {State}: batches {BatchesDone}/{BatchesTotal} done ({BatchesInProgress} running, {BatchesQueued} queued, {BatchesFailed} failed); {CallsUsed} calls");
}
