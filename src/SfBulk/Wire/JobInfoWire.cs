using System.Text.Json;
using System.Xml;
using SfBulk.Diagnostics;

namespace SfBulk.Wire;

/// <summary>Reads <c>jobInfo</c> in both Bulk 1.0 dialects and Bulk 2.0 JSON (one field set covers all three).</summary>
internal static class JobInfoWire
{
    private const string What = "a jobInfo";

    /// <summary>Parses a Bulk API 1.0 XML jobInfo; an XML <c>error</c> document raises the Salesforce error.</summary>
    public static JobInfo ParseXml(byte[] body, ApiResponse? response = null) =>
        WireXml.Parse(body, "an XML jobInfo", response, reader =>
        {
            var root = WireXml.ReadRoot(reader);
            if (string.Equals(root, "error", StringComparison.Ordinal))
            {
                throw ApiErrors.ToException(ApiErrors.ReadXmlError(reader, response), response);
            }

            if (!string.Equals(root, "jobInfo", StringComparison.Ordinal))
            {
                throw WireFailure.InvalidResponse($"expected an XML jobInfo but the root element is <{WireFailure.Shorten(root)}>", response);
            }

            return Map(WireXml.ReadFlat(reader, "jobInfo", response));
        });

    /// <summary>Parses a JSON jobInfo (Bulk 1.0 JSON jobs and Bulk 2.0); a JSON error body raises the Salesforce error.</summary>
    public static JobInfo ParseJson(byte[] body, ApiResponse? response = null) =>
        WireJson.Parse(body, "a JSON jobInfo", response, root => FromJson(root, response));

    /// <summary>Parses either dialect, whichever the body is (Bulk 1.0 answers in the job's dialect).</summary>
    public static JobInfo Parse(byte[] body, ApiResponse? response = null) =>
        BodySniffer.Detect(body, response?.ContentType) == BodyKind.Json ? ParseJson(body, response) : ParseXml(body, response);

    internal static JobInfo FromJson(JsonElement root, ApiResponse? response)
    {
        if (ApiErrors.TryReadJsonError(root, out var error))
        {
            throw ApiErrors.ToException(error, response);
        }

        return Map(WireJson.ReadFlat(root, What[2..], response));
    }

    /// <summary>
    /// Maps the fields to a JobInfo. The values that repeat from job to job (everything but the id, the numbers and
    /// the free texts) are shared through <see cref="WireStrings"/>.
    /// </summary>
    internal static JobInfo Map(WireFields f) => new()
    {
        Id = f.RequiredString("id"),
        Operation = new JobOperation(Shared(f, "operation") ?? string.Empty),
        Object = Shared(f, "object") ?? string.Empty,
        CreatedById = Shared(f, "createdById") ?? string.Empty,
        CreatedDate = f.Date("createdDate"),
        SystemModstamp = f.Date("systemModstamp"),
        State = new BulkJobState(WireStrings.Share(f.RequiredString("state"))),
        ExternalIdFieldName = Shared(f, "externalIdFieldName"),
        ConcurrencyMode = Shared(f, "concurrencyMode") is { } mode ? new ConcurrencyMode(mode) : default(ConcurrencyMode?),
        ContentType = Shared(f, "contentType") is { } type ? new JobContentType(type) : default(JobContentType?),
        NumberBatchesQueued = f.Int32("numberBatchesQueued"),
        NumberBatchesInProgress = f.Int32("numberBatchesInProgress"),
        NumberBatchesCompleted = f.Int32("numberBatchesCompleted"),
        NumberBatchesFailed = f.Int32("numberBatchesFailed"),
        NumberBatchesTotal = f.Int32("numberBatchesTotal"),
        NumberRecordsProcessed = f.Int64("numberRecordsProcessed"),
        NumberRetries = f.Int32("numberRetries"),
        ApiVersion = f.Decimal("apiVersion"),
        AssignmentRuleId = Shared(f, "assignmentRuleId"),
        NumberRecordsFailed = f.Int64("numberRecordsFailed"),
        TotalProcessingTime = f.Int64("totalProcessingTime"),
        ApiActiveProcessingTime = f.Int64("apiActiveProcessingTime"),
        ApexProcessingTime = f.Int64("apexProcessingTime"),
        FastPathEnabled = f.Boolean("fastPathEnabled"),
        JobType = Shared(f, "jobType") is { } jobType ? new BulkJobType(jobType) : default(BulkJobType?),
        ContentUrl = f.String("contentUrl"),
        LineEnding = Shared(f, "lineEnding"),
        ColumnDelimiter = Shared(f, "columnDelimiter"),
        ErrorMessage = ServerText.Clean(f.String("errorMessage")),
        Retries = f.Int32OrNull("retries"),
        IsPkChunkingSupported = f.Boolean("isPkChunkingSupported"),
        Query = f.String("query"),
    };

    private static string? Shared(WireFields f, string name) => WireStrings.Share(f.String(name));
}
