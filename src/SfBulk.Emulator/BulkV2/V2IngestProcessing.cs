using System.Text;
using SfBulk.Emulator.Identity;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV2;

/// <summary>
/// What happens to a Bulk API 2.0 ingest job's data: parsing uploads, deciding each record's outcome when the
/// upload completes, scheduling the job's states on its timeline, and rendering the three result files.
/// Callers hold the job's <see cref="EmulatedJob.Gate"/>.
/// </summary>
internal static class V2IngestProcessing
{
    /// <summary>Salesforce splits ingest data into internal batches of this many records.</summary>
    public const int RecordsPerInternalBatch = 10_000;

    private const string IdKey = "sf__Id";
    private const string ErrorKey = "sf__Error";
    private const string CreatedKey = "sf__Created";

    /// <summary>Stores one upload and parses its records; a parse problem fails the job once processing starts.</summary>
    public static void Upload(EmulatedJob job, byte[] data)
    {
        job.UploadedData.Write(data);
        var text = Encoding.UTF8.GetString(data);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var error = V2Csv.TryParse(text, job.ColumnDelimiter, job.LineEnding, out var header, out var rows);
        if (error is not null)
        {
            job.ErrorMessage ??= error;
            return;
        }

        foreach (var row in rows)
        {
            var record = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                record[header[i]] = i < row.Length ? row[i] : string.Empty;
            }

            job.V2Records.Add(record);
        }
    }

    /// <summary>Moves an Open job to UploadComplete at <paramref name="now"/> and schedules its processing.</summary>
    public static void Complete(EmulatedJob job, DateTimeOffset now, OrgState state)
    {
        var options = state.Options;
        job.Timeline.Interrupt(now, JobStates.UploadComplete);
        job.LastModified = now;
        var started = now + options.BatchQueueDelay;
        job.Timeline.Schedule(started, JobStates.InProgress);
        var batches = Math.Max(1, (job.V2Records.Count + RecordsPerInternalBatch - 1) / RecordsPerInternalBatch);
        var waves = (batches + Math.Max(1, options.MaxParallelBatches) - 1) / Math.Max(1, options.MaxParallelBatches);
        var finished = started + (options.BatchProcessingTime * waves);
        if (job.ErrorMessage is not null)
        {
            job.Timeline.Schedule(started, JobStates.Failed);
            return;
        }

        long failed = 0;
        foreach (var record in job.V2Records)
        {
            var error = Validate(job, record);
            if (error is not null)
            {
                record[ErrorKey] = error;
                failed++;
                continue;
            }

            var insert = job.Operation == "insert" || (job.Operation == "upsert" && !record.ContainsKey("Id"));
            record[IdKey] = insert ? state.NewRecordId(KeyPrefix(job.Object)) : record.GetValueOrDefault("Id", string.Empty);
            record[CreatedKey] = insert ? "true" : "false";
        }

        job.V2RecordsProcessed = job.V2Records.Count;
        job.V2RecordsFailed = failed;
        job.Timeline.Schedule(finished, JobStates.JobComplete);
    }

    /// <summary>Processing time reported once the job finished: InProgress → JobComplete, in ms.</summary>
    public static long ProcessingMilliseconds(EmulatedJob job) =>
        job.Timeline.WhenEntered(JobStates.InProgress) is { } start && job.Timeline.WhenEntered(JobStates.JobComplete) is { } end
            ? (long)(end - start).TotalMilliseconds
            : 0;

    /// <summary>Renders successfulResults, failedResults or unprocessedrecords at <paramref name="now"/>.</summary>
    public static string Results(EmulatedJob job, string kind, DateTimeOffset now)
    {
        var state = job.StateAt(now);
        var delimiter = V2Csv.DelimiterChar(job.ColumnDelimiter);
        var newLine = V2Csv.NewLine(job.LineEnding);
        var columns = job.V2Records.SelectMany(r => r.Keys).Where(k => !k.StartsWith("sf__", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var b = new StringBuilder();
        if (kind != "unprocessedrecords")
        {
            b.AppendQuoted(IdKey).Append(delimiter).AppendQuoted(kind == "successfulResults" ? CreatedKey : ErrorKey);
            if (columns.Count > 0)
            {
                b.Append(delimiter);
            }
        }

        b.AppendJoin(delimiter, columns).Append(newLine);
        foreach (var record in job.V2Records)
        {
            var include = kind switch
            {
                "successfulResults" => state == JobStates.JobComplete && record.ContainsKey(IdKey),
                "failedResults" => state == JobStates.JobComplete && record.ContainsKey(ErrorKey),
                _ => state is JobStates.Aborted or JobStates.Failed,
            };
            if (!include)
            {
                continue;
            }

            if (kind != "unprocessedrecords")
            {
                b.AppendQuoted(record.GetValueOrDefault(IdKey, string.Empty)).Append(delimiter)
                    .AppendQuoted(record.GetValueOrDefault(kind == "successfulResults" ? CreatedKey : ErrorKey, string.Empty));
                foreach (var column in columns)
                {
                    b.Append(delimiter).AppendQuoted(record.GetValueOrDefault(column, string.Empty));
                }
            }
            else
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(delimiter);
                    }

                    b.AppendField(record.GetValueOrDefault(columns[i], string.Empty), delimiter);
                }
            }

            b.Append(newLine);
        }

        return b.ToString();
    }

    /// <summary>The key prefix of records created in <paramref name="objectName"/>.</summary>
    public static string KeyPrefix(string objectName) => objectName.ToUpperInvariant() switch
    {
        "ACCOUNT" => "001",
        "CONTACT" => "003",
        "OPPORTUNITY" => "006",
        "LEAD" => "00Q",
        "CASE" => "500",
        "EMAILMESSAGE" => "02s",
        _ => "a00",
    };

    private static string? Validate(EmulatedJob job, Dictionary<string, string> record)
    {
        switch (job.Operation)
        {
            case "update" or "delete" or "hardDelete":
                var id = record.GetValueOrDefault("Id");
                if (string.IsNullOrEmpty(id))
                {
                    return job.Operation == "update" ? "MISSING_ARGUMENT:Id not specified in an update call:--" : "MISSING_ARGUMENT:Id not specified in a delete call:--";
                }

                return SalesforceIds.TryNormalize(id, out _) ? null : "MALFORMED_ID:malformed id " + id + ":--";
            case "upsert" when job.ExternalIdFieldName is { } external && string.IsNullOrEmpty(record.GetValueOrDefault(external)):
                return "MISSING_ARGUMENT:" + external + " not specified:--";
            default:
                var missing = RequiredFields(job.Object).Where(f => string.IsNullOrEmpty(record.GetValueOrDefault(f))).ToList();
                return missing.Count == 0 || (record.ContainsKey("Id") && job.Operation == "upsert")
                    ? null
                    : "REQUIRED_FIELD_MISSING:Required fields are missing: [" + string.Join(", ", missing) + "]:" + string.Join(" ", missing) + " --";
        }
    }

    private static string[] RequiredFields(string objectName) => objectName.ToUpperInvariant() switch
    {
        "ACCOUNT" => ["Name"],
        "CONTACT" => ["LastName"],
        "LEAD" => ["LastName", "Company"],
        "OPPORTUNITY" => ["Name", "StageName", "CloseDate"],
        _ => [],
    };
}
