using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SfBulk.Emulator.Data;

/// <summary>
/// Renders ingest batch results: CSV with the header <c>"Id","Success","Created","Error"</c>, XML
/// <c>&lt;results&gt;&lt;result&gt;…</c>, or a JSON array of <c>{"success","created","id","errors"}</c> (exact JSON
/// key set unverified).
/// </summary>
internal static class IngestResultWriter
{
    public static byte[] Csv(IReadOnlyList<IngestOutcome> outcomes)
    {
        var sb = new StringBuilder(48 + (40 * outcomes.Count)).Append("\"Id\",\"Success\",\"Created\",\"Error\"\n");
        foreach (var o in outcomes)
        {
            sb.Append('"').Append(o.Id).Append("\",\"").Append(o.Success ? "true" : "false").Append("\",\"")
                .Append(o.Created ? "true" : "false").Append("\",\"");
            if (!o.Success)
            {
                // Salesforce's CSV error column: STATUS_CODE:message:fields --
                sb.Append(CsvEscape($"{o.StatusCode}:{o.Message}:{o.Field} --"));
            }

            sb.Append("\"\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Xml(IReadOnlyList<IngestOutcome> outcomes, string ns)
    {
        var sb = new StringBuilder(120 + (120 * outcomes.Count))
            .Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><results xmlns=\"").Append(ns).Append("\">");
        foreach (var o in outcomes)
        {
            sb.Append("<result>");
            if (!o.Success)
            {
                sb.Append("<errors><fields>").Append(o.Field).Append("</fields><message>");
                AppendEscaped(sb, o.Message ?? string.Empty);
                sb.Append("</message><statusCode>").Append(o.StatusCode).Append("</statusCode></errors>");
            }

            if (o.Id is not null)
            {
                sb.Append("<id>").Append(o.Id).Append("</id>");
            }

            sb.Append("<success>").Append(o.Success ? "true" : "false").Append("</success><created>")
                .Append(o.Created ? "true" : "false").Append("</created></result>");
        }

        return Encoding.UTF8.GetBytes(sb.Append("</results>").ToString());
    }

    public static ReadOnlyMemory<byte> Json(IReadOnlyList<IngestOutcome> outcomes)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (80 * outcomes.Count));
        using var w = new Utf8JsonWriter(buffer);
        w.WriteStartArray();
        foreach (var o in outcomes)
        {
            w.WriteStartObject();
            w.WriteBoolean("success", o.Success);
            w.WriteBoolean("created", o.Created);
            if (o.Id is null)
            {
                w.WriteNull("id");
            }
            else
            {
                w.WriteString("id", o.Id);
            }

            w.WriteStartArray("errors");
            if (!o.Success)
            {
                w.WriteStartObject();
                w.WriteStartArray("fields");
                w.WriteStringValue(o.Field);
                w.WriteEndArray();
                w.WriteString("message", o.Message);
                w.WriteString("statusCode", o.StatusCode);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.Flush();
        return buffer.WrittenMemory;
    }

    private static string CsvEscape(string value) => value.Replace("\"", "\"\"", StringComparison.Ordinal);

    private static void AppendEscaped(StringBuilder sb, string value) =>
        sb.Append(value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));
}
