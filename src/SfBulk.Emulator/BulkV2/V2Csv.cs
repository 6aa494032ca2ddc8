using System.Text;

namespace SfBulk.Emulator.BulkV2;

/// <summary>CSV in a Bulk API 2.0 job's dialect (its <c>columnDelimiter</c> and <c>lineEnding</c>).</summary>
internal static class V2Csv
{
    public static readonly string[] Delimiters = ["BACKQUOTE", "CARET", "COMMA", "PIPE", "SEMICOLON", "TAB"];

    public static readonly string[] LineEndings = ["LF", "CRLF"];

    public static char DelimiterChar(string columnDelimiter) => columnDelimiter switch
    {
        "BACKQUOTE" => '`',
        "CARET" => '^',
        "PIPE" => '|',
        "SEMICOLON" => ';',
        "TAB" => '\t',
        _ => ',',
    };

    public static string NewLine(string lineEnding) => lineEnding == "CRLF" ? "\r\n" : "\n";

    /// <summary>
    /// Parses <paramref name="text"/> into a header and rows. Returns an error message (Salesforce's wording where
    /// known) when quoting is broken or the line ending differs from the job's setting.
    /// </summary>
    public static string? TryParse(string text, string columnDelimiter, string lineEnding, out string[] header, out List<string[]> rows)
    {
        header = [];
        rows = [];
        var delimiter = DelimiterChar(columnDelimiter);
        var crlf = lineEnding == "CRLF";
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = true;
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                if (!crlf)
                {
                    return "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF";
                }

                i++;
                EndRecord();
            }
            else if (c == '\n')
            {
                if (crlf)
                {
                    return "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF";
                }

                EndRecord();
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (inQuotes)
        {
            return "ClientInputError : Unterminated quoted field in the CSV data";
        }

        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            EndRecord();
        }

        if (records.Count == 0)
        {
            return "ClientInputError : No header row found in the CSV data";
        }

        header = records[0];
        rows = records.GetRange(1, records.Count - 1);
        return null;

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                records.Add([.. fields]);
            }

            fields.Clear();
            fieldStarted = false;
        }
    }

    /// <summary>Appends one quoted CSV field.</summary>
    public static StringBuilder AppendQuoted(this StringBuilder builder, string value) =>
        builder.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');

    /// <summary>Appends a field, quoting it only when it holds the delimiter, a quote or a line break.</summary>
    public static StringBuilder AppendField(this StringBuilder builder, string value, char delimiter) =>
        value.AsSpan().IndexOfAny(['"', '\r', '\n', delimiter]) >= 0 ? builder.AppendQuoted(value) : builder.Append(value);
}
