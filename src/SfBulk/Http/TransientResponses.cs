using System.Globalization;
using System.Net;

namespace SfBulk.Http;

/// <summary>Decides which answers of an idempotent request are worth another try, and how long to wait.</summary>
internal static class TransientResponses
{
    /// <summary>
    /// True for 5xx (except 501/505), 429, and <c>REQUEST_LIMIT_EXCEEDED</c> throttling of concurrent requests or
    /// with a <c>Retry-After</c>. An exhausted daily allocation (<c>TotalRequests Limit exceeded</c>) clears only
    /// over hours, so it is not retried.
    /// </summary>
    public static bool IsTransient(ApiResponse response)
    {
        var status = (int)response.StatusCode;
        if (status is >= 500 and not 501 and not 505 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        if (status is 400 or 403
            && string.Equals(ErrorBodies.ErrorCode(response.Body), "REQUEST_LIMIT_EXCEEDED", StringComparison.OrdinalIgnoreCase))
        {
            return response.Headers.ContainsKey("Retry-After")
                || response.Body.AsSpan().IndexOf("ConcurrentPerOrgLongTxn"u8) >= 0;
        }

        return false;
    }

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
