using System.Text;
using System.Text.Json;
using System.Xml;

namespace SfBulk.Emulator.Data;

/// <summary>
/// Parses the records of a Bulk API 1.0 ingest batch (CSV with a header row, XML <c>sObjects</c>, or a JSON array)
/// into one field → value dictionary per record.
/// </summary>
internal static class RecordReaders
{
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>RFC 4180 CSV; the first row names the fields.</summary>
    /// <exception cref="FormatException">Malformed CSV.</exception>
    public static List<Dictionary<string, string>> ParseCsv(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
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
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
                fieldStarted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                fieldStarted = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRow(rows, row, field, fieldStarted);
                row = [];
                fieldStarted = false;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (quoted)
        {
            throw new FormatException("Unterminated quoted field in CSV");
        }

        EndRow(rows, row, field, fieldStarted);
        if (rows.Count == 0)
        {
            throw new FormatException("Failed to parse CSV header");
        }

        var header = rows[0];
        var records = new List<Dictionary<string, string>>(rows.Count - 1);
        for (var r = 1; r < rows.Count; r++)
        {
            if (rows[r].Count != header.Count)
            {
                throw new FormatException($"Row {r} has {rows[r].Count} fields, the header has {header.Count}");
            }

            var record = new Dictionary<string, string>(header.Count, StringComparer.OrdinalIgnoreCase);
            for (var f = 0; f < header.Count; f++)
            {
                record[header[f]] = rows[r][f];
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary><c>&lt;sObjects&gt;&lt;sObject&gt;&lt;Field&gt;value&lt;/Field&gt;…</c>; DTDs are refused.</summary>
    /// <exception cref="XmlException">Malformed XML or a DOCTYPE.</exception>
    public static List<Dictionary<string, string>> ParseXml(byte[] body)
    {
        var records = new List<Dictionary<string, string>>();
        using var stream = new MemoryStream(body, writable: false);
        using var reader = XmlReader.Create(stream, XmlSettings);
        reader.MoveToContent();
        if (reader.LocalName != "sObjects")
        {
            throw new XmlException("The root element must be sObjects");
        }

        if (reader.IsEmptyElement)
        {
            return records;
        }

        reader.Read();
        while (reader.NodeType == XmlNodeType.Element)
        {
            var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (reader.IsEmptyElement)
            {
                reader.Read();
            }
            else
            {
                reader.Read();
                while (reader.NodeType == XmlNodeType.Element)
                {
                    var name = reader.LocalName;
                    record[name] = reader.ReadElementContentAsString();
                }

                reader.ReadEndElement();
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary>A JSON array of flat objects; <c>attributes</c> and nested values are skipped.</summary>
    /// <exception cref="JsonException">Malformed JSON or not an array of objects.</exception>
    public static List<Dictionary<string, string>> ParseJson(byte[] body)
    {
        var records = new List<Dictionary<string, string>>();
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A JSON array of records is expected");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String: record[name] = reader.GetString()!; break;
                    case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False: record[name] = Encoding.UTF8.GetString(reader.ValueSpan); break;
                    case JsonTokenType.Null: break;
                    default: reader.Skip(); break;
                }
            }

            records.Add(record);
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A JSON array of records is expected");
        }

        return records;
    }

    private static void EndRow(List<List<string>> rows, List<string> row, StringBuilder field, bool fieldStarted)
    {
        if (fieldStarted || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        field.Clear();
    }
}
