using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml;
using SfBulk.Models;

namespace SfBulk.Testing;

/// <summary>
/// Writes a <see cref="JobInfo"/> as Salesforce does: XML in the wsc/doc element order with <c>Z</c> dates, JSON with
/// <c>+0000</c> dates and a numeric <c>apiVersion</c>; absent (null) fields are omitted. For round trips of the
/// library's readers in tests and benchmarks; the emulator has its own writers.
/// </summary>
public static class JobInfoWriter
{
    private const string BulkV1Namespace = "http://www.force.com/2009/06/asyncapi/dataload";

    public static byte[] ToXml(JobInfo job)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = " " };
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("jobInfo", BulkV1Namespace);
            foreach (var (name, value, _) in Fields(job, json: false))
            {
                w.WriteElementString(name, BulkV1Namespace, value);
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    public static byte[] ToJson(JobInfo job)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            foreach (var (name, value, isRaw) in Fields(job, json: true).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (isRaw)
                {
                    w.WritePropertyName(name);
                    w.WriteRawValue(value);
                }
                else
                {
                    w.WriteString(name, value);
                }
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The fields in wire order, from the library's own list (<see cref="JobInfo.WriteJsonProperties"/>); <c>IsRaw</c>
    /// marks numbers and booleans (unquoted in JSON). Bulk 1.0 JSON writes dates with <c>+0000</c>, XML with <c>Z</c>.
    /// </summary>
    private static IEnumerable<(string Name, string Value, bool IsRaw)> Fields(JobInfo job, bool json)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            job.WriteJsonProperties(w);
            w.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var fields = new List<(string, string, bool)>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.String)
            {
                var text = value.GetString()!;
                var isDate = property.Name is "createdDate" or "systemModstamp";
                fields.Add((property.Name, json && isDate ? text[..^1] + "+0000" : text, false));
            }
            else
            {
                fields.Add((property.Name, value.GetRawText(), true));
            }
        }

        return fields;
    }
}
