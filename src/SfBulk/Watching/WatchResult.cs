using System.Globalization;

namespace SfBulk.Watching;

/// <summary>How a watch ended: the job as last read, the outcome, and what it cost.</summary>
public sealed class WatchResult
{
    internal WatchResult(JobInfo job, BulkApi api, WatchOutcome outcome, string message, long callsUsed, int polls, TimeSpan elapsed)
    {
        Job = job;
        Api = api;
        Outcome = outcome;
        Message = message;
        CallsUsed = callsUsed;
        Polls = polls;
        Elapsed = elapsed;
    }

    /// <summary>The job as last read (after the close or abort when there was one).</summary>
    public JobInfo Job { get; }

    /// <summary>The job's id.</summary>
    public string JobId => Job.Id;

    /// <summary>The API the job belongs to.</summary>
    public BulkApi Api { get; }

    /// <summary>How the watch ended.</summary>
    public WatchOutcome Outcome { get; }

    /// <summary>The outcome in words a person can act on.</summary>
    public string Message { get; }

    /// <summary>API requests the watch sent: polls, batch lists, the close or abort, retries included.</summary>
    public long CallsUsed { get; }

    /// <summary>Job reads sent (one per poll).</summary>
    public int Polls { get; }

    /// <summary>Time from the start of the watch to its end.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>When the last batch finished, as Salesforce stamped the job (its <c>systemModstamp</c> when the end was seen).</summary>
    public DateTimeOffset? FinishedAt { get; internal init; }

    /// <summary>The close or abort the watch made, if any.</summary>
    public CloseJobResult? Close { get; internal init; }

    /// <summary>When the close or abort answered.</summary>
    public DateTimeOffset? ClosedAt { get; internal init; }

    /// <summary>
    /// How long after the last batch finished the job was closed (<see cref="ClosedAt"/> − <see cref="FinishedAt"/>);
    /// null when the watch did not close the job. Compares Salesforce's clock with the local one, and Salesforce stamps
    /// whole seconds, so it may read up to a second long.
    /// </summary>
    public TimeSpan? CloseDelay => ClosedAt is { } closed && FinishedAt is { } finished && Close is not null
        ? closed > finished ? closed - finished : TimeSpan.Zero
        : null;

    /// <summary>The error that ended the watch without an exception (<see cref="WatchOutcome.CloseFailed"/>, a failed abort on timeout).</summary>
    public Exception? Error { get; internal init; }

    /// <summary>A one-line summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Outcome}: {Message} ({CallsUsed} calls, {Elapsed.TotalSeconds:0.#} s)");
}
