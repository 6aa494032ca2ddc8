using System.Globalization;

namespace SfBulk.Http;

/// <summary>
/// Reads <c>Sforce-Limit-Info</c>, which Salesforce sends on every REST answer:
/// <c>api-usage=10018/100000</c>, possibly with more parts (<c>; api-bursts=1/750</c>, <c>per-app-api-usage=…</c>).
/// </summary>
internal static class LimitInfoHeader
{
    public const string Name = "Sforce-Limit-Info";

    /// <summary>Finds <c>api-usage=USED/MAX</c> in <paramref name="value"/>; false when absent or malformed.</summary>
    public static bool TryParse(string? value, out long used, out long max)
    {
        used = 0;
        max = 0;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var part in value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            const string Key = "api-usage=";
            if (!part.StartsWith(Key, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var numbers = part.AsSpan(Key.Length);
            var slash = numbers.IndexOf('/');
            return slash > 0
                && long.TryParse(numbers[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out used)
                && long.TryParse(numbers[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out max)
                && max > 0;
        }

        return false;
    }
}
