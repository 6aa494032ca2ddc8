namespace SfBulk.Sweeping;

/// <summary>
/// A sweep was cancelled midway. <see cref="Report"/> holds every job of the plan: those finished with their outcome,
/// the others <see cref="SweepOutcome.Cancelled"/>. Jobs already closed stay closed; running the same sweep again
/// carries on.
/// </summary>
public sealed class SweepCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="report">The report of the jobs finished before the cancellation.</param>
    /// <param name="cancellationToken">The token that was cancelled.</param>
    /// <param name="innerException">The cancellation as it was raised.</param>
    public SweepCancelledException(SweepReport report, CancellationToken cancellationToken, Exception? innerException = null)
        : base(Describe(report), innerException, cancellationToken)
    {
        Report = report;
    }

    /// <summary>Every job of the plan: finished ones with their outcome, the rest <see cref="SweepOutcome.Cancelled"/>.</summary>
    public SweepReport Report { get; }

    private static string Describe(SweepReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cancelled = report.Counts[SweepOutcome.Cancelled];
        return $"The sweep was cancelled with {cancelled} of {report.Jobs.Count} jobs not finished; jobs already closed stay closed. Run the same sweep again to carry on.";
    }
}
