namespace SfBulk.Watching;

/// <summary>What happened to a job (or to the watch) in one <see cref="OrgWatchEvent"/>.</summary>
public enum OrgWatchEventKind
{
    /// <summary>A matching open job was found and is now followed.</summary>
    Seen = 0,

    /// <summary>A followed job was read and still runs; the event carries its batch counts.</summary>
    Progress = 1,

    /// <summary>Every batch that will run finished and the watcher closed the job.</summary>
    Closed = 2,

    /// <summary>Every batch that will run finished; the job was left open (closing was not asked for, or it is a Bulk 2.0 job).</summary>
    Finished = 3,

    /// <summary>PK chunking failed (the original batch ended <c>Failed</c>); the job was closed when closing was asked for.</summary>
    ChunkingFailed = 4,

    /// <summary>Someone else closed the job while it was followed; it is dropped.</summary>
    ClosedByOthers = 5,

    /// <summary>Someone else aborted the job while it was followed; it is dropped.</summary>
    AbortedByOthers = 6,

    /// <summary>The job itself ended <c>Failed</c>; it is dropped.</summary>
    JobFailed = 7,

    /// <summary>A Bulk 2.0 ingest job is <c>Open</c>: it waits for its upload to be marked complete, which the watcher never does; it is dropped.</summary>
    WaitingForUpload = 8,

    /// <summary>Closing a finished job failed (see <see cref="OrgWatchEvent.Error"/>); it is dropped, never tried twice.</summary>
    CloseFailed = 9,

    /// <summary>A listing or read failed with a transient error; the watcher backs off and tries again.</summary>
    Retrying = 10,

    /// <summary>A followed job could not be read (no such job, no access); it is dropped and left as it is.</summary>
    Unreadable = 12,

    /// <summary>The watch ended; the event carries the <see cref="OrgWatchEvent.Report"/>.</summary>
    Stopped = 11,
}
