namespace SfBulk.Watching;

/// <summary>How a watch ended.</summary>
public enum WatchOutcome
{
    /// <summary>Every batch that will run finished (Bulk 1.0; failed batches included) or the 2.0 job is <c>JobComplete</c>; the job was not closed.</summary>
    Completed = 0,

    /// <summary>Every batch finished and the job was closed (or was found already closed) as <see cref="WatchOptions.CloseWhenDone"/> asked.</summary>
    Closed = 1,

    /// <summary>
    /// The original (first) batch of a Bulk 1.0 query job ended <c>Failed</c>: PK chunking failed (or, without chunking,
    /// the query itself did); chunks already queued ran to the end. Decided by the batch's state, never its message.
    /// </summary>
    ChunkingFailed = 2,

    /// <summary>The job itself ended <c>Failed</c>.</summary>
    JobFailed = 3,

    /// <summary>The job was aborted by someone else while it was watched.</summary>
    AbortedByOthers = 4,

    /// <summary>The timeout elapsed; the job was left as it is.</summary>
    TimedOut = 5,

    /// <summary>The timeout elapsed and the job was aborted, as <see cref="WatchOptions.AbortOnTimeout"/> asked.</summary>
    AbortedOnTimeout = 6,

    /// <summary><see cref="WatchOptions.MaxCalls"/> would have been exceeded; the job was left as it is.</summary>
    CallLimitReached = 7,

    /// <summary>
    /// A Bulk 2.0 ingest job is still <c>Open</c>: Salesforce processes it only once its upload is marked complete
    /// (<c>UploadComplete</c>), so it cannot finish by itself. Close it to start processing, then watch it.
    /// </summary>
    WaitingForUpload = 8,

    /// <summary>Every batch finished but closing the job failed; see <see cref="WatchResult.Error"/>.</summary>
    CloseFailed = 9,

    /// <summary>
    /// The watch stopped before the org's remaining daily API requests would fall below
    /// <see cref="WatchOptions.MinApiRemaining"/> (the request for the close or abort kept in reserve); the job was
    /// left as it is.
    /// </summary>
    ApiFloorReached = 10,
}
