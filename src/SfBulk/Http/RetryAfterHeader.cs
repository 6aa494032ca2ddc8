using System.Globalization;

namespace SfBulk.Http;

/// <summary>Reads the <c>Retry-After</c> header of an answer.</summary>
internal static class RetryAfterHeader
{
    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or an HTTP date), or null.</summary>
    public static TimeSpan? Read(ApiResponse response, DateTimeOffset now)
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
