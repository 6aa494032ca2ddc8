using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SfBulk.Cli.Infrastructure;

/// <summary>
/// Parses command-line durations, which take a unit (<c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>7d</c>): a
/// bare number other than 0 is refused with the fix, since <c>--timeout 30</c> meaning 30 ms surprises everyone. (The
/// <c>timeout</c> of a <c>run</c> activity document is a number of milliseconds, as in the reference activity.)
/// </summary>
internal static class DurationParser
{
    /// <summary>The longest duration accepted (a year); anything longer is almost certainly a typo.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(366);

    public static bool TryParse(string? text, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A duration is empty. Use a number with a unit: 500ms, 30s, 10m, 2h, 7d.";
            return false;
        }

        var value = text.Trim();
        var split = 0;
        while (split < value.Length && (char.IsAsciiDigit(value[split]) || value[split] == '.'))
        {
            split++;
        }

        var unit = value[split..].ToLowerInvariant();
        if (split == 0 || !double.TryParse(value.AsSpan(0, split), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = $"'{text}' is not a duration. Use a number with a unit: 500ms, 30s, 10m, 2h, 7d (negative values are not allowed).";
            return false;
        }

        if (unit.Length == 0 && number != 0)
        {
            var whole = value[..split];
            error = string.Create(CultureInfo.InvariantCulture, $"'{text}' has no unit: add a unit: {whole}s or {number * 1000:0.###}ms (also m, h, d).");
            return false;
        }

        double? ms = unit switch
        {
            "" or "ms" => number,
            "s" => number * 1_000,
            "m" or "min" => number * 60_000,
            "h" => number * 3_600_000,
            "d" => number * 86_400_000,
            _ => null,
        };
        if (ms is null)
        {
            error = $"'{text}' has an unknown unit '{unit}'. Use ms, s, m, h or d.";
            return false;
        }

        if (ms.Value > Maximum.TotalMilliseconds)
        {
            error = $"'{text}' is longer than the maximum of {Maximum.TotalDays:0} days.";
            return false;
        }

        duration = TimeSpan.FromMilliseconds(Math.Round(ms.Value));
        error = null;
        return true;
    }
}
