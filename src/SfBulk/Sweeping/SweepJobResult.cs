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

    /// <summary>The plan entry.</summary>
    public SweepPlanEntry Entry { get; }

    /// <summary>The job's id.</summary>
    public string JobId => Entry.JobId;

    /// <summary>How it ended.</summary>
    public SweepOutcome Outcome { get; }

    /// <summary>True for Closed, Aborted, AlreadyClosed and AlreadyAborted.</summary>
    public bool IsSuccess => Outcome is SweepOutcome.Closed or SweepOutcome.Aborted or SweepOutcome.AlreadyClosed or SweepOutcome.AlreadyAborted;

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
        earlier == 0 ? this : new SweepJobResult(Entry, Outcome, Job, Reason, ErrorCode, StatusCode, Attempts + earlier);

    /// <summary>A one-line summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"{JobId} {Outcome}{(ErrorCode is null ? string.Empty : " " + ErrorCode)}{(Reason is null ? string.Empty : ": " + Reason)}";
}
