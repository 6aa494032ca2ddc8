using System.Diagnostics.CodeAnalysis;
using SfBulk.Connection;

namespace SfBulk.Cli.Infrastructure;

/// <summary>
/// Command-line durations, which take a unit (<c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>7d</c>): the
/// library's one duration syntax (<see cref="ConnectionRules.TryParseDuration"/>). A bare number other than 0 is
/// refused with the fix, since <c>--timeout 30</c> meaning 30 ms surprises everyone. (The <c>timeout</c> of a
/// <c>run</c> activity document is a number of milliseconds, as in the reference activity.)
/// </summary>
internal static class DurationParser
{
    /// <summary>The longest duration accepted (a year); anything longer is almost certainly a typo.</summary>
    public static readonly TimeSpan Maximum = ConnectionRules.MaximumDuration;

    public static bool TryParse(string? text, out TimeSpan duration, [NotNullWhen(false)] out string? error) =>
        ConnectionRules.TryParseDuration(text, out duration, out error);
}
