using System.Globalization;

namespace SfBulk.Http;

/// <summary>Salesforce's clock as an answer states it: the HTTP <c>Date</c> header (whole seconds).</summary>
internal static class ServerDate
{
    /// <summary>The answer's <c>Date</c> header, or null when it is missing or not an HTTP date.</summary>
    public static DateTimeOffset? Of(ApiResponse response) =>
        response.Headers.TryGetValue("Date", out var value)
        && DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
}
