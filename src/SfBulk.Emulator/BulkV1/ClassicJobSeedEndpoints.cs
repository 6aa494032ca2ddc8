using System.Buffers;
using System.Text;
using System.Text.Json;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>Test seeding of Bulk API 1.0 ("Classic") jobs, mapped only when the control surface is enabled.</summary>
internal static class ClassicJobSeedEndpoints
{
    /// <summary>
    /// Maps <c>POST /_emulator/jobs/classic</c>, which creates <c>count</c> identical Bulk API 1.0 jobs at once (no
    /// session needed) and answers <c>200</c> with a JSON array of their 18-character ids, or <c>400</c>
    /// <c>{"error":"…"}</c> for a bad body. Every property is optional:
    /// <list type="bullet">
    /// <item><c>count</c> (1; max 100,000), <c>object</c> ("Account"), <c>operation</c> ("insert"),
    /// <c>contentType</c> ("CSV"), <c>concurrencyMode</c> ("Parallel"), <c>apiVersion</c> ("66.0").</item>
    /// <item><c>state</c> ("Open"; or Closed, Aborted, Failed) — the job's state since its creation; Aborted also
    /// turns its still-queued batches NotProcessed.</item>
    /// <item><c>createdBy</c> (the default user) — the user name of the creator, e.g. "integration@sfbulk.test".</item>
    /// <item><c>ageSeconds</c> (0) — the job was created this long before now (90000 makes a job older than 24 h);
    /// its batches are timed from that moment, so old jobs show finished batches.</item>
    /// <item><c>batches</c> (0), <c>recordsPerBatch</c> (100), <c>failedRecordsPerBatch</c> (0) — batches added at
    /// creation and run as usual (queue delay, slots, processing time). For query operations each batch runs
    /// <c>soql</c> ("SELECT Id, Name FROM {object}").</item>
    /// <item><c>pkChunking</c> (none; true, or <c>{"chunkSize":N,"parent":"X","startRow":"ID"}</c>) — a PK-chunked
    /// query job: one original batch that ends NotProcessed <see cref="EmulatorOptions.ChunkingDelay"/> after
    /// creation, when its chunk batches appear. <c>chunks</c> sets how many (default: the object's record count
    /// divided by chunkSize), <c>chunkDurationSeconds</c> how long each runs (default
    /// <see cref="EmulatorOptions.BatchProcessingTime"/>), and they run MaxParallelBatches at a time (1 for Serial),
    /// so 40 chunks of 30 s on 4 slots take about 300 s. <c>failChunks</c> lists 1-based chunk numbers that end
    /// Failed with a QUERY_TIMEOUT stateMessage.</item>
    /// </list>
    /// </summary>
    /// <example><c>{"count":10000,"state":"Open","createdBy":"admin@sfbulk.test","ageSeconds":90000}</c> or
    /// <c>{"operation":"query","pkChunking":{"chunkSize":100000},"chunks":40,"chunkDurationSeconds":30,"failChunks":[3]}</c>.</example>
    public static IEndpointRouteBuilder MapClassicJobSeedEndpoints(this IEndpointRouteBuilder app)
    {
        var state = app.ServiceProvider.GetRequiredService<OrgState>();
        app.MapPost("/_emulator/jobs/classic", (RequestDelegate)(context => SeedAsync(context, state)));
        return app;
    }

    private static async Task SeedAsync(HttpContext context, OrgState state)
    {
        ClassicJobSeedRequest request;
        EmulatedUser? user;
        try
        {
            var body = await RequestBody.ReadAsync(context, 64 * 1024).ConfigureAwait(false) ?? throw new FormatException("body too large");
            request = ClassicJobSeedRequest.Parse(body);
            user = request.CreatedBy is null ? state.DefaultUser : state.FindUser(request.CreatedBy);
            if (user is null)
            {
                throw new FormatException("unknown user: " + request.CreatedBy);
            }
        }
        catch (FormatException e)
        {
            var error = new ArrayBufferWriter<byte>(128);
            using (var w = new Utf8JsonWriter(error))
            {
                w.WriteStartObject();
                w.WriteString("error", e.Message);
                w.WriteEndObject();
            }

            await V1Responses.WriteJsonAsync(context, error, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        if (request.Count > state.JobsLeft)
        {
            // Refused whole, before any job is created (the guard middleware writes the error).
            throw new EmulatedOrgFullException("jobs", state.Options.MaxJobs, nameof(EmulatorOptions.MaxJobs));
        }

        var now = state.Now;
        var buffer = new ArrayBufferWriter<byte>(24 * request.Count);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            for (var i = 0; i < request.Count; i++)
            {
                w.WriteStringValue(CreateJob(state, request, user, now).Id);
            }

            w.WriteEndArray();
        }

        await V1Responses.WriteJsonAsync(context, buffer).ConfigureAwait(false);
    }

    internal static EmulatedJob CreateJob(OrgState state, ClassicJobSeedRequest r, EmulatedUser user, DateTimeOffset now)
    {
        var created = now - TimeSpan.FromSeconds(r.AgeSeconds);
        var job = new EmulatedJob(state.NewJobId(out var sequence), JobKind.Classic, created, r.State)
        {
            Sequence = sequence,
            Operation = r.Operation,
            Object = r.Object,
            CreatedById = user.Id,
            ConcurrencyMode = r.ConcurrencyMode,
            ContentType = r.ContentType,
            ExternalIdFieldName = r.Operation == "upsert" ? "External_Id__c" : null,
            ApiVersion = r.ApiVersion,
            PkChunking = r.PkChunking,
            LastModified = created,
        };
        var soql = r.Soql ?? $"SELECT Id, Name FROM {r.Object}";
        var options = state.Options;
        var mediaType = r.ContentType.EndsWith("JSON", StringComparison.Ordinal) ? Wire.JsonContentType
            : r.ContentType.EndsWith("XML", StringComparison.Ordinal) ? Wire.XmlContentType : Wire.CsvContentType;
        if (r.PkChunking is { } chunking)
        {
            var original = new EmulatedBatch(state.NewBatchId(), job.Id, created)
            {
                Soql = soql,
                Request = Encoding.UTF8.GetBytes(soql),
                RequestContentType = mediaType,
                IsPkChunkingOriginal = true,
            };
            job.Batches.Add(original);
            var at = created + options.ChunkingDelay;
            var problem = QueryBatchPlanner.Check(soql, options, out var query, out var total);
            problem ??= QueryBatchPlanner.ChunkingProblem(query!, chunking);
            original.StateMessage = problem;
            original.Timeline.Schedule(created + (options.BatchQueueDelay < options.ChunkingDelay ? options.BatchQueueDelay : options.ChunkingDelay), BatchStates.InProgress);
            original.Timeline.Schedule(at, problem is null ? BatchStates.NotProcessed : BatchStates.Failed);
            if (problem is null)
            {
                var duration = r.ChunkDurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.BatchProcessingTime;
                var records = r.Chunks is { } n ? (long)n * chunking.ChunkSize : total;
                QueryBatchPlanner.AddChunks(job, original, query!, at, 0, records, chunking.ChunkSize, r.Chunks, duration, r.FailChunks, state, null);
            }
        }
        else
        {
            for (var b = 0; b < r.Batches; b++)
            {
                var batch = new EmulatedBatch(state.NewBatchId(), job.Id, created) { RequestContentType = mediaType };
                job.Batches.Add(batch);
                if (r.Operation is "query" or "queryAll")
                {
                    batch.Request = Encoding.UTF8.GetBytes(soql);
                    QueryBatchPlanner.Plan(job, batch, soql, state, created);
                }
                else
                {
                    batch.RecordCount = r.RecordsPerBatch;
                    batch.FailedRecordCount = r.FailedRecordsPerBatch;
                    BatchScheduler.Schedule(job, options, [new(batch, created + options.BatchQueueDelay, options.BatchProcessingTime, BatchStates.Completed)]);
                }
            }
        }

        if (r.State == JobStates.Aborted)
        {
            BatchScheduler.Abort(job, now);
        }

        state.AddJob(job);
        return job;
    }
}
