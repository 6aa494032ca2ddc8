using System.Globalization;

namespace SfBulk.Limits;

/// <summary>
/// The fewest daily API requests a watch or sweep leaves the org: a number (<c>5000</c>) or a share of the org's
/// allocation (<c>10%</c>). The operation stops before a request would take the org's remaining requests below it.
/// </summary>
public sealed record ApiFloor
{
    private ApiFloor(long? requests, double? percent)
    {
        Requests = requests;
        Percent = percent;
    }

    /// <summary>The floor as a number of requests; null when it is a share.</summary>
    public long? Requests { get; }

    /// <summary>The floor as a percentage (0–100) of the org's daily allocation; null when it is a number.</summary>
    public double? Percent { get; }

    /// <summary>A floor of <paramref name="requests"/> requests.</summary>
    /// <param name="requests">At least 0.</param>
    /// <returns>The floor.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requests"/> is negative.</exception>
    public static ApiFloor OfRequests(long requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        return new ApiFloor(requests, null);
    }

    /// <summary>A floor of <paramref name="percent"/> percent of the org's daily allocation.</summary>
    /// <param name="percent">From 0 to 100.</param>
    /// <returns>The floor.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside 0–100.</exception>
    public static ApiFloor OfPercent(double percent)
    {
        if (!(percent is >= 0 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The share must be from 0 to 100 percent.");
        }

        return new ApiFloor(null, percent);
    }

    /// <summary>Reads <c>5000</c> or <c>10%</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="floor">The floor, when valid.</param>
    /// <param name="error">Why the text is refused, when not.</param>
    /// <returns>True when <paramref name="text"/> is a floor.</returns>
    public static bool TryParse(string? text, out ApiFloor? floor, out string? error)
    {
        floor = null;
        error = null;
        var value = text?.Trim() ?? string.Empty;
        if (value.EndsWith('%'))
        {
            if (double.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent <= 100)
            {
                floor = new ApiFloor(null, percent);
                return true;
            }

            error = $"'{text}' is not a share of the daily allocation: use a percentage from 0% to 100%, such as 10%.";
            return false;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var requests))
        {
            floor = new ApiFloor(requests, null);
            return true;
        }

        error = $"'{text}' is not a number of requests or a percentage: use, for example, 5000 or 10%.";
        return false;
    }

    /// <summary>The floor in requests for an org whose daily allocation is <paramref name="max"/>.</summary>
    /// <param name="max">The org's daily API request allocation.</param>
    /// <returns>The number of requests to leave.</returns>
    internal long For(long max) => Requests ?? (long)Math.Ceiling(max * Percent!.Value / 100);

    /// <summary><c>5000</c> or <c>10%</c>.</summary>
    /// <returns>The floor as text.</returns>
    public override string ToString() =>
        Requests is { } n ? n.ToString(CultureInfo.InvariantCulture) : Percent!.Value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
