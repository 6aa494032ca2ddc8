using System.Net;

namespace SfBulk.Sweeping;

/// <summary>How one job of a sweep ended.</summary>
public sealed class SweepJobResult
{
    internal SweepJobResult(SweepPlanEntry entry, SweepOutcome outcome, JobInfo job, string? reason, string? errorCode = null, HttpStatusCode? statusCode = null, int attempts = 0)
    {
        Entry = entry;
        Outcome = outcome;
        Job = job;
        Reason = reason;
        ErrorCode = errorCode;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    /// <summary>A job the sweep closed or aborted: its outcome, job and attempts are the close's.</summary>
    internal SweepJobResult(SweepPlanEntry entry, CloseJobResult close, int earlierAttempts = 0)
        : this(entry, (SweepOutcome)close.Outcome, close.Job, null, attempts: close.Attempts + earlierAttempts)
    {
        Close = close;
    }

    /// <summary>The plan entry.</summary>
    public SweepPlanEntry Entry { get; }

    /// <summary>The job's id.</summary>
    public string JobId => Entry.JobId;

    /// <summary>How it ended: for a job the sweep closed or aborted, the close's <see cref="CloseJobResult.Outcome"/> (the values the two types share).</summary>
    public SweepOutcome Outcome { get; }

    /// <summary>
    /// The close or abort the sweep made (the job afterwards, its <see cref="CloseOutcome"/>, whether it was already in the
    /// requested state); null when the job was skipped, failed, cancelled or not tried.
    /// </summary>
    public CloseJobResult? Close { get; }

    /// <summary>True when the sweep closed or aborted the job, or found it so (Closed, Aborted, AlreadyClosed, AlreadyAborted): <see cref="Close"/> is set.</summary>
    public bool IsSuccess => Close is not null;

    /// <summary>The job after the close or abort; as listed when it was skipped or failed.</summary>
    public JobInfo Job { get; }

    /// <summary>Why it was skipped, or Salesforce's message when it failed; null on success.</summary>
    public string? Reason { get; }

    /// <summary>Salesforce's error code when it failed (e.g. <c>InvalidUser</c>), or sfbulk's (<c>NETWORK_ERROR</c>, <c>TIMEOUT</c>).</summary>
    public string? ErrorCode { get; }

    /// <summary>The HTTP status of the failure, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Close or abort requests sent for the job.</summary>
    public int Attempts { get; }

    /// <summary>This result with the close or abort requests of earlier turns of the same sweep added.</summary>
    internal SweepJobResult WithEarlierAttempts(int earlier) =>
        earlier == 0 ? this
        : Close is { } close ? new SweepJobResult(Entry, close, Attempts - close.Attempts + earlier)
        : new SweepJobResult(Entry, Outcome, Job, Reason, ErrorCode, StatusCode, Attempts + earlier);

    /// <summary>A one-line summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"{JobId} {Outcome}{(ErrorCode is null ? string.Empty : " " + ErrorCode)}{(Reason is null ? string.Empty : ": " + Reason)}";
}
