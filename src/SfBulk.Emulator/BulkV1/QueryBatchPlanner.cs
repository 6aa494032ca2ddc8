using System.Globalization;
using System.Text;
using SfBulk.Emulator.Data;
using SfBulk.Emulator.Identity;
using SfBulk.Emulator.Allocations;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>
/// Plans query batches: a plain query runs like any batch and returns every record of the object (capped at LIMIT);
/// the first query batch of a PK-chunked job is split after <see cref="EmulatorOptions.ChunkingDelay"/> into
/// ceil(records / chunkSize) chunk batches and ends NotProcessed (or Failed when chunking fails). Callers hold the
/// job's gate and have added the batch to the job.
/// </summary>
internal static class QueryBatchPlanner
{
    /// <summary>A failed chunk's message (Salesforce's wording for a query that ran too long; unverified).</summary>
    public const string ChunkFailureMessage = "InvalidBatch : Failed to process query: QUERY_TIMEOUT: Your query request was running for too long.";

    public static void Plan(EmulatedJob job, EmulatedBatch batch, string soql, OrgState state, DateTimeOffset now)
    {
        var options = state.Options;
        batch.Soql = soql;
        var problem = Check(soql, options, out var query, out var total);
        var chunked = job.PkChunking is not null && !job.Batches.Any(b => b != batch && b.Soql is not null);
        if (!chunked)
        {
            if (problem is null)
            {
                batch.RecordCount = Math.Min(total, query!.Limit ?? long.MaxValue);
                batch.ResultIds.Add(state.NewResultId());
            }

            batch.StateMessage = problem;
            BatchScheduler.Schedule(job, options, [new(batch, now + options.BatchQueueDelay, options.BatchProcessingTime, problem is null ? BatchStates.Completed : BatchStates.Failed)]);
            return;
        }

        var settings = job.PkChunking!;
        problem ??= ChunkingProblem(query!, settings);
        var at = now + options.ChunkingDelay;
        batch.IsPkChunkingOriginal = true;
        if (options.BatchQueueDelay < options.ChunkingDelay)
        {
            batch.Timeline.Schedule(now + options.BatchQueueDelay, BatchStates.InProgress);
        }

        batch.StateMessage = problem;
        batch.Timeline.Schedule(at, problem is null ? BatchStates.NotProcessed : BatchStates.Failed);
        if (problem is null)
        {
            var start = StartOffset(settings.StartRow, query!.Object, total);
            var before = job.Batches.Count;
            AddChunks(job, batch, query, at, start, total, settings.ChunkSize, null, options.BatchProcessingTime, null, state, null);

            // Each chunk is a batch of the daily allocation (KB 000213703); Salesforce has accepted the query by now,
            // so the chunks are charged even past the maximum.
            state.Allocations.Charge(AllocationNames.DailyBulkApiBatches, job.Batches.Count - before);
        }
    }

    /// <summary>Why chunking <paramref name="query"/> fails (its object does not support PK chunking), or null.</summary>
    public static string? ChunkingProblem(SoqlQuery query, PkChunkingSettings settings) =>
        ObjectCatalog.SupportsPkChunking(query.Object, settings.Parent)
            ? null
            : $"InvalidBatch : Failed to process query: PK chunking is not supported for the object {query.Object}"; // wording unverified: the doc only says chunking fails

    /// <summary>
    /// Creates the chunk batches of <paramref name="original"/> at <paramref name="at"/> and schedules them; chunks
    /// whose 1-based number is in <paramref name="failChunks"/> end Failed.
    /// </summary>
    public static void AddChunks(
        EmulatedJob job,
        EmulatedBatch original,
        SoqlQuery query,
        DateTimeOffset at,
        long start,
        long total,
        int chunkSize,
        int? chunkCount,
        TimeSpan duration,
        IReadOnlySet<int>? failChunks,
        OrgState state,
        int? slots)
    {
        var n = chunkCount ?? (int)Math.Max(1, (total - start + chunkSize - 1) / chunkSize);
        var prefix = ObjectCatalog.KeyPrefix(query.Object);
        var runs = new List<BatchScheduler.Run>(n);
        for (var i = 0; i < n; i++)
        {
            var offset = start + ((long)i * chunkSize);
            var count = Math.Clamp(total - offset, 0, chunkSize);
            var lower = SalesforceIds.Create(prefix, offset + 1);
            string? upper = i == n - 1 ? null : SalesforceIds.Create(prefix, offset + chunkSize + 1);
            var soql = ChunkSoql(original.Soql ?? string.Empty, lower, upper);
            var fails = failChunks?.Contains(i + 1) == true;
            var chunk = new EmulatedBatch(state.NewBatchId(), job.Id, at)
            {
                Soql = soql,
                Request = Encoding.UTF8.GetBytes(soql),
                RequestContentType = original.RequestContentType,
                ChunkRange = (offset, count),
                RecordCount = fails ? 0 : Math.Min(count, query.Limit ?? long.MaxValue),
                StateMessage = fails ? ChunkFailureMessage : null,
            };
            if (!fails)
            {
                chunk.ResultIds.Add(state.NewResultId());
            }

            job.Batches.Add(chunk);
            runs.Add(new(chunk, at + state.Options.BatchQueueDelay, duration, fails ? BatchStates.Failed : BatchStates.Completed));
        }

        BatchScheduler.Schedule(job, state.Options, runs, slots);
    }

    /// <summary>Null when <paramref name="soql"/> can run; otherwise the failed batch's stateMessage.</summary>
    public static string? Check(string soql, EmulatorOptions options, out SoqlQuery? query, out long total)
    {
        total = 0;
        if (!SoqlQuery.TryParse(soql, out query))
        {
            return "InvalidBatch : Failed to process query: MALFORMED_QUERY: unexpected token in query: " + soql.Trim();
        }

        if (!options.ObjectRecordCounts.TryGetValue(query!.Object, out total))
        {
            return $"InvalidBatch : Failed to process query: INVALID_TYPE: sObject type '{query.Object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";
        }

        return null;
    }

    /// <summary>The record offset a <c>startRow</c> id points at (ids the emulator generated), else 0.</summary>
    private static long StartOffset(string? startRow, string objectName, long total)
    {
        const string base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        if (startRow is null || !startRow.StartsWith(ObjectCatalog.KeyPrefix(objectName), StringComparison.Ordinal))
        {
            return 0;
        }

        long sequence = 0;
        for (var i = 5; i < 15; i++)
        {
            sequence = (sequence * 62) + base62.IndexOf(startRow[i], StringComparison.Ordinal);
        }

        return Math.Clamp(sequence - 1, 0, total);
    }

    private static string ChunkSoql(string soql, string lower, string? upper)
    {
        var limitAt = soql.LastIndexOf(" LIMIT ", StringComparison.OrdinalIgnoreCase);
        var body = (limitAt < 0 ? soql : soql[..limitAt]).Trim();
        var limit = limitAt < 0 ? string.Empty : " " + soql[(limitAt + 1)..].Trim();
        var range = upper is null
            ? string.Create(CultureInfo.InvariantCulture, $"Id >= '{lower}'")
            : string.Create(CultureInfo.InvariantCulture, $"Id >= '{lower}' AND Id < '{upper}'");
        var hasWhere = body.Contains(" WHERE ", StringComparison.OrdinalIgnoreCase);
        return body + (hasWhere ? " AND " : " WHERE ") + range + limit;
    }
}
