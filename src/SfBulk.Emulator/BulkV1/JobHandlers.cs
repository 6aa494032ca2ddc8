using SfBulk.Emulator.Fidelity;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>Create job, get job info, and close/abort (the state-only update).</summary>
internal static class JobHandlers
{
    private static readonly string[] Operations = ["insert", "update", "upsert", "delete", "hardDelete", "query", "queryAll"];

    private static readonly HashSet<string> CreateFields = new(StringComparer.Ordinal)
    {
        "operation", "object", "contentType", "concurrencyMode", "externalIdFieldName", "assignmentRuleId", "state",
    };

    public static async Task CreateAsync(V1Call call)
    {
        var fields = JobInfoBody.Parse(await ReadJobInfoAsync(call).ConfigureAwait(false), Wire.ForRequest(call.Context.Request.ContentType));
        string? Field(string name) => fields.LastOrDefault(f => string.Equals(f.Key, name, StringComparison.Ordinal)).Value;

        foreach (var (name, value) in fields)
        {
            if (!CreateFields.Contains(name) || (name == "state" && value != JobStates.Open))
            {
                throw CannotBeSpecified(name);
            }
        }

        // Messages below are unverified except the upsert one (captured from a real org).
        var operation = Field("operation");
        if (string.IsNullOrEmpty(operation))
        {
            throw new V1Exception(ExceptionCodes.InvalidJob, "Job operation must be specified");
        }

        if (!Operations.Contains(operation, StringComparer.Ordinal))
        {
            // jsforce PR #186: an unknown operation value ("harddelete") answers InvalidJob "Unable to parse Job".
            throw new V1Exception(ExceptionCodes.InvalidJob, "Unable to parse Job");
        }

        var objectName = Field("object");
        if (string.IsNullOrWhiteSpace(objectName))
        {
            throw new V1Exception(ExceptionCodes.InvalidJob, "Job object must be specified");
        }

        var contentType = Field("contentType") ?? "XML";
        if (!Wire.IsJobContentType(contentType))
        {
            throw new V1Exception(ExceptionCodes.InvalidJob, "Invalid content type: " + contentType);
        }

        var mode = Field("concurrencyMode") ?? "Parallel";
        if (mode is not ("Parallel" or "Serial"))
        {
            throw new V1Exception(ExceptionCodes.InvalidJob, "Invalid concurrency mode: " + mode);
        }

        var externalId = Field("externalIdFieldName");
        if (operation == "upsert" && string.IsNullOrWhiteSpace(externalId))
        {
            throw new V1Exception(ExceptionCodes.InvalidJob, $"External ID was blank for {objectName}. An External ID must be specified for upsert.");
        }

        // The header only matters for query jobs; it is validated whatever the operation.
        var chunking = PkChunkingHeader.Parse(call.Context.Request.Headers[PkChunkingHeader.Name].FirstOrDefault());
        var state = call.State;
        var now = state.Now;
        var job = new EmulatedJob(state.NewJobId(out var sequence), JobKind.Classic, now, JobStates.Open)
        {
            Sequence = sequence,
            Operation = operation,
            Object = objectName,
            CreatedById = call.Session.User.Id,
            ConcurrencyMode = mode,
            ContentType = contentType,
            ExternalIdFieldName = string.IsNullOrEmpty(externalId) ? null : externalId,
            AssignmentRuleId = Field("assignmentRuleId"),
            ApiVersion = call.Version,
            PkChunking = operation is "query" or "queryAll" ? chunking : null,
            LastModified = now,
        };
        state.AddJob(job);
        JobSnapshot snapshot;
        lock (job.Gate)
        {
            snapshot = JobSnapshot.Of(job, now);
        }

        // Success status of create is unverified (200 or 201); 200 is what the status page lists.
        await JobInfoWriter.WriteAsync(call.Context, Wire.ForJob(contentType), snapshot).ConfigureAwait(false);
    }

    public static Task GetAsync(V1Call call)
    {
        var job = call.RequiredJob;
        JobSnapshot snapshot;
        lock (job.Gate)
        {
            snapshot = JobSnapshot.Of(job, call.State.Now);
        }

        return JobInfoWriter.WriteAsync(call.Context, call.Format, snapshot);
    }

    /// <summary>Close or abort: the body may hold <c>state</c> alone (protocol notes §2.3).</summary>
    public static async Task UpdateAsync(V1Call call)
    {
        var fields = JobInfoBody.Parse(await ReadJobInfoAsync(call).ConfigureAwait(false), Wire.ForRequest(call.Context.Request.ContentType));
        var job = call.RequiredJob;

        // WSC's closeJob/abortJob send <id> before <state>: the id of the job itself is tolerated (forceworkbench
        // #675 shows a real org complaining about CreatedById, not Id, for an echoed JobInfo).
        var extra = fields.Where(f => f.Key != "state" && !(f.Key == "id" && IsJobsOwnId(f.Value, job))).Select(f => f.Key).ToList();
        if (extra.Count > 0)
        {
            // A client echoing a whole JobInfo gets "CreatedById cannot be specified" (forceworkbench #675), so the
            // identifying fields id/operation/object are reported only when nothing else is wrong.
            var reported = extra.FirstOrDefault(n => n is not ("id" or "operation" or "object")) ?? extra[0];
            throw CannotBeSpecified(reported);
        }

        var target = fields.LastOrDefault(f => f.Key == "state").Value;
        JobSnapshot snapshot;
        if (job.Kind != JobKind.Classic)
        {
            // The v1RouteForV2Job=jobInfo variant: the 1.0 route shows a 2.0 job but leaves its state alone.
            lock (job.Gate)
            {
                snapshot = JobSnapshot.Of(job, call.State.Now);
            }

            await JobInfoWriter.WriteAsync(call.Context, call.Format, snapshot).ConfigureAwait(false);
            return;
        }

        lock (job.Gate)
        {
            var now = call.State.Now;
            var current = job.StateAt(now);
            switch (target)
            {
                case JobStates.Closed:
                    if (current != JobStates.Open)
                    {
                        // Closed/aborted wordings from the OpenIDM fixture; the Failed one is unverified.
                        throw new V1Exception(ExceptionCodes.InvalidJobState, $"Closing already {current.ToLowerInvariant()} Job not allowed");
                    }

                    if (!string.Equals(job.CreatedById, call.Session.User.Id, StringComparison.Ordinal))
                    {
                        // Documented rule (only the creator may close); the code is the closeByOtherUser variant.
                        throw OtherUsersJob(call.State.Variants.CloseByOtherUser);
                    }

                    break;
                case JobStates.Aborted:
                    if (current is JobStates.Aborted or JobStates.Failed)
                    {
                        // Unverified: inferred from Bulk 2.0's "Aborting already Completed Job not allowed".
                        throw new V1Exception(ExceptionCodes.InvalidJobState, $"Aborting already {current.ToLowerInvariant()} Job not allowed");
                    }

                    // Open and Closed jobs may be aborted by any user ("You can abort the job at any point").
                    BatchScheduler.Abort(job, now);
                    break;
                case null:
                    throw new V1Exception(ExceptionCodes.InvalidJobState, "Job state must be specified");
                default:
                    throw new V1Exception(ExceptionCodes.InvalidJobState, "Invalid job state: " + target);
            }

            job.Timeline.Interrupt(now, target);
            job.LastModified = now;
            snapshot = JobSnapshot.Of(job, now);
        }

        await JobInfoWriter.WriteAsync(call.Context, call.Format, snapshot).ConfigureAwait(false);
    }

    /// <summary>The refusal of a close by a user other than the creator, in the code the variant names (message unverified).</summary>
    internal static V1Exception OtherUsersJob(CloseByOtherUser variant) => variant switch
    {
        CloseByOtherUser.InvalidJob => new(ExceptionCodes.InvalidJob, "Only the user who created the job can close it"),
        CloseByOtherUser.InvalidJobState => new(ExceptionCodes.InvalidJobState, "Only the user who created the job can close it"),
        _ => new(ExceptionCodes.InvalidUser, "Only the user who created the job can close it"),
    };

    private static bool IsJobsOwnId(string? value, EmulatedJob job) =>
        SfBulk.Emulator.Identity.SalesforceIds.TryNormalize(value, out var id) && string.Equals(id, job.Id, StringComparison.Ordinal);

    private static async Task<byte[]> ReadJobInfoAsync(V1Call call) =>
        await RequestBody.ReadAsync(call.Context, Limits.MaxJobInfoBytes).ConfigureAwait(false)
        ?? throw new V1Exception(ExceptionCodes.InvalidJob, "Job info exceeds the maximum size");

    /// <summary><c>InvalidJob</c> "CreatedById cannot be specified" style: the field name with a capital first letter.</summary>
    private static V1Exception CannotBeSpecified(string field) =>
        new(ExceptionCodes.InvalidJob, (field.Length == 0 ? "Field" : char.ToUpperInvariant(field[0]) + field[1..]) + " cannot be specified");
}
