using System.Globalization;

namespace SfBulk.Watching;

/// <summary>One thing an <see cref="OrgWatcher"/> saw or did: a job found, read, closed or dropped, a retry, or the end.</summary>
public sealed record OrgWatchEvent
{
    internal OrgWatchEvent(OrgWatchEventKind kind, JobInfo? job, DateTimeOffset at, string message, long callsUsed)
    {
        Kind = kind;
        Job = job;
        At = at;
        Message = message;
        CallsUsed = callsUsed;
    }

    /// <summary>What happened.</summary>
    public OrgWatchEventKind Kind { get; }

    /// <summary>The job as last read or listed (after the close when there was one); null for <see cref="OrgWatchEventKind.Retrying"/> and <see cref="OrgWatchEventKind.Stopped"/>.</summary>
    public JobInfo? Job { get; }

    /// <summary>The job's id, or null.</summary>
    public string? JobId => Job?.Id;

    /// <summary>When it happened, by the watcher's clock.</summary>
    public DateTimeOffset At { get; }

    /// <summary>What happened in words a person can act on.</summary>
    public string Message { get; }

    /// <summary>API requests the whole watch sent so far (listings, reads, batch lists, closes, retries included).</summary>
    public long CallsUsed { get; }

    /// <summary>When the last batch finished, as Salesforce stamped the job (set on <see cref="OrgWatchEventKind.Closed"/>, <see cref="OrgWatchEventKind.Finished"/> and <see cref="OrgWatchEventKind.ChunkingFailed"/>).</summary>
    public DateTimeOffset? FinishedAt { get; internal init; }

    /// <summary>The close the watcher made, if any.</summary>
    public CloseJobResult? Close { get; internal init; }

    /// <summary>The error behind <see cref="OrgWatchEventKind.CloseFailed"/>, <see cref="OrgWatchEventKind.Unreadable"/> or <see cref="OrgWatchEventKind.Retrying"/>.</summary>
    public Exception? Error { get; internal init; }

    /// <summary>The report of the whole watch; set on the <see cref="OrgWatchEventKind.Stopped"/> event only.</summary>
    public OrgWatchReport? Report { get; internal init; }

    /// <summary>True for the events that end the following of a job (closed, finished, dropped).</summary>
    public bool EndsJob => Kind is not (OrgWatchEventKind.Seen or OrgWatchEventKind.Progress or OrgWatchEventKind.Retrying or OrgWatchEventKind.Stopped);

    /// <summary>A one-line summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{At:HH:mm:ss.fff} {Kind}{(JobId is { } id ? " " + id : string.Empty)}: {Message}");
}
