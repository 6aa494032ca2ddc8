using System.Globalization;
using System.Text.Json;
using SfBulk.Models;

namespace SfBulk.Cli.Output;

/// <summary>
/// JobInfo and BatchInfo as JSON with Salesforce's field names (<c>id</c>, <c>state</c>, <c>numberBatchesTotal</c>, …)
/// in Salesforce's order; dates as ISO 8601 UTC (<c>2026-01-31T12:00:00.000Z</c>); fields Salesforce did not send
/// are left out.
/// </summary>
internal static class JobJson
{
    public static void WriteJob(Utf8JsonWriter w, JobInfo j, Action<Utf8JsonWriter>? extra = null)
    {
        w.WriteStartObject();
        WriteJobFields(w, j);
        extra?.Invoke(w);
        w.WriteEndObject();
    }

    public static void WriteJobFields(Utf8JsonWriter w, JobInfo j)
    {
        w.WriteString("id", j.Id);
        w.WriteString("operation", j.Operation.ToString());
        w.WriteString("object", j.Object);
        w.WriteString("createdById", j.CreatedById);
        w.WriteString("createdDate", Date(j.CreatedDate));
        w.WriteString("systemModstamp", Date(j.SystemModstamp));
        w.WriteString("state", j.State.ToString());
        Optional(w, "externalIdFieldName", j.ExternalIdFieldName);
        Optional(w, "concurrencyMode", j.ConcurrencyMode?.ToString());
        Optional(w, "contentType", j.ContentType?.ToString());
        w.WriteNumber("numberBatchesQueued", j.NumberBatchesQueued);
        w.WriteNumber("numberBatchesInProgress", j.NumberBatchesInProgress);
        w.WriteNumber("numberBatchesCompleted", j.NumberBatchesCompleted);
        w.WriteNumber("numberBatchesFailed", j.NumberBatchesFailed);
        w.WriteNumber("numberBatchesTotal", j.NumberBatchesTotal);
        w.WriteNumber("numberRecordsProcessed", j.NumberRecordsProcessed);
        w.WriteNumber("numberRetries", j.NumberRetries);
        w.WritePropertyName("apiVersion");
        w.WriteRawValue(j.ApiVersion.ToString(CultureInfo.InvariantCulture));
        Optional(w, "assignmentRuleId", j.AssignmentRuleId);
        w.WriteNumber("numberRecordsFailed", j.NumberRecordsFailed);
        w.WriteNumber("totalProcessingTime", j.TotalProcessingTime);
        w.WriteNumber("apiActiveProcessingTime", j.ApiActiveProcessingTime);
        w.WriteNumber("apexProcessingTime", j.ApexProcessingTime);
        if (j.FastPathEnabled is { } fast)
        {
            w.WriteBoolean("fastPathEnabled", fast);
        }

        Optional(w, "jobType", j.JobType?.ToString());
        Optional(w, "contentUrl", j.ContentUrl);
        Optional(w, "lineEnding", j.LineEnding);
        Optional(w, "columnDelimiter", j.ColumnDelimiter);
        Optional(w, "errorMessage", j.ErrorMessage);
        if (j.Retries is { } retries)
        {
            w.WriteNumber("retries", retries);
        }

        if (j.IsPkChunkingSupported is { } pk)
        {
            w.WriteBoolean("isPkChunkingSupported", pk);
        }

        Optional(w, "query", j.Query);
    }

    public static void WriteBatch(Utf8JsonWriter w, BatchInfo b)
    {
        w.WriteStartObject();
        w.WriteString("id", b.Id);
        w.WriteString("jobId", b.JobId);
        w.WriteString("state", b.State.ToString());
        Optional(w, "stateMessage", b.StateMessage);
        w.WriteString("createdDate", Date(b.CreatedDate));
        w.WriteString("systemModstamp", Date(b.SystemModstamp));
        w.WriteNumber("numberRecordsProcessed", b.NumberRecordsProcessed);
        w.WriteNumber("numberRecordsFailed", b.NumberRecordsFailed);
        w.WriteNumber("totalProcessingTime", b.TotalProcessingTime);
        w.WriteNumber("apiActiveProcessingTime", b.ApiActiveProcessingTime);
        w.WriteNumber("apexProcessingTime", b.ApexProcessingTime);
        w.WriteEndObject();
    }

    /// <summary>A failure as <c>{"errorCode":…,"statusCode":…,"message":…}</c>.</summary>
    public static void WriteError(Utf8JsonWriter w, string propertyName, Exception e)
    {
        w.WriteStartObject(propertyName);
        if (e is SalesforceException se)
        {
            Optional(w, "errorCode", se.ErrorCode);
            if (se.StatusCode is { } status)
            {
                w.WriteNumber("statusCode", (int)status);
            }
        }

        w.WriteString("message", e.Message);
        w.WriteEndObject();
    }

    public static string Date(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
