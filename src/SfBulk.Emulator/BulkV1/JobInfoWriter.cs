using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SfBulk.Emulator.BulkV1;

/// <summary>
/// Writes <c>jobInfo</c>. XML follows the wsc/doc element order exactly (nulls omitted); JSON uses the same names in
/// the alphabetical order the doc prints, numbers unquoted and <c>apiVersion</c> as a number such as <c>36.0</c>.
/// </summary>
internal static class JobInfoWriter
{
    public static Task WriteAsync(HttpContext context, WireFormat format, in JobSnapshot job) =>
        format == WireFormat.Json
            ? V1Responses.WriteJsonAsync(context, ToJson(job))
            : V1Responses.WriteXmlAsync(context, ToXml(job));

    public static StringBuilder ToXml(in JobSnapshot s)
    {
        var j = s.Job;
        var sb = new StringBuilder(1200).OpenRoot("jobInfo")
            .Element(" ", "id", j.Id)
            .Element(" ", "operation", j.Operation)
            .Element(" ", "object", j.Object)
            .Element(" ", "createdById", j.CreatedById)
            .Element(" ", "createdDate", Wire.XmlDate(j.CreatedDate))
            .Element(" ", "systemModstamp", Wire.XmlDate(s.SystemModstamp))
            .Element(" ", "state", s.State);
        if (j.ExternalIdFieldName is not null)
        {
            sb.Element(" ", "externalIdFieldName", j.ExternalIdFieldName);
        }

        sb.Element(" ", "concurrencyMode", j.ConcurrencyMode)
            .Element(" ", "contentType", j.ContentType)
            .Element(" ", "numberBatchesQueued", s.Queued)
            .Element(" ", "numberBatchesInProgress", s.InProgress)
            .Element(" ", "numberBatchesCompleted", s.Completed)
            .Element(" ", "numberBatchesFailed", s.Failed)
            .Element(" ", "numberBatchesTotal", s.Total)
            .Element(" ", "numberRecordsProcessed", s.RecordsProcessed)
            .Element(" ", "numberRetries", j.NumberRetries)
            .Element(" ", "apiVersion", j.ApiVersion);
        if (j.AssignmentRuleId is not null)
        {
            sb.Element(" ", "assignmentRuleId", j.AssignmentRuleId);
        }

        return sb.Element(" ", "numberRecordsFailed", s.RecordsFailed)
            .Element(" ", "totalProcessingTime", s.TotalProcessingTime)
            .Element(" ", "apiActiveProcessingTime", s.ApiActiveProcessingTime)
            .Element(" ", "apexProcessingTime", 0)
            .Append("\n</jobInfo>");
    }

    public static ArrayBufferWriter<byte> ToJson(in JobSnapshot s)
    {
        var j = s.Job;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 3 });
        w.WriteStartObject();
        w.WriteNumber("apexProcessingTime", 0);
        w.WriteNumber("apiActiveProcessingTime", s.ApiActiveProcessingTime);
        w.WritePropertyName("apiVersion");
        w.WriteRawValue(j.ApiVersion);
        if (j.AssignmentRuleId is not null)
        {
            w.WriteString("assignmentRuleId", j.AssignmentRuleId);
        }

        w.WriteString("concurrencyMode", j.ConcurrencyMode);
        w.WriteString("contentType", j.ContentType);
        w.WriteString("createdById", j.CreatedById);
        w.WriteString("createdDate", Wire.JsonDate(j.CreatedDate));
        if (j.ExternalIdFieldName is not null)
        {
            w.WriteString("externalIdFieldName", j.ExternalIdFieldName);
        }

        w.WriteString("id", j.Id);
        w.WriteNumber("numberBatchesCompleted", s.Completed);
        w.WriteNumber("numberBatchesFailed", s.Failed);
        w.WriteNumber("numberBatchesInProgress", s.InProgress);
        w.WriteNumber("numberBatchesQueued", s.Queued);
        w.WriteNumber("numberBatchesTotal", s.Total);
        w.WriteNumber("numberRecordsFailed", s.RecordsFailed);
        w.WriteNumber("numberRecordsProcessed", s.RecordsProcessed);
        w.WriteNumber("numberRetries", j.NumberRetries);
        w.WriteString("object", j.Object);
        w.WriteString("operation", j.Operation);
        w.WriteString("state", s.State);
        w.WriteString("systemModstamp", Wire.JsonDate(s.SystemModstamp));
        w.WriteNumber("totalProcessingTime", s.TotalProcessingTime);
        w.WriteEndObject();
        w.Flush();
        return buffer;
    }
}
