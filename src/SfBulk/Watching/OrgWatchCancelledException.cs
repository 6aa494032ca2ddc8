namespace SfBulk.Watching;

/// <summary>
/// An org watch was cancelled. <see cref="Report"/> says which jobs it closed or dropped before, and which it still
/// followed (those were left as they are).
/// </summary>
public sealed class OrgWatchCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="report">What the watch did before the cancellation.</param>
    /// <param name="cancellationToken">The token that was cancelled.</param>
    /// <param name="innerException">The cancellation as it was raised.</param>
    public OrgWatchCancelledException(OrgWatchReport report, CancellationToken cancellationToken, Exception? innerException = null)
        : base(Describe(report), innerException, cancellationToken)
    {
        Report = report;
    }

    /// <summary>What the watch did before the cancellation.</summary>
    public OrgWatchReport Report { get; }

    private static string Describe(OrgWatchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"The org watch was cancelled after closing {report.Closed.Count()} jobs; {report.StillWatched.Count} followed jobs were left as they are.";
    }
}
