using System.Text.Json;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV2;

/// <summary>
/// Writes Bulk API 2.0 JobInfo objects in the member order of Salesforce's documented responses. Callers hold the
/// job's <see cref="EmulatedJob.Gate"/>.
/// </summary>
internal static class V2JobInfoWriter
{
    /// <summary>Which response the JobInfo is for; each carries a different set of members.</summary>
    internal enum Shape
    {
        /// <summary>Create and PATCH (close/abort) responses.</summary>
        Change,

        /// <summary>Get Job Info: adds jobType, counters and times.</summary>
        Info,

        /// <summary>A record of Get All Jobs.</summary>
        ListRecord,
    }

    public static string ContentUrl(EmulatedJob job) => "services/data/v" + job.ApiVersion + "/jobs/ingest/" + job.Id + "/batches";

    public static void Write(Utf8JsonWriter json, EmulatedJob job, Shape shape, DateTimeOffset now)
    {
        var state = job.StateAt(now);
        var complete = state == JobStates.JobComplete;
        json.WriteStartObject();
        json.WriteString("id", job.Id);
        json.WriteString("operation", job.Operation);
        json.WriteString("object", job.Object);
        json.WriteString("createdById", job.CreatedById);
        json.WriteString("createdDate", V2Http.FormatDate(job.CreatedDate));
        json.WriteString("systemModstamp", V2Http.FormatDate(job.SystemModstampAt(now)));
        json.WriteString("state", state);
        if (job.Kind == JobKind.V2Ingest && job.ExternalIdFieldName is not null && shape != Shape.ListRecord)
        {
            json.WriteString("externalIdFieldName", job.ExternalIdFieldName);
        }

        if (job.Kind == JobKind.V2Ingest && job.AssignmentRuleId is not null && shape != Shape.ListRecord)
        {
            json.WriteString("assignmentRuleId", job.AssignmentRuleId);
        }

        json.WriteString("concurrencyMode", job.ConcurrencyMode);
        json.WriteString("contentType", job.ContentType);
        V2Http.WriteApiVersion(json, job.ApiVersion);
        if (shape != Shape.Change)
        {
            json.WriteString("jobType", job.Kind.ToString());
        }

        if (job.Kind == JobKind.V2Ingest)
        {
            json.WriteString("contentUrl", ContentUrl(job));
        }

        json.WriteString("lineEnding", job.LineEnding);
        json.WriteString("columnDelimiter", job.ColumnDelimiter);
        if (shape == Shape.Info)
        {
            var processingMs = complete ? V2IngestProcessing.ProcessingMilliseconds(job) : 0;
            json.WriteNumber("numberRecordsProcessed", complete ? job.V2RecordsProcessed : 0);
            if (job.Kind == JobKind.V2Ingest)
            {
                json.WriteNumber("numberRecordsFailed", complete ? job.V2RecordsFailed : 0);
            }

            json.WriteNumber("retries", job.NumberRetries);
            json.WriteNumber("totalProcessingTime", processingMs);
            if (job.Kind == JobKind.V2Ingest)
            {
                json.WriteNumber("apiActiveProcessingTime", processingMs);
                json.WriteNumber("apexProcessingTime", 0);
            }
            else
            {
                json.WriteBoolean("isPkChunkingSupported", true);
            }

            if (state == JobStates.Failed && job.ErrorMessage is not null)
            {
                json.WriteString("errorMessage", job.ErrorMessage);
            }
        }

        json.WriteEndObject();
    }
}
