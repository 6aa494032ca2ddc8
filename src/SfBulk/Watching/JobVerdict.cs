namespace SfBulk.Watching;

/// <summary>What one read of a watched job says.</summary>
internal enum JobVerdict
{
    /// <summary>Batches are queued or running, or none were added yet.</summary>
    Running,

    /// <summary>Every batch that will run is terminal.</summary>
    Done,

    /// <summary>The counts cannot tell; the batch list decides.</summary>
    NeedsBatchList,

    /// <summary>The PK-chunking original batch failed; nothing else is pending.</summary>
    ChunkingFailed,

    /// <summary>The job was aborted.</summary>
    Aborted,

    /// <summary>The job failed.</summary>
    Failed,

    /// <summary>A Bulk 2.0 ingest job still Open: it cannot finish before its upload is marked complete.</summary>
    WaitingForUpload,
}

/// <summary>Judges a job read: Bulk 1.0 from its batch counts, Bulk 2.0 from its state.</summary>
internal static class JobVerdicts
{
    /// <summary>
    /// Bulk 1.0: done when nothing is queued or running and the original batch of a PK-chunked job is resolved. A
    /// <c>NotProcessed</c> batch (the chunking original, or queued when the job was aborted) counts in the total but in
    /// no other counter, so <c>Total == Completed + Failed</c> never holds for a chunked job and is not used.
    /// </summary>
    public static JobVerdict Judge(JobInfo job, bool isV1)
    {
        if (job.State == BulkJobState.Aborted)
        {
            return JobVerdict.Aborted;
        }

        if (job.State == BulkJobState.Failed)
        {
            return JobVerdict.Failed;
        }

        if (!isV1)
        {
            return job.State == BulkJobState.JobComplete ? JobVerdict.Done
                : job.State == BulkJobState.Open ? JobVerdict.WaitingForUpload
                : JobVerdict.Running;
        }

        if (job.NumberBatchesTotal == 0 || job.NumberBatchesQueued > 0 || job.NumberBatchesInProgress > 0)
        {
            return JobVerdict.Running;
        }

        var finished = job.NumberBatchesCompleted + job.NumberBatchesFailed;
        var notProcessed = job.NumberBatchesTotal - finished;
        if (notProcessed > 0 && finished == 0)
        {
            // Only NotProcessed batches: a chunked original whose chunks are not listed (yet); the batch list decides.
            return JobVerdict.NeedsBatchList;
        }

        if (notProcessed == 0 && job.NumberBatchesFailed > 0 && JobRoutes.IsQuery(job))
        {
            // A chunked job whose original batch failed looks like a query job with a failed batch.
            return JobVerdict.NeedsBatchList;
        }

        return JobVerdict.Done;
    }

    /// <summary>
    /// Decides what the counts could not, from the batch list. Batches that are all <c>NotProcessed</c> (or none) are
    /// a PK-chunking original whose chunk batches are not listed yet: still running, not done.
    /// </summary>
    public static JobVerdict Judge(IReadOnlyList<BatchInfo> batches)
    {
        if (batches.Any(b => b.State == BatchState.Queued || b.State == BatchState.InProgress)
            || batches.All(b => b.State == BatchState.NotProcessed))
        {
            return JobVerdict.Running;
        }

        // Decided by the original (first) batch's state, never by its stateMessage: a chunked query's original batch
        // ends NotProcessed when chunking worked and Failed when it did not.
        var first = batches.OrderBy(b => b.CreatedDate).FirstOrDefault();
        return first is not null && first.State == BatchState.Failed
            ? JobVerdict.ChunkingFailed
            : JobVerdict.Done;
    }
}
