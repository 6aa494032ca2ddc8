using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SfBulk.Cli.Output;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Cli.Ui;

/// <summary>The page's JSON, written with <see cref="Utf8JsonWriter"/> (no reflection, NativeAOT safe).</summary>
internal static class UiJson
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static async Task RespondAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }

    public static Task ErrorAsync(HttpContext context, int status, string errorCode, string message) =>
        RespondAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("errorCode", errorCode);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        });

    public static string UserName(UiServerOptions options, string id)
    {
        if (id.Length >= 15)
        {
            foreach (var (key, name) in options.UserNames)
            {
                if (JobListQuery.SameId(key, id))
                {
                    return name;
                }
            }
        }

        return id;
    }

    /// <summary>A job with Salesforce's field names, plus the page's own: api, createdByName, what may be done.</summary>
    public static void WriteJob(Utf8JsonWriter w, string name, JobInfo job, UiServerOptions options)
    {
        w.WritePropertyName(name);
        JobJson.WriteJob(w, job, x =>
        {
            x.WriteString("api", JobKinds.Api(job));
            x.WriteString("createdByName", UserName(options, job.CreatedById));
            x.WriteBoolean("isOpen", JobKinds.IsOpen(job));
            x.WriteBoolean("canClose", JobKinds.CanClose(job));
            x.WriteBoolean("canAbort", JobKinds.CanAbort(job));
            x.WriteBoolean("awaitingUpload", JobKinds.IsAwaitingUpload(job));
            x.WriteBoolean("isQuery", job.Operation.ToString() is "query" or "queryAll" || JobKinds.IsV2Query(job));
        });
    }

    public static void WriteError(Utf8JsonWriter w, string name, Exception e) => JobJson.WriteError(w, name, e);

    public static string Feed(JobFeed feed, UiServerOptions options) => Write(w =>
    {
        var now = options.Time.GetUtcNow();
        w.WriteStartObject();
        w.WriteString("jobId", feed.JobId);
        w.WriteString("now", JobJson.Date(now));
        if (feed.Job is { } job)
        {
            WriteJob(w, "job", job, options);
            w.WriteNumber("ageSeconds", Math.Max(0, (long)(now - job.CreatedDate).TotalSeconds));
        }

        if (feed.Latest is { } p)
        {
            w.WriteStartObject("progress");
            w.WriteNumber("batchesTotal", p.BatchesTotal);
            w.WriteNumber("batchesDone", p.BatchesDone);
            w.WriteNumber("batchesCompleted", p.BatchesCompleted);
            w.WriteNumber("batchesFailed", p.BatchesFailed);
            w.WriteNumber("batchesNotProcessed", p.BatchesNotProcessed);
            w.WriteNumber("batchesQueued", p.BatchesQueued);
            w.WriteNumber("batchesInProgress", p.BatchesInProgress);
            w.WriteNumber("recordsProcessed", p.RecordsProcessed);
            w.WriteNumber("recordsFailed", p.RecordsFailed);
            w.WriteNumber("watcherCalls", p.CallsUsed);
            OptionalDate(w, "nextPollAt", p.NextPollAt);
            OptionalDate(w, "estimatedFinishAt", p.EstimatedFinishAt);
            if (p.Note is { } note)
            {
                w.WriteString("note", note);
            }

            if (p.Result is { } result)
            {
                WriteResult(w, "final", result);
            }

            w.WriteEndObject();
        }

        w.WriteBoolean("watching", feed.IsWatching);
        w.WriteNumber("calls", feed.Calls);
        w.WriteStartObject("closeWhenDone");
        w.WriteBoolean("active", feed.CloseWhenDone && feed.IsWatching);
        if (feed.CloseWhenDoneResult is { } done)
        {
            WriteResult(w, "result", done);
        }

        w.WriteEndObject();
        if (feed.Batches is { } batches)
        {
            w.WriteStartArray("batches");
            foreach (var batch in batches)
            {
                JobJson.WriteBatch(w, batch);
            }

            w.WriteEndArray();
            OptionalDate(w, "batchesReadAt", feed.BatchesReadAt);
        }

        if (feed.Error is { } error)
        {
            WriteError(w, "error", error);
        }

        w.WriteEndObject();
    });

    private static void WriteResult(Utf8JsonWriter w, string name, WatchResult result)
    {
        w.WriteStartObject(name);
        w.WriteString("outcome", result.Outcome.ToString());
        w.WriteString("message", result.Message);
        w.WriteNumber("calls", result.CallsUsed);
        OptionalDate(w, "finishedAt", result.FinishedAt);
        OptionalDate(w, "closedAt", result.ClosedAt);
        if (result.CloseDelay is { } delay)
        {
            w.WriteNumber("closeDelaySeconds", Math.Round(delay.TotalSeconds, 1));
        }

        if (result.Error is { } error)
        {
            WriteError(w, "error", error);
        }

        w.WriteEndObject();
    }

    public static void OptionalDate(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, JobJson.Date(v));
        }
    }
}
