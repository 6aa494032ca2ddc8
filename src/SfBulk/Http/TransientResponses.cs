using System.Globalization;
using System.Net;

namespace SfBulk.Http;

/// <summary>Decides which answers of an idempotent request are worth another try, and how long to wait.</summary>
internal static class TransientResponses
{
    /// <summary>
    /// True for 5xx (except 501/505), 429, and <c>REQUEST_LIMIT_EXCEEDED</c> with a <c>Retry-After</c> or while
    /// <c>Sforce-Limit-Info</c> shows allocation left (throttling of concurrent requests). An exhausted daily allocation (<c>TotalRequests Limit exceeded</c>) clears only
    /// over hours, so it is not retried.
    /// </summary>
    public static bool IsTransient(ApiResponse response)
    {
        var status = (int)response.StatusCode;
        return status is >= 500 and not 501 and not 505 || IsThrottled(response);
    }

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
            && string.Equals(ErrorBodies.ErrorCode(response.Body), "REQUEST_LIMIT_EXCEEDED", StringComparison.OrdinalIgnoreCase)
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

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or an HTTP date), or null.</summary>
    public static TimeSpan? RetryAfter(ApiResponse response, DateTimeOffset now)
    {
        if (!response.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date > now ? date - now : TimeSpan.Zero)
            : null;
    }
}
