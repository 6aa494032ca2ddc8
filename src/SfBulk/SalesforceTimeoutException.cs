namespace SfBulk;

/// <summary>
/// An operation did not finish within the timeout the caller set (for example the Close Job <c>timeout</c>).
/// The job may or may not have changed state: read it again to know. Distinct from cancellation, which raises
/// <see cref="OperationCanceledException"/>.
/// </summary>
public class SalesforceTimeoutException : SalesforceException
{
    /// <summary>The <see cref="SalesforceException.ErrorCode"/> of every timeout.</summary>
    public const string TimeoutErrorCode = "TIMEOUT";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out and after how long.</param>
    /// <param name="timeout">The timeout that elapsed.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SalesforceTimeoutException(string message, TimeSpan timeout, Exception? innerException = null)
        : base(message, TimeoutErrorCode, null, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
