using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>
/// A batch as a client sees it at one instant: its state read off the timeline, counters filled in only once the
/// batch completed. Callers hold the job's gate.
/// </summary>
internal readonly record struct BatchSnapshot(
    string Id,
    string JobId,
    string State,
    string? StateMessage,
    DateTimeOffset CreatedDate,
    DateTimeOffset SystemModstamp,
    long RecordsProcessed,
    long RecordsFailed,
    long TotalProcessingTime,
    long ApiActiveProcessingTime)
{
    public static BatchSnapshot Of(EmulatedBatch batch, DateTimeOffset now)
    {
        var state = batch.Timeline.StateAt(now);
        var entered = batch.Timeline.EnteredAt(now);
        var done = state == BatchStates.Completed;
        var message = state is BatchStates.Failed or BatchStates.NotProcessed ? batch.StateMessage : null;
        var time = done ? batch.ProcessingTimeMs : 0;
        return new BatchSnapshot(
            batch.Id,
            batch.JobId,
            state,
            message,
            batch.CreatedDate,
            entered > batch.CreatedDate ? entered : batch.CreatedDate,
            done ? batch.RecordCount : 0,
            done ? batch.FailedRecordCount : 0,
            time,
            ApiActiveShare(time));
    }

    /// <summary>The share of processing time spent in the API (the rest is queue and commit time).</summary>
    public static long ApiActiveShare(long totalMs) => totalMs - (totalMs / 4);
}

/// <summary>A Bulk API 1.0 job as a client sees it at one instant, with counts derived from its batches.</summary>
internal readonly record struct JobSnapshot(
    EmulatedJob Job,
    string State,
    DateTimeOffset SystemModstamp,
    int Queued,
    int InProgress,
    int Completed,
    int Failed,
    int Total,
    long RecordsProcessed,
    long RecordsFailed,
    long TotalProcessingTime,
    long ApiActiveProcessingTime)
{
    /// <summary>
    /// Computes the counts at <paramref name="now"/>; the caller holds the job's gate. A PK-chunking original batch
    /// that ended <c>NotProcessed</c> (and a batch that an abort left <c>NotProcessed</c>) counts in
    /// <c>numberBatchesTotal</c> but in none of Queued/InProgress/Completed/Failed. Salesforce does not document this
    /// (unverified); it is the behaviour a client must survive, since a "Total == Completed + Failed" done test then
    /// never becomes true and the client has to account for NotProcessed batches itself.
    /// </summary>
    public static JobSnapshot Of(EmulatedJob job, DateTimeOffset now)
    {
        int queued = 0, inProgress = 0, completed = 0, failed = 0, total = 0;
        long processed = 0, recordsFailed = 0, time = 0;
        foreach (var batch in job.Batches)
        {
            if (batch.CreatedDate > now)
            {
                continue;
            }

            total++;
            switch (batch.Timeline.StateAt(now))
            {
                case BatchStates.Queued: queued++; break;
                case BatchStates.InProgress: inProgress++; break;
                case BatchStates.Failed: failed++; break;
                case BatchStates.Completed:
                    completed++;
                    processed += batch.RecordCount;
                    recordsFailed += batch.FailedRecordCount;
                    time += batch.ProcessingTimeMs;
                    break;
            }
        }

        return new JobSnapshot(
            job,
            job.StateAt(now),
            job.SystemModstampAt(now),
            queued,
            inProgress,
            completed,
            failed,
            total,
            processed,
            recordsFailed,
            time,
            BatchSnapshot.ApiActiveShare(time));
    }
}
