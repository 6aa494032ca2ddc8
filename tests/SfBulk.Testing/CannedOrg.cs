using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SfBulk.Testing;

/// <summary>
/// Canned answers for a sweep, for listings the emulator never sends (malformed ids, missing or unreadable dates,
/// impossible batch counts): Get All Jobs answers <see cref="Records"/> on the ingest list (the query jobs among them
/// when asked for PK-chunked jobs) and nothing on the query list; a Bulk 1.0 job read answers the job's counts from <see cref="Counts"/>
/// and its state from <see cref="States"/> (Open by default), its batch list from <see cref="Batches"/>, and a close
/// answers the job Closed. Ids in paths are 18 characters.
/// </summary>
public sealed class CannedOrg
{
    public const string UserId = "005R0000000XyZaIAK";
    private const string Ns = "http://www.force.com/2009/06/asyncapi/dataload";

    /// <summary>The ingest list's records, as JSON objects.</summary>
    public List<Dictionary<string, object?>> Records { get; } = [];

    /// <summary>Batch counts of a Bulk 1.0 job by 18-character id: queued, in progress, completed, failed, total.</summary>
    public ConcurrentDictionary<string, (int Queued, int InProgress, int Completed, int Failed, int Total)> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>The state a read of a Bulk 1.0 job answers, by 18-character id; Open when not given.</summary>
    public ConcurrentDictionary<string, string> States { get; } = new(StringComparer.Ordinal);

    /// <summary>Batch states of a Bulk 1.0 job by 18-character id, oldest first.</summary>
    public ConcurrentDictionary<string, string[]> Batches { get; } = new(StringComparer.Ordinal);

    /// <summary>A listed Open job created <paramref name="createdDate"/> (a JSON value; null leaves the field out).</summary>
    public CannedOrg Job(string id, string operation = "insert", string jobType = "Classic", object? createdDate = null)
    {
        var record = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["operation"] = operation,
            ["object"] = "Account",
            ["createdById"] = UserId,
            ["state"] = "Open",
            ["jobType"] = jobType,
            ["contentType"] = "CSV",
            ["apiVersion"] = 66.0,
        };
        if (createdDate is not null)
        {
            record["createdDate"] = createdDate;
        }

        Records.Add(record);
        return this;
    }

    /// <summary>Salesforce's JSON date form, <paramref name="age"/> before now.</summary>
    public static string Ago(TimeSpan age) =>
        DateTimeOffset.UtcNow.Subtract(age).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public async Task AnswerAsync(HttpContext c)
    {
        var path = c.Request.Path.Value ?? string.Empty;
        if (path.EndsWith("/jobs/ingest", StringComparison.Ordinal))
        {
            // The PK-chunked listing holds the query jobs only.
            var pkOnly = c.Request.Query["isPkChunkingEnabled"] == "true";
            var records = Records.Where(r => !pkOnly || Equals(r["operation"], "query")).ToList();
            await WriteAsync(c, "application/json", JsonSerializer.Serialize(new Dictionary<string, object?> { ["done"] = true, ["records"] = records, ["nextRecordsUrl"] = null }));
        }
        else if (path.EndsWith("/jobs/query", StringComparison.Ordinal))
        {
            await WriteAsync(c, "application/json", """{"done":true,"records":[],"nextRecordsUrl":null}""");
        }
        else if (path.EndsWith("/batch", StringComparison.Ordinal) && HttpMethods.IsGet(c.Request.Method))
        {
            var id = path.Split('/')[^2];
            var batches = Batches.TryGetValue(id, out var states) ? states : [];
            var body = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><batchInfoList xmlns=\"{Ns}\">");
            for (var i = 0; i < batches.Length; i++)
            {
                body.Append(CultureInfo.InvariantCulture, $"<batchInfo><id>751R0000000{i:D4}AAA</id><jobId>{id}</jobId><state>{batches[i]}</state><createdDate>2026-01-01T00:00:0{i % 10}.000Z</createdDate><systemModstamp>2026-01-01T00:00:0{i % 10}.000Z</systemModstamp><numberRecordsProcessed>0</numberRecordsProcessed></batchInfo>");
            }

            await WriteAsync(c, "application/xml", body.Append("</batchInfoList>").ToString());
        }
        else if (path.Contains("/services/async/", StringComparison.Ordinal))
        {
            var id = path.Split('/')[^1];
            var counts = Counts.TryGetValue(id, out var n) ? n : default;
            var state = HttpMethods.IsPost(c.Request.Method) ? "Closed" : States.TryGetValue(id, out var read) ? read : "Open";
            await WriteAsync(c, "application/xml", string.Create(
                CultureInfo.InvariantCulture,
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"{Ns}\"><id>{id}</id><operation>query</operation><object>Account</object><createdById>{UserId}</createdById><createdDate>2026-01-01T00:00:00.000Z</createdDate><systemModstamp>2026-01-01T00:00:00.000Z</systemModstamp><state>{state}</state><concurrencyMode>Parallel</concurrencyMode><contentType>CSV</contentType><numberBatchesQueued>{counts.Queued}</numberBatchesQueued><numberBatchesInProgress>{counts.InProgress}</numberBatchesInProgress><numberBatchesCompleted>{counts.Completed}</numberBatchesCompleted><numberBatchesFailed>{counts.Failed}</numberBatchesFailed><numberBatchesTotal>{counts.Total}</numberBatchesTotal><numberRecordsProcessed>0</numberRecordsProcessed><numberRetries>0</numberRetries><apiVersion>66.0</apiVersion></jobInfo>"));
        }
        else
        {
            c.Response.StatusCode = 404;
        }
    }

    private static async Task WriteAsync(HttpContext c, string contentType, string body)
    {
        c.Response.StatusCode = 200;
        c.Response.ContentType = contentType;
        await c.Response.WriteAsync(body);
    }
}
