namespace SfBulk.Models;

/// <summary>The result of closing or aborting a job: the job as Salesforce describes it afterwards, and how it got there.</summary>
/// <remarks>Build instances in your own tests with <see cref="SfBulkModelFactory.CloseJobResult"/>.</remarks>
public sealed class CloseJobResult
{
    internal CloseJobResult(JobInfo job, CloseOutcome outcome, bool wasAlreadyInRequestedState, int attempts, BulkApi api)
    {
        Job = job;
        Outcome = outcome;
        WasAlreadyInRequestedState = wasAlreadyInRequestedState;
        Attempts = attempts;
        Api = api;
    }

    /// <summary>The job after the operation (the full JobInfo).</summary>
    public JobInfo Job { get; }

    /// <summary>How the operation ended.</summary>
    public CloseOutcome Outcome { get; }

    /// <summary>
    /// True when the job's state was confirmed by reading the job rather than by the close response: after
    /// <see cref="CloseOutcome.AlreadyClosed"/>/<see cref="CloseOutcome.AlreadyAborted"/> (when that is the requested
    /// state), and after an ambiguous failure (network error, 5xx) when the job turned out to be in the requested
    /// state already. False when this call's close request was answered with the new state.
    /// </summary>
    public bool WasAlreadyInRequestedState { get; }

    /// <summary>How many close/abort requests were sent (1 unless an ambiguous failure was retried).</summary>
    public int Attempts { get; }

    /// <summary>The API the job belongs to (<see cref="BulkApi.V1"/> or <see cref="BulkApi.V2"/>).</summary>
    public BulkApi Api { get; }

    /// <summary>A one-line summary.</summary>
    /// <returns>The outcome and the job summary.</returns>
    public override string ToString() => $"{Outcome}: {Job}";
}
