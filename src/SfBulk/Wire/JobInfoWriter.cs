using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml;
using SfBulk.Models;

namespace SfBulk.Wire;

/// <summary>
/// Writes a <see cref="JobInfo"/> as Salesforce does: XML in the wsc/doc element order with <c>Z</c> dates, JSON with
/// <c>+0000</c> dates and a numeric <c>apiVersion</c>; absent (null) fields are omitted.
/// </summary>
internal static class JobInfoWriter
{
    public static byte[] ToXml(JobInfo job)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = " " };
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("jobInfo", WireXml.Namespace);
            foreach (var (name, value, _) in job.Fields(WireDates.ToXml))
            {
                w.WriteElementString(name, WireXml.Namespace, value);
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
            foreach (var (name, value, isRaw) in job.Fields(WireDates.ToJson).OrderBy(f => f.Name, StringComparer.Ordinal))
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
}
