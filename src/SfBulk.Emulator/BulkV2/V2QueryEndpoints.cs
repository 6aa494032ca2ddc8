using SfBulk.Emulator.Allocations;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV2;

/// <summary>Handlers of <c>/jobs/query</c>: create, abort, info, delete, results.</summary>
internal static class V2QueryEndpoints
{
    public static async Task CreateAsync(HttpContext context, OrgState state)
    {
        if (await V2Request.BeginWithBodyAsync(context, state, JobKind.V2Query).ConfigureAwait(false) is not { } begun)
        {
            return;
        }

        using var body = begun.Body;
        var root = body.RootElement;
        var operation = root.GetString("operation") ?? "query";
        var format = V2CsvFormat.Read(root);
        var problem = operation is not ("query" or "queryAll")
            ? V2IngestEndpoints.EnumProblem("OperationEnum", operation)
            : format.Problem();
        if (problem is not null)
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", problem).ConfigureAwait(false);
            return;
        }

        var query = root.GetString("query");
        var soql = V2Soql.TryParse(query);
        if (soql is null)
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "MALFORMED_QUERY", "unexpected token: expected SELECT <fields> FROM <object>").ConfigureAwait(false);
            return;
        }

        var objectName = state.Options.ObjectRecordCounts.Keys.FirstOrDefault(k => string.Equals(k, soql.Object, StringComparison.OrdinalIgnoreCase));
        if (objectName is null)
        {
            await V2Http.WriteErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                "INVALID_TYPE",
                "sObject type '" + soql.Object + "' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.").ConfigureAwait(false);
            return;
        }

        if (!state.Allocations.TryCharge(AllocationNames.DailyBulkV2QueryJobs, 1, out _))
        {
            // Status and code as for the daily request allocation (REST status table); the wording is unverified.
            await V2Http.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "REQUEST_LIMIT_EXCEEDED", "DailyBulkV2QueryJobs Limit exceeded.").ConfigureAwait(false);
            return;
        }

        var now = state.Now;
        var id = state.NewJobId(out var sequence);
        var total = state.Options.ObjectRecordCounts[objectName];
        var job = new EmulatedJob(id, JobKind.V2Query, now, JobStates.UploadComplete)
        {
            Sequence = sequence,
            Operation = operation,
            Object = objectName,
            CreatedById = begun.Session.User.Id,
            ApiVersion = begun.Version,
            ContentType = "CSV",
            LineEnding = format.LineEnding,
            ColumnDelimiter = format.Delimiter,
            Query = query,
            LastModified = now,
        };
        job.V2RecordsProcessed = soql.Limit is { } limit ? Math.Min(limit, total) : total;
        var started = now + state.Options.BatchQueueDelay;
        job.Timeline.Schedule(started, JobStates.InProgress);
        job.Timeline.Schedule(started + state.Options.BatchProcessingTime, JobStates.JobComplete);
        state.AddJob(job);
        state.Allocations.Charge(AllocationNames.DailyBulkV2QueryFileStorageMB, ResultMegabytes(job.V2RecordsProcessed));
        await V2IngestEndpoints.WriteJobAsync(context, job, V2JobInfoWriter.Shape.Change, now).ConfigureAwait(false);
    }

    public static async Task PatchAsync(HttpContext context, OrgState state)
    {
        if (await V2Request.BeginStateChangeAsync(context, state, JobKind.V2Query).ConfigureAwait(false) is not { } begun)
        {
            return;
        }

        var (job, requested) = (begun.Job, begun.Requested);
        var now = state.Now;
        (string Code, string Message)? error = null;
        lock (job.Gate)
        {
            var current = job.StateAt(now);
            if (requested != JobStates.Aborted)
            {
                error = ("INVALIDJOBSTATE", "Invalid state " + (requested ?? "null") + ": a query job can only be set to Aborted");
            }
            else if (current is JobStates.UploadComplete or JobStates.InProgress)
            {
                job.Timeline.Interrupt(now, JobStates.Aborted);
                job.LastModified = now;
            }
            else
            {
                // Documented for query jobs ("Aborting already Completed Job not allowed"); the variant offers others.
                error = V2Request.Refusal("Aborting", current, state.Variants.V2StateChangeRefusal);
            }
        }

        await V2Request.EndStateChangeAsync(context, job, error, now).ConfigureAwait(false);
    }

    public static async Task GetAsync(HttpContext context, OrgState state)
    {
        if (await V2Request.BeginJobAsync(context, state, JobKind.V2Query).ConfigureAwait(false) is { } begun)
        {
            await V2IngestEndpoints.WriteJobAsync(context, begun.Job, V2JobInfoWriter.Shape.Info, state.Now).ConfigureAwait(false);
        }
    }

    /// <summary>DELETE: 204 in JobComplete, Aborted or Failed; otherwise 400 API_ERROR.</summary>
    public static Task DeleteAsync(HttpContext context, OrgState state) =>
        V2IngestEndpoints.DeleteJobAsync(context, state, JobKind.V2Query, [JobStates.JobComplete, JobStates.Aborted, JobStates.Failed]);

    /// <summary>The storage a query's results take, at an assumed 100 bytes of CSV per record, in whole megabytes.</summary>
    private static long ResultMegabytes(long records) => ((records * 100) + 999_999) / 1_000_000;
}
