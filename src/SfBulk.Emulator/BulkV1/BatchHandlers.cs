using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using SfBulk.Emulator.Data;
using SfBulk.Emulator.Allocations;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>Add batch, batch list, batch info and batch request.</summary>
internal static class BatchHandlers
{
    public static async Task AddAsync(V1Call call)
    {
        var job = call.RequiredJob;
        var state = call.State;
        lock (job.Gate)
        {
            EnsureOpen(job.StateAt(state.Now));
        }

        var requestType = call.Context.Request.ContentType;
        if (!Wire.BatchMatchesJob(requestType, job.ContentType))
        {
            // Code and message unverified.
            throw new V1Exception(ExceptionCodes.InvalidBatch, $"Content type of the batch ('{requestType}') does not match the job's content type {job.ContentType}");
        }

        var body = await RequestBody.ReadAsync(call.Context, Limits.MaxBatchBytes).ConfigureAwait(false)
            ?? throw new V1Exception(ExceptionCodes.InvalidBatch, "Exceeded max size limit of " + Limits.MaxBatchBytes.ToString(CultureInfo.InvariantCulture));
        var isQuery = job.Operation is "query" or "queryAll";
        List<Dictionary<string, string>>? records = null;
        string? problem = null;
        if (!isQuery)
        {
            (records, problem) = ParseRecords(job.ContentType, body);
        }

        BatchSnapshot snapshot;
        lock (job.Gate)
        {
            var now = state.Now;
            EnsureOpen(job.StateAt(now));
            if (!state.Allocations.TryCharge(AllocationNames.DailyBulkApiBatches, 1, out _))
            {
                // The code's description in the errors page; the message is unverified.
                throw new V1Exception(ExceptionCodes.ExceededQuota, "Exceeded the daily limit of batches (DailyBulkApiBatches) for the past 24-hour period.");
            }

            var batch = new EmulatedBatch(state.NewBatchId(), job.Id, now) { Request = body, RequestContentType = requestType! };
            job.Batches.Add(batch);
            job.LastModified = now;
            if (isQuery)
            {
                QueryBatchPlanner.Plan(job, batch, Encoding.UTF8.GetString(body), state, now);
            }
            else
            {
                if (problem is null)
                {
                    var outcomes = IngestOutcomes.Evaluate(batch, job.Operation, job.Object, records!, state.NewRecordId);
                    batch.RecordCount = outcomes.Count;
                    batch.FailedRecordCount = outcomes.Count(o => !o.Success);
                }

                batch.StateMessage = problem;
                var end = problem is null ? BatchStates.Completed : BatchStates.Failed;
                BatchScheduler.Schedule(job, state.Options, [new(batch, now + state.Options.BatchQueueDelay, state.Options.BatchProcessingTime, end)]);
            }

            snapshot = BatchSnapshot.Of(batch, now);
        }

        // Success status of add batch is unverified (200 or 201); 200 is what the status page lists.
        await BatchInfoWriter.WriteAsync(call.Context, call.Format, snapshot).ConfigureAwait(false);
    }

    public static Task ListAsync(V1Call call)
    {
        var job = call.RequiredJob;
        var list = new List<BatchSnapshot>();
        lock (job.Gate)
        {
            var now = call.State.Now;
            foreach (var batch in job.Batches)
            {
                if (batch.CreatedDate <= now)
                {
                    list.Add(BatchSnapshot.Of(batch, now));
                }
            }
        }

        return BatchInfoWriter.WriteListAsync(call.Context, call.Format, list);
    }

    public static Task InfoAsync(V1Call call)
    {
        var job = call.RequiredJob;
        BatchSnapshot snapshot;
        lock (job.Gate)
        {
            var now = call.State.Now;
            snapshot = BatchSnapshot.Of(call.FindBatch(now), now);
        }

        return BatchInfoWriter.WriteAsync(call.Context, call.Format, snapshot);
    }

    /// <summary>The uploaded data exactly as received, with the Content-Type it was uploaded with.</summary>
    public static Task RequestAsync(V1Call call)
    {
        var job = call.RequiredJob;
        EmulatedBatch batch;
        lock (job.Gate)
        {
            batch = call.FindBatch(call.State.Now);
        }

        return V1Responses.WriteAsync(call.Context, StatusCodes.Status200OK, batch.RequestContentType, batch.Request);
    }

    /// <exception cref="V1Exception">
    /// The job is not Open: <c>InvalidJobState</c> with the wording reported from a real org (jetstream PR #2061);
    /// the code itself is unverified.
    /// </exception>
    private static void EnsureOpen(string current)
    {
        if (current != JobStates.Open)
        {
            throw new V1Exception(ExceptionCodes.InvalidJobState, $"Failed to create batch, since the Job is not Open. Current job state is '{current}'");
        }
    }

    /// <summary>
    /// Parses ingest records. Malformed XML (a DOCTYPE included) is refused at once with <c>InvalidXML</c>; other
    /// problems create a batch that ends Failed with an <c>InvalidBatch : …</c> stateMessage (wordings unverified).
    /// </summary>
    private static (List<Dictionary<string, string>>? Records, string? Problem) ParseRecords(string contentType, byte[] body)
    {
        List<Dictionary<string, string>> records;
        try
        {
            records = contentType switch
            {
                "CSV" => RecordReaders.ParseCsv(body),
                "XML" => RecordReaders.ParseXml(body),
                "JSON" => RecordReaders.ParseJson(body),
                _ => throw new FormatException("Compressed (zip) batches are not supported by the emulator"),
            };
        }
        catch (XmlException e)
        {
            throw new V1Exception(ExceptionCodes.InvalidXml, "XML parsing error: " + e.Message);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (null, "InvalidBatch : Failed to parse batch: " + e.Message);
        }

        if (records.Count > Limits.MaxRecordsPerBatch)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"InvalidBatch : Records in a batch exceed the maximum of {Limits.MaxRecordsPerBatch}: {records.Count}"));
        }

        return (records, null);
    }
}
