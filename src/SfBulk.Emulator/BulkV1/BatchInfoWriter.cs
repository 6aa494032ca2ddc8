using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SfBulk.Emulator.BulkV1;

/// <summary>
/// Writes <c>batchInfo</c> and <c>batchInfoList</c> (XML in wsc/doc element order; JSON alphabetical, the list as
/// <c>{"batchInfo":[…]}</c>).
/// </summary>
internal static class BatchInfoWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, IndentSize = 3 };

    public static Task WriteAsync(HttpContext context, WireFormat format, in BatchSnapshot batch)
    {
        if (format == WireFormat.Json)
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            using (var w = new Utf8JsonWriter(buffer, JsonOptions))
            {
                WriteJson(w, batch);
            }

            return V1Responses.WriteJsonAsync(context, buffer);
        }

        var sb = new StringBuilder(700).OpenRoot("batchInfo");
        AppendXmlFields(sb, " ", batch);
        return V1Responses.WriteXmlAsync(context, sb.Append("\n</batchInfo>"));
    }

    public static Task WriteListAsync(HttpContext context, WireFormat format, IReadOnlyList<BatchSnapshot> batches)
    {
        if (format == WireFormat.Json)
        {
            var buffer = new ArrayBufferWriter<byte>(256 + (400 * batches.Count));
            using (var w = new Utf8JsonWriter(buffer, JsonOptions))
            {
                w.WriteStartObject();
                w.WriteStartArray("batchInfo");
                foreach (var batch in batches)
                {
                    WriteJson(w, batch);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            return V1Responses.WriteJsonAsync(context, buffer);
        }

        var sb = new StringBuilder(200 + (600 * batches.Count)).OpenRoot("batchInfoList");
        foreach (var batch in batches)
        {
            sb.Append("\n <batchInfo>");
            AppendXmlFields(sb, "  ", batch);
            sb.Append("\n </batchInfo>");
        }

        return V1Responses.WriteXmlAsync(context, sb.Append("\n</batchInfoList>"));
    }

    private static void AppendXmlFields(StringBuilder sb, string indent, in BatchSnapshot b)
    {
        sb.Element(indent, "id", b.Id)
            .Element(indent, "jobId", b.JobId)
            .Element(indent, "state", b.State);
        if (b.StateMessage is not null)
        {
            sb.Element(indent, "stateMessage", b.StateMessage);
        }

        sb.Element(indent, "createdDate", Wire.XmlDate(b.CreatedDate))
            .Element(indent, "systemModstamp", Wire.XmlDate(b.SystemModstamp))
            .Element(indent, "numberRecordsProcessed", b.RecordsProcessed)
            .Element(indent, "numberRecordsFailed", b.RecordsFailed)
            .Element(indent, "totalProcessingTime", b.TotalProcessingTime)
            .Element(indent, "apiActiveProcessingTime", b.ApiActiveProcessingTime)
            .Element(indent, "apexProcessingTime", 0);
    }

    private static void WriteJson(Utf8JsonWriter w, in BatchSnapshot b)
    {
        w.WriteStartObject();
        w.WriteNumber("apexProcessingTime", 0);
        w.WriteNumber("apiActiveProcessingTime", b.ApiActiveProcessingTime);
        w.WriteString("createdDate", Wire.JsonDate(b.CreatedDate));
        w.WriteString("id", b.Id);
        w.WriteString("jobId", b.JobId);
        w.WriteNumber("numberRecordsFailed", b.RecordsFailed);
        w.WriteNumber("numberRecordsProcessed", b.RecordsProcessed);
        w.WriteString("state", b.State);
        if (b.StateMessage is not null)
        {
            w.WriteString("stateMessage", b.StateMessage);
        }

        w.WriteString("systemModstamp", Wire.JsonDate(b.SystemModstamp));
        w.WriteNumber("totalProcessingTime", b.TotalProcessingTime);
        w.WriteEndObject();
    }
}
