using System.Globalization;
using System.Text.RegularExpressions;

namespace SfBulk.Emulator.Data;

/// <summary>
/// The minimal SOQL the emulator understands: <c>SELECT fields FROM Object [WHERE …] [ORDER BY …] [LIMIT n]</c>.
/// WHERE conditions are accepted but not evaluated (every record of the object matches).
/// </summary>
internal sealed partial record SoqlQuery(IReadOnlyList<string> Fields, string Object, long? Limit)
{
    public static bool TryParse(string text, out SoqlQuery? query)
    {
        query = null;
        var match = QueryPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var fields = match.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || fields.Any(f => f.Contains('(', StringComparison.Ordinal) || f.Contains(' ', StringComparison.Ordinal)))
        {
            return false;
        }

        long? limit = null;
        var limitMatch = LimitPattern().Match(match.Groups["rest"].Value);
        if (limitMatch.Success)
        {
            limit = long.Parse(limitMatch.Groups["n"].Value, CultureInfo.InvariantCulture);
        }

        query = new SoqlQuery(fields, match.Groups["object"].Value, limit);
        return true;
    }

    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>.+?)\s+FROM\s+(?<object>[A-Za-z][A-Za-z0-9_]*)(?<rest>(\s.*)?)$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex QueryPattern();

    [GeneratedRegex(@"\bLIMIT\s+(?<n>\d{1,12})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LimitPattern();
}
