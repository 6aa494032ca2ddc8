using System.Text;

namespace SfBulk.Tests.Fuzzing;

/// <summary>
/// Mutates valid documents the way broken proxies, truncating networks and hostile servers do: bit flips, special
/// bytes, cut, repeated and swapped ranges, and tokens that stress XML and JSON readers (DOCTYPEs, entities, nulls,
/// huge numbers, odd dates, deep nesting). One to four mutations stacked per input; deterministic for a seed.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[] SpecialBytes = "<>\"'{}[]&;:,/\\=!?- \t\r\n\0"u8.ToArray().Concat(new byte[] { 0x80, 0xBF, 0xC0, 0xE2, 0xEF, 0xF0, 0xFE, 0xFF }).ToArray();

    private static readonly string[] Tokens =
    [
        "<!DOCTYPE x [<!ENTITY a \"bbbbbbbb\"><!ENTITY b \"&a;&a;&a;&a;\">]>",
        "<!DOCTYPE x SYSTEM \"file:///etc/passwd\">",
        "<!ENTITY e SYSTEM \"http://127.0.0.1:9/x\">",
        "&a;", "&b;", "&#0;", "&#x1F600;", "&#xD800;", "&lt;", "&amp;", "&unknown;",
        "<![CDATA[", "]]>", "<!--", "-->", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<?pi x?>",
        "xmlns=\"\"", "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"", "xsi:nil=\"true\"",
        "</", "/>", "<a>", "</a>", "<id>", "</id>", "<state>", "<state/>", "<error>", "<jobInfo>", "<batchInfo>",
        "null", "true", "false", "\"\"", "{}", "[]", "[[[[[[[[", "{\"a\":", ",", ":", "\\u0000", "\\ud800", "\"\\",
        "-1", "0", "-0", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999999",
        "1e308", "1e999", "-1e-999", "0x10", "NaN", "Infinity", "1.5", "36.0000000000000000000000001",
        "2026-02-30T25:61:61.000Z", "2026-01-01T00:00:00.000+2400", "0000-00-00T00:00:00Z", "9999-12-31T23:59:59.9999999+1400",
        "Closed", "Aborted", "Open", "UploadComplete", "JobComplete", "NotProcessed", "Failed", "InvalidJob", "INVALID_SESSION_ID",
        "750R0000000zlh9IAA", "751D0000000004rIAA", "\"id\":", "\"state\":", "\"errorCode\":", "\"message\":",
        "\"access_token\":\"x\"", "\"instance_url\":\"http://evil.example\"", "\"instance_url\":\"https://a b\"",
        "\"instance_url\":\"https://[::1\"", "\"error\":null", "<serverUrl>javascript:x</serverUrl>", "<sessionId></sessionId>",
        "<faultcode>", "</faultcode>", "<passwordExpired>true</passwordExpired>", "\"nextRecordsUrl\":", "\"done\":false",
        "\u00e9", "\u202e", "\uFEFF", "\U0001F600",
    ];

    private readonly Random _random = new(seed);

    /// <summary>Returns a mutated copy of <paramref name="seedDocument"/>.</summary>
    public byte[] Mutate(byte[] seedDocument)
    {
        var data = new List<byte>(seedDocument);
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            MutateOnce(data);
        }

        return data.ToArray();
    }

    private void MutateOnce(List<byte> data)
    {
        var position = data.Count == 0 ? 0 : _random.Next(data.Count);
        switch (_random.Next(10))
        {
            case 0 when data.Count > 0:
                data[position] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[position] = SpecialBytes[_random.Next(SpecialBytes.Length)];
                break;
            case 2:
                data.InsertRange(position, Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                break;
            case 3 when data.Count > 0:
                data.RemoveRange(position, Math.Min(data.Count - position, 1 + _random.Next(32)));
                break;
            case 4 when data.Count > 0:
                data.RemoveRange(position, data.Count - position);
                break;
            case 5 when data.Count > 0:
                var length = Math.Min(data.Count - position, 1 + _random.Next(64));
                var copy = data.GetRange(position, length);
                var times = 1 + _random.Next(_random.Next(20) == 0 ? 500 : 3);
                for (var t = 0; t < times; t++)
                {
                    data.InsertRange(position, copy);
                }

                break;
            case 6:
                ReplaceValue(data, Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                break;
            case 7 when data.Count > 1:
                var other = _random.Next(data.Count);
                (data[position], data[other]) = (data[other], data[position]);
                break;
            case 8:
                var depth = 1 + _random.Next(_random.Next(10) == 0 ? 2000 : 8);
                var open = _random.Next(2) == 0 ? "[" : "<a>";
                data.InsertRange(position, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth))));
                break;
            default:
                ReplaceValue(data, []);
                break;
        }
    }

    /// <summary>Replaces the text between a '>' and the next '<', or the inside of a JSON string, with <paramref name="value"/>.</summary>
    private void ReplaceValue(List<byte> data, byte[] value)
    {
        if (data.Count == 0)
        {
            return;
        }

        var start = _random.Next(data.Count);
        for (var i = start; i < data.Count; i++)
        {
            var closing = data[i] switch
            {
                (byte)'>' => (byte)'<',
                (byte)'"' => (byte)'"',
                (byte)':' => (byte)',',
                _ => (byte)0,
            };
            if (closing == 0)
            {
                continue;
            }

            var end = data.IndexOf(closing, i + 1);
            if (end < 0)
            {
                return;
            }

            data.RemoveRange(i + 1, end - i - 1);
            data.InsertRange(i + 1, value);
            return;
        }
    }
}
