using System.Globalization;
using System.Net;

namespace SfBulk.Wire;

/// <summary>
/// The one definition of a failure that may pass (and of an answer that says nothing about whether a request was
/// carried out), used by the retry pipelines, the close logic and the sweep; and how long to wait before another try.
/// </summary>
/// <remarks>
/// A failure may pass when no answer came (<c>NETWORK_ERROR</c>), Salesforce answered 5xx, or it refused for
/// throttling (<see cref="IsThrottled"/>). Such an answer is not a verdict on a change request: after no answer or a
/// 5xx it may or may not have been carried out. Any other refusal (4xx) is Salesforce's decision.
/// </remarks>
internal static class TransientResponses
{
    /// <summary>
    /// True for 5xx (except 501/505), 429, and <c>REQUEST_LIMIT_EXCEEDED</c> with a <c>Retry-After</c> or while
    /// <c>Sforce-Limit-Info</c> shows allocation left (throttling of concurrent requests). An exhausted daily allocation (<c>TotalRequests Limit exceeded</c>) clears only
    /// over hours, so it is not retried. This is <see cref="IsPassing(ApiResponse)"/> but for 501 and 505, which a
    /// resent idempotent request would only get again.
    /// </summary>
    public static bool IsTransient(ApiResponse response)
    {
        var status = (int)response.StatusCode;
        return IsPassing(response) && status is not 501 and not 505;
    }

    /// <summary>True for an answer that may pass and is no verdict on a change request: any 5xx, or throttling (<see cref="IsThrottled"/>).</summary>
    public static bool IsPassing(ApiResponse response) => IsServerError(response.StatusCode) || IsThrottled(response);

    /// <summary>
    /// True for the fault of a request that got no answer (<c>NETWORK_ERROR</c>) or a 5xx: whatever it asked for may
    /// or may not have been carried out.
    /// </summary>
    public static bool IsAmbiguous(SalesforceException e) =>
        string.Equals(e.ErrorCode, SfBulkErrorCodes.NetworkError, StringComparison.Ordinal) || IsServerError(e.StatusCode);

    /// <summary>
    /// True for the fault of a request that may pass: <see cref="IsAmbiguous"/>, or a throttling refusal (429 or
    /// <c>REQUEST_LIMIT_EXCEEDED</c>), or a transport failure that was not turned into a Salesforce fault.
    /// </summary>
    public static bool IsPassing(Exception? error) => error switch
    {
        SalesforceRestException rest => IsAmbiguous(rest)
            || string.Equals(rest.ErrorCode, "REQUEST_LIMIT_EXCEEDED", StringComparison.Ordinal)
            || rest.StatusCode == HttpStatusCode.TooManyRequests,
        HttpRequestException => true,
        _ => false,
    };

    /// <summary>True for a 5xx status: Salesforce failed, and the request may or may not have been carried out.</summary>
    public static bool IsServerError(HttpStatusCode? status) => status is { } s && (int)s >= 500;

    /// <summary>
    /// True for a throttling refusal worth another try: 429, or <c>REQUEST_LIMIT_EXCEEDED</c> for concurrent requests
    /// or with a <c>Retry-After</c>. Such a request was refused, not carried out, so even a close may be sent again.
    /// </summary>
    public static bool IsThrottled(ApiResponse response)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        return (int)response.StatusCode is 400 or 403
            && string.Equals(ApiErrors.Read(response).Code, "REQUEST_LIMIT_EXCEEDED", StringComparison.OrdinalIgnoreCase)
            && (response.Headers.ContainsKey("Retry-After") || HasAllocationLeft(response));
    }

    /// <summary>
    /// True when <c>Sforce-Limit-Info: api-usage=N/M</c> shows N below M: the daily allocation is not used up, so the
    /// refusal is for concurrent requests and clears in seconds. Decided from the header, never from the message.
    /// </summary>
    private static bool HasAllocationLeft(ApiResponse response)
    {
        if (!response.Headers.TryGetValue("Sforce-Limit-Info", out var info))
        {
            return false;
        }

        foreach (var part in info.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (eq > 0 && slash > eq && part.AsSpan(0, eq).Trim().SequenceEqual("api-usage")
                && long.TryParse(part.AsSpan(eq + 1, slash - eq - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var used)
                && long.TryParse(part.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var max))
            {
                return used < max;
            }
        }

        return false;
    }

    /// <summary>
    /// True for answers of a login request worth another try: 429, 502, 503 and 504 (the login service was not
    /// reached or is busy). Other 5xx are not retried: a SOAP login refusal, such as a wrong password, comes as 500.
    /// </summary>
    public static bool IsTransientLogin(ApiResponse response) =>
        (int)response.StatusCode is 429 or 502 or 503 or 504;
}
