using System.Globalization;
using System.Text.RegularExpressions;

namespace SfBulk.Emulator.BulkV2;

/// <summary>The little of a SOQL statement the emulator needs: selected fields, the object and LIMIT.</summary>
internal sealed partial record V2Soql(IReadOnlyList<string> Fields, string Object, long? Limit)
{
    /// <summary>Parses <c>SELECT a, b FROM X [WHERE ...] [LIMIT n]</c>; null when it is not that shape.</summary>
    public static V2Soql? TryParse(string? soql)
    {
        if (string.IsNullOrWhiteSpace(soql))
        {
            return null;
        }

        var match = Shape().Match(soql);
        if (!match.Success)
        {
            return null;
        }

        var fields = match.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            return null;
        }

        long? limit = null;
        var limitMatch = LimitClause().Match(soql);
        if (limitMatch.Success)
        {
            limit = long.Parse(limitMatch.Groups["n"].Value, CultureInfo.InvariantCulture);
        }

        return new V2Soql(fields, match.Groups["object"].Value, limit);
    }

    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>.+?)\s+FROM\s+(?<object>[A-Za-z][A-Za-z0-9_]*)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Shape();

    [GeneratedRegex(@"\bLIMIT\s+(?<n>\d{1,12})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LimitClause();
}
