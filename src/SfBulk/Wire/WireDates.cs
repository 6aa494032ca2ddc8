using System.Globalization;

namespace SfBulk.Wire;

/// <summary>
/// Salesforce date-times: XML writes <c>2009-04-14T18:15:59.000Z</c>, JSON writes <c>2015-11-19T01:45:03.000+0000</c>.
/// Neither System.Text.Json nor <c>XmlConvert</c> accepts the second form, so both are parsed here.
/// </summary>
internal static class WireDates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz",
    ];

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        var s = text.Trim();

        // "+0000" / "-0530": insert the colon .NET's offset parser wants.
        if (s.Length > 5 && (s[^5] is '+' or '-') && char.IsAsciiDigit(s[^4]) && char.IsAsciiDigit(s[^1]))
        {
            s = string.Concat(s.AsSpan(0, s.Length - 2), ":", s.AsSpan(s.Length - 2));
        }

        return DateTimeOffset.TryParseExact(s, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>The XML form, always UTC with milliseconds: <c>2009-04-14T18:15:59.000Z</c>.</summary>
    public static string ToXml(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The JSON form, always UTC with milliseconds: <c>2015-11-19T01:45:03.000+0000</c>.</summary>
    public static string ToJson(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
}
