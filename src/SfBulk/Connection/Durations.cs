using System.Globalization;

namespace SfBulk.Connection;

/// <summary>
/// The one duration syntax of sfbulk: a number with a unit (<c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>,
/// <c>7d</c>). A bare number other than 0 is refused, since <c>30</c> means seconds to some readers and milliseconds
/// to others; <see cref="TryParseLegacy"/> reads the older forms where they were accepted before.
/// </summary>
internal static class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration, out string? error)
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

        if (ms.Value > ConnectionRules.MaximumDuration.TotalMilliseconds)
        {
            error = $"'{text}' is longer than the maximum of {ConnectionRules.MaximumDuration.TotalDays:0} days.";
            return false;
        }

        duration = TimeSpan.FromMilliseconds(Math.Round(ms.Value));
        error = null;
        return true;
    }

    /// <summary>
    /// Reads a duration where an older form was accepted before the unit became required: a bare number (seconds in
    /// <c>SFBULK_*</c> variables, days in configuration, as <see cref="TimeSpan"/> reads it) and <c>hh:mm:ss</c>.
    /// Those still work, and <paramref name="warning"/> says how to write them now.
    /// </summary>
    public static bool TryParseLegacy(string? text, string source, bool bareNumberIsSeconds, out TimeSpan duration, out string? error, out string? warning)
    {
        warning = null;
        var value = text?.Trim();
        var bare = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number != 0;
        if (bare && bareNumberIsSeconds)
        {
            duration = TimeSpan.FromSeconds(number);
        }
        else if (value is null || !(bare || value.Contains(':', StringComparison.Ordinal))
            || !TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out duration) || duration < TimeSpan.Zero)
        {
            return TryParse(value, out duration, out error);
        }

        error = null;
        var form = bare ? "a number without a unit" : "the hh:mm:ss form";
        warning = $"{source}: '{value}' is {form}, read as {Format(duration)}; write {Format(duration)} instead. {char.ToUpperInvariant(form[0])}{form[1..]} is deprecated: give the unit (ms, s, m, h, d).";
        return true;
    }

    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        (long Size, string Unit)[] units = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1_000, "s")];
        foreach (var (size, unit) in units)
        {
            if (ms != 0 && ms % size == 0)
            {
                return (ms / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return ms == 0 ? "0" : ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }
}
