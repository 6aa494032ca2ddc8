namespace SfBulk;

/// <summary>
/// No external session was given and no usable connection is configured. The reference activity's
/// <c>SalesforceConnectionNotFoundException</c>.
/// </summary>
public class SalesforceConnectionNotFoundException : SalesforceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to configure it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SalesforceConnectionNotFoundException(string message, Exception? innerException = null)
        : base(message, "CONNECTION_NOT_FOUND", null, innerException)
    {
    }
}
