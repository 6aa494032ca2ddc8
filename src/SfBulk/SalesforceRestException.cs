using System.Net;

namespace SfBulk;

/// <summary>
/// A request to Salesforce failed: the request could not be sent, the response could not be read, or Salesforce
/// answered with an API error (its code in <see cref="SalesforceException.ErrorCode"/>). The reference activity's
/// <c>SalesforceRestException</c>.
/// </summary>
public class SalesforceRestException : SalesforceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do; must not contain secrets.</param>
    /// <param name="errorCode">Salesforce's error code, or null.</param>
    /// <param name="statusCode">The HTTP status, or null when no response arrived.</param>
    /// <param name="requestMethod">The request's HTTP method.</param>
    /// <param name="requestUri">The request URL (it never carries a session id).</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SalesforceRestException(string message, string? errorCode, HttpStatusCode? statusCode, string? requestMethod, Uri? requestUri, Exception? innerException = null)
        : base(message, errorCode, statusCode, innerException)
    {
        RequestMethod = requestMethod;
        RequestUri = requestUri;
    }

    /// <summary>The HTTP method of the failed request.</summary>
    public string? RequestMethod { get; }

    /// <summary>The URL of the failed request (session ids are sent in headers, never in URLs).</summary>
    public Uri? RequestUri { get; }
}
