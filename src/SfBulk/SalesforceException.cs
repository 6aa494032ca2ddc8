using System.Net;
using SfBulk.Diagnostics;

namespace SfBulk;

/// <summary>
/// The base of every fault sfbulk raises. Carries Salesforce's error code and the HTTP status when there was one;
/// the message says what went wrong and what to do, and never contains a secret.
/// </summary>
public abstract class SalesforceException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected SalesforceException(string message, string? errorCode, HttpStatusCode? statusCode, Exception? innerException)
        : base(ServerText.Scrub(message ?? string.Empty), innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    /// <summary>
    /// Salesforce's code for the error exactly as it sent it (<c>InvalidJobState</c>, <c>INVALID_SESSION_ID</c>,
    /// <c>INVALID_LOGIN</c>, <c>invalid_grant</c>), or an sfbulk code for errors raised locally; null when none.
    /// </summary>
    public string? ErrorCode { get; }

    /// <summary>The HTTP status of the response that reported the error; null when no response was received.</summary>
    public HttpStatusCode? StatusCode { get; }
}
