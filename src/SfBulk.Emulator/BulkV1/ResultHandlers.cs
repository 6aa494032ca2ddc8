using System.Buffers;
using System.Text;
using System.Text.Json;
using SfBulk.Emulator.Data;
using SfBulk.Emulator.Identity;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>Batch results (ingest per-record results, or a query's result-list) and query result files.</summary>
internal static class ResultHandlers
{
    public static Task ListAsync(V1Call call)
    {
        var job = call.RequiredJob;
        EmulatedBatch batch;
        lock (job.Gate)
        {
            batch = CompletedBatch(call);
        }

        if (IsQuery(job))
        {
            if (call.Format == WireFormat.Json)
            {
                // Unverified: the JSON form is an array of result ids.
                var buffer = new ArrayBufferWriter<byte>(64);
                using (var w = new Utf8JsonWriter(buffer))
                {
                    w.WriteStartArray();
                    foreach (var id in batch.ResultIds)
                    {
                        w.WriteStringValue(id);
                    }

                    w.WriteEndArray();
                }

                return V1Responses.WriteJsonAsync(call.Context, buffer);
            }

            var sb = new StringBuilder(160).Append(Wire.XmlDeclaration).Append("<result-list xmlns=\"").Append(Wire.Namespace).Append("\">");
            foreach (var id in batch.ResultIds)
            {
                sb.Append("<result>").Append(id).Append("</result>");
            }

            return V1Responses.WriteXmlAsync(call.Context, sb.Append("</result-list>"));
        }

        var outcomes = IngestOutcomes.For(batch, job.Object, call.State.NewRecordId);
        return job.ContentType switch
        {
            "CSV" or "ZIP_CSV" => V1Responses.WriteAsync(call.Context, StatusCodes.Status200OK, Wire.CsvContentType, IngestResultWriter.Csv(outcomes)),
            "JSON" or "ZIP_JSON" => V1Responses.WriteAsync(call.Context, StatusCodes.Status200OK, Wire.JsonContentType, IngestResultWriter.Json(outcomes)),
            _ => V1Responses.WriteAsync(call.Context, StatusCodes.Status200OK, Wire.XmlContentType, IngestResultWriter.Xml(outcomes, Wire.Namespace)),
        };
    }

    /// <summary>Streams the generated records of one result file of a completed query batch.</summary>
    public static async Task FileAsync(V1Call call)
    {
        var job = call.RequiredJob;
        EmulatedBatch batch;
        lock (job.Gate)
        {
            batch = CompletedBatch(call);
        }

        var raw = call.Context.Request.RouteValues["resultId"] as string;
        if (!IsQuery(job) || !SalesforceIds.TryNormalize(raw, out var resultId) || !batch.ResultIds.Contains(resultId, StringComparer.Ordinal)
            || !SoqlQuery.TryParse(batch.Soql ?? string.Empty, out var query))
        {
            // Code and message unverified.
            throw new V1Exception(ExceptionCodes.InvalidBatch, "Invalid result id: " + raw);
        }

        var response = call.Context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = job.ContentType switch
        {
            "CSV" or "ZIP_CSV" => Wire.CsvContentType,
            "JSON" or "ZIP_JSON" => Wire.JsonContentType,
            _ => Wire.XmlContentType,
        };
        var offset = batch.ChunkRange?.Offset ?? 0;
        await QueryResultWriter.WriteAsync(response.Body, job.ContentType, query!, offset, batch.RecordCount, job.ApiVersion, call.Context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsQuery(EmulatedJob job) => job.Operation is "query" or "queryAll";

    /// <summary>The route's batch; results exist only once it completed ("Batch not completed" otherwise).</summary>
    private static EmulatedBatch CompletedBatch(V1Call call)
    {
        var now = call.State.Now;
        var batch = call.FindBatch(now);
        if (batch.Timeline.StateAt(now) != BatchStates.Completed)
        {
            throw new V1Exception(ExceptionCodes.InvalidBatch, "Batch not completed");
        }

        return batch;
    }
}
