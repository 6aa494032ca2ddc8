namespace SfBulk.Jobs;

/// <summary>
/// How one close or abort ended: its result, or the fault that ended it, and how many state-change requests it sent
/// (what the journal records and the sweep reports; 0 when none was sent).
/// </summary>
internal readonly record struct StateChangeOutcome(CloseJobResult? Result, SalesforceException? Failure, int Requests)
{
    public static StateChangeOutcome Of(CloseJobResult result) => new(result, null, result.Attempts);

    public static StateChangeOutcome Failed(SalesforceException failure, int requests) => new(null, failure, requests);

    /// <summary>The result, or the fault thrown.</summary>
    public CloseJobResult ResultOrThrow() => Result ?? throw Failure!;
}
