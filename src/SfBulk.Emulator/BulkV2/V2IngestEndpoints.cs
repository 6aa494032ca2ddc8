using SfBulk.Emulator.Fidelity;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV2;

/// <summary>Handlers of <c>/jobs/ingest</c>: create, upload, close/abort, info, delete, results.</summary>
internal static class V2IngestEndpoints
{
    private static readonly string[] Operations = ["insert", "delete", "hardDelete", "update", "upsert"];

    public static async Task CreateAsync(HttpContext context, OrgState state)
    {
        if (await V2Request.BeginWithBodyAsync(context, state, JobKind.V2Ingest).ConfigureAwait(false) is not { } begun)
        {
            return;
        }

        using var body = begun.Body;
        var root = body.RootElement;
        var operation = root.GetString("operation");
        var objectName = root.GetString("object");
        var format = V2CsvFormat.Read(root);
        var externalId = root.GetString("externalIdFieldName");
        var problem = operation is not null && !Operations.Contains(operation, StringComparer.Ordinal)
            ? EnumProblem("OperationEnum", operation)
            : format.Problem();
        if (problem is not null)
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", problem).ConfigureAwait(false);
            return;
        }

        var knownObject = objectName is null ? null : state.Options.ObjectRecordCounts.Keys.FirstOrDefault(k => string.Equals(k, objectName, StringComparison.OrdinalIgnoreCase));
        var invalid = operation is null ? "InvalidJob : Operation is required"
            : objectName is null ? "InvalidJob : Object is required"
            : knownObject is null ? "InvalidJob : Unable to find object: " + objectName
            : operation == "upsert" && string.IsNullOrEmpty(externalId) ? "InvalidJob : External ID was blank for " + knownObject + ". An External ID must be specified for upsert."
            : null;
        if (invalid is not null)
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "INVALIDJOB", invalid).ConfigureAwait(false);
            return;
        }

        var now = state.Now;
        var id = state.NewJobId(out var sequence);
        var job = new EmulatedJob(id, JobKind.V2Ingest, now, JobStates.Open)
        {
            Sequence = sequence,
            Operation = operation!,
            Object = knownObject!,
            CreatedById = begun.Session.User.Id,
            ApiVersion = begun.Version,
            ContentType = "CSV",
            LineEnding = format.LineEnding,
            ColumnDelimiter = format.Delimiter,
            ExternalIdFieldName = operation == "upsert" ? externalId : null,
            AssignmentRuleId = root.GetString("assignmentRuleId"),
            LastModified = now,
        };
        state.AddJob(job);
        await WriteJobAsync(context, job, V2JobInfoWriter.Shape.Change, now).ConfigureAwait(false);
    }

    public static async Task UploadAsync(HttpContext context, OrgState state)
    {
        if (await V2Request.BeginJobAsync(context, state, JobKind.V2Ingest).ConfigureAwait(false) is not { } begun)
        {
            return;
        }

        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        // 415 follows the REST status table; the error code and message are unverified.
        if (!string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Content-Type text/csv is required to upload job data").ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var job = begun.Job;
        string? notOpen = null;
        lock (job.Gate)
        {
            var current = job.StateAt(state.Now);
            if (current != JobStates.Open)
            {
                notOpen = current;
            }
            else
            {
                job.UploadCount++;
                if (job.UploadCount == 1 || state.Variants.MultipleUploads == MultipleUploads.Append)
                {
                    V2IngestProcessing.Upload(job, buffer.ToArray());
                }
                job.LastModified = state.Now;
            }
        }

        // Status, code and wording for an upload to a job that is not Open: unverified.
        if (notOpen is not null)
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "INVALIDJOBSTATE", "Job data can only be uploaded while the job is Open. Current job state is " + notOpen).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
    }

    public static async Task PatchAsync(HttpContext context, OrgState state)
    {
        if (await V2Request.BeginStateChangeAsync(context, state, JobKind.V2Ingest).ConfigureAwait(false) is not { } begun)
        {
            return;
        }

        var (job, requested) = (begun.Job, begun.Requested);
        (string Code, string Message)? error = null;
        var now = state.Now;
        var variants = state.Variants;
        lock (job.Gate)
        {
            var current = job.StateAt(now);
            switch (requested)
            {
                case JobStates.UploadComplete when current == JobStates.Open && !string.Equals(job.CreatedById, begun.Session.User.Id, StringComparison.Ordinal):
                    // Only the creator may close (doc); the code is the closeByOtherUser variant, in 2.0 spelling.
                    error = (V1ToV2Code(BulkV1.JobHandlers.OtherUsersJob(variants.CloseByOtherUser).Code), "Only the user who created the job can close it");
                    break;
                case JobStates.UploadComplete when current == JobStates.Open && job.UploadCount > 1 && variants.MultipleUploads == MultipleUploads.InvalidJob:
                    // User report (Salesforce StackExchange, "Providing multiple batches to the Bulk API 2.0").
                    error = ("INVALIDJOB", "Found multiple contents for job: <" + job.Id + ">, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.");
                    break;
                case JobStates.UploadComplete when current == JobStates.Open:
                    V2IngestProcessing.Complete(job, now, state);
                    break;
                case JobStates.UploadComplete:
                    error = V2Request.Refusal("Closing", current, variants.V2StateChangeRefusal);
                    break;
                case JobStates.Aborted when current is JobStates.Open or JobStates.UploadComplete or JobStates.InProgress:
                    job.Timeline.Interrupt(now, JobStates.Aborted);
                    job.LastModified = now;
                    break;
                case JobStates.Aborted:
                    error = V2Request.Refusal("Aborting", current, variants.V2StateChangeRefusal);
                    break;
                default:
                    error = ("INVALIDJOBSTATE", "Invalid state " + (requested ?? "null") + ": an ingest job can only be set to UploadComplete or Aborted");
                    break;
            }
        }

        await V2Request.EndStateChangeAsync(context, job, error, now).ConfigureAwait(false);
    }

    public static async Task GetAsync(HttpContext context, OrgState state)
    {
        if (await V2Request.BeginJobAsync(context, state, JobKind.V2Ingest).ConfigureAwait(false) is { } begun)
        {
            await WriteJobAsync(context, begun.Job, V2JobInfoWriter.Shape.Info, state.Now).ConfigureAwait(false);
        }
    }

    /// <summary>DELETE: 204 in UploadComplete, JobComplete, Aborted or Failed; otherwise 400 API_ERROR.</summary>
    public static Task DeleteAsync(HttpContext context, OrgState state) =>
        DeleteJobAsync(context, state, JobKind.V2Ingest, [JobStates.UploadComplete, JobStates.JobComplete, JobStates.Aborted, JobStates.Failed]);

    public static async Task ResultsAsync(HttpContext context, OrgState state, string kind)
    {
        if (await V2Request.BeginJobAsync(context, state, JobKind.V2Ingest).ConfigureAwait(false) is not { } begun)
        {
            return;
        }

        string csv;
        lock (begun.Job.Gate)
        {
            csv = V2IngestProcessing.Results(begun.Job, kind, state.Now);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = V2Http.CsvContentType;
        await context.Response.WriteAsync(csv, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Deletes a job of <paramref name="kind"/> when its state is in <paramref name="deletable"/>.</summary>
    public static async Task DeleteJobAsync(HttpContext context, OrgState state, JobKind kind, string[] deletable)
    {
        if (await V2Request.BeginJobAsync(context, state, kind).ConfigureAwait(false) is not { } begun)
        {
            return;
        }

        var job = begun.Job;
        bool deleted;
        lock (job.Gate)
        {
            deleted = deletable.Contains(job.StateAt(state.Now), StringComparer.Ordinal);
            if (deleted)
            {
                job.Deleted = true;
            }
        }

        if (!deleted)
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "API_ERROR", "Error encountered when deleting the job because the job is not terminated").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Writes a JobInfo under the job's gate.</summary>
    public static Task WriteJobAsync(HttpContext context, EmulatedJob job, V2JobInfoWriter.Shape shape, DateTimeOffset now) =>
        V2Http.WriteJsonAsync(context, StatusCodes.Status200OK, json =>
        {
            lock (job.Gate)
            {
                V2JobInfoWriter.Write(json, job, shape, now);
            }
        });

    /// <summary>A Bulk API 1.0 exception code in Bulk API 2.0 spelling (upper case, e.g. <c>INVALIDUSER</c>).</summary>
    private static string V1ToV2Code(string code) => code.ToUpperInvariant();

    /// <summary>The Jackson-style message Salesforce returns for an unknown enum value (wording unverified).</summary>
    public static string EnumProblem(string enumName, string value) =>
        "Cannot deserialize instance of " + enumName + " from VALUE_STRING value " + value + " or request may be missing a required field";
}
