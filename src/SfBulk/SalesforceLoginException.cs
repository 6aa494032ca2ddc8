using System.Net;

namespace SfBulk;

/// <summary>
/// Logging in to Salesforce failed (SOAP <c>INVALID_LOGIN</c>, OAuth <c>invalid_grant</c>, an expired external
/// session that cannot be refreshed, …). The reference activity's <c>SalesforceLoginException</c>.
/// </summary>
public class SalesforceLoginException : SalesforceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do; must not contain secrets.</param>
    /// <param name="errorCode">The login fault code (<c>INVALID_LOGIN</c>, <c>invalid_grant</c>, …), or null.</param>
    /// <param name="statusCode">The HTTP status, or null.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SalesforceLoginException(string message, string? errorCode = null, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, errorCode, statusCode, innerException)
    {
    }
}
