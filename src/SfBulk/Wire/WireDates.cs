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

    public static bool TryParse(string text, out DateTimeOffset value) =>
        TryParseCanonical(text, out value) || TryParseAnyForm(text, out value);

    /// <summary>
    /// The two forms Salesforce writes, with exactly three fraction digits (<c>…:59.000Z</c>, <c>…:03.000+0000</c>), read
    /// digit by digit: every job of a listing carries two dates, and the general parser costs most of a job's reading.
    /// False for anything else, which <see cref="TryParseAnyForm"/> then reads.
    /// </summary>
    internal static bool TryParseCanonical(string s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length is not (24 or 28) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.')
        {
            return false;
        }

        TimeSpan offset;
        if (s.Length == 24)
        {
            if (s[23] != 'Z')
            {
                return false;
            }

            offset = TimeSpan.Zero;
        }
        else
        {
            if (s[23] is not ('+' or '-') || !TryDigits(s, 24, 2, out var oh) || !TryDigits(s, 26, 2, out var om) || oh > 14 || om > 59 || (oh == 14 && om > 0))
            {
                return false;
            }

            offset = new TimeSpan(oh, om, 0) * (s[23] == '-' ? -1 : 1);
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second)
            || !TryDigits(s, 20, 3, out var millisecond)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Unspecified);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool TryDigits(string s, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            number = (number * 10) + (s[i] - '0');
        }

        return true;
    }

    /// <summary>Any of the accepted forms, through .NET's parser (surrounding spaces, other fraction lengths, <c>+00:00</c>).</summary>
    internal static bool TryParseAnyForm(string text, out DateTimeOffset value)
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
