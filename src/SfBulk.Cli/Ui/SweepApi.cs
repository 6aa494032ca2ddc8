using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SfBulk.Cli.Output;
using SfBulk.Models;
using SfBulk.Sweeping;

namespace SfBulk.Cli.Ui;

/// <summary>The sweep page: a plan (dry run) from the filters, the run once confirmed, its live progress, and the report as JSON or CSV.</summary>
internal sealed class SweepApi(BulkJobClient client, JobListing listing, UiServerOptions options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SweepRun> _runs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public async Task PlanAsync(HttpContext context)
    {
        CloseJobState target;
        SweepFilter filter;
        bool includeRunning;
        bool completeUploads;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            (target, filter, includeRunning, completeUploads) = ReadRequest(body.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            await UiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_SWEEP", e.Message).ConfigureAwait(false);
            return;
        }

        var sweepOptions = new SweepOptions { TargetState = target, IncludeRunning = includeRunning, CompleteUploads = completeUploads, TimeProvider = options.Time };
        var sweeper = new JobSweeper(client, sweepOptions);
        SweepPlan plan;
        try
        {
            plan = await sweeper.PlanAsync(filter, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SalesforceException e)
        {
            await UiJson.RespondAsync(context, StatusCodes.Status502BadGateway, w =>
            {
                w.WriteStartObject();
                UiJson.WriteError(w, "error", e);
                w.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }

        var run = new SweepRun(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), plan, sweepOptions);
        _runs[run.Id] = run;
        await UiJson.RespondAsync(context, StatusCodes.Status200OK, w => WriteRun(w, run)).ConfigureAwait(false);
    }

    public async Task RunAsync(HttpContext context)
    {
        if (Find(context) is not { } run)
        {
            await UiJson.ErrorAsync(context, StatusCodes.Status404NotFound, "NOT_FOUND", "No such sweep plan; make a new plan.").ConfigureAwait(false);
            return;
        }

        var sweeper = new JobSweeper(client, run.Options);
        var started = run.Start(progress => sweeper.ExecuteAsync(run.Plan, progress, _stopping.Token), Publish);
        await UiJson.RespondAsync(context, started ? StatusCodes.Status202Accepted : StatusCodes.Status409Conflict, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("started", started);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public async Task EventsAsync(HttpContext context)
    {
        if (Find(context) is not { } run)
        {
            await UiJson.ErrorAsync(context, StatusCodes.Status404NotFound, "NOT_FOUND", "No such sweep plan; make a new plan.").ConfigureAwait(false);
            return;
        }

        var channel = run.Subscribe();
        try
        {
            context.Response.ContentType = "text/event-stream";
            channel.Writer.TryWrite(Status(run));
            await foreach (var json in channel.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await context.Response.WriteAsync("data: " + json + "\n\n", context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            run.Unsubscribe(channel);
        }
    }

    public async Task ReportJsonAsync(HttpContext context)
    {
        if (Find(context) is not { Report: { } report } run)
        {
            await UiJson.ErrorAsync(context, StatusCodes.Status404NotFound, "NOT_FOUND", "This sweep has no report yet.").ConfigureAwait(false);
            return;
        }

        context.Response.Headers.ContentDisposition = $"attachment; filename=\"sfbulk-sweep-{run.Id}.json\"";
        await UiJson.RespondAsync(context, StatusCodes.Status200OK, w => WriteReport(w, report, run.TargetState)).ConfigureAwait(false);
    }

    public async Task ReportCsvAsync(HttpContext context)
    {
        if (Find(context) is not { Report: { } report } run)
        {
            await UiJson.ErrorAsync(context, StatusCodes.Status404NotFound, "NOT_FOUND", "This sweep has no report yet.").ConfigureAwait(false);
            return;
        }

        var csv = new StringBuilder("jobId,jobType,object,operation,createdById,outcome,state,errorCode,statusCode,attempts,reason\n");
        foreach (var job in report.Jobs)
        {
            var e = job.Entry;
            csv.AppendJoin(',', [
                Csv(job.JobId), Csv(JobKinds.Api(e.Job)), Csv(e.Job.Object), Csv(e.Job.Operation.ToString()), Csv(e.Job.CreatedById),
                Csv(SweepOutput.JsonWord(job.Outcome)), Csv(job.Job.State.ToString()), Csv(job.ErrorCode),
                Csv(job.StatusCode is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : null),
                job.Attempts.ToString(CultureInfo.InvariantCulture), Csv(job.Reason)]);
            csv.Append('\n');
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"sfbulk-sweep-{run.Id}.csv\"";
        await context.Response.WriteAsync(csv.ToString(), context.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var run in _runs.Values)
        {
            await run.Running.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private SweepRun? Find(HttpContext context) =>
        context.Request.RouteValues["id"] is string id && _runs.TryGetValue(id, out var run) ? run : null;

    private void Publish(SweepRun run)
    {
        if (run.Report is { } report)
        {
            foreach (var job in report.Jobs)
            {
                listing.Remember(job.Job);
            }
        }

        run.Publish(Status(run));
    }

    private string Status(SweepRun run) => UiJson.Write(w => WriteRun(w, run));

    private void WriteRun(Utf8JsonWriter w, SweepRun run)
    {
        var plan = run.Plan;
        var now = options.Time.GetUtcNow();
        w.WriteStartObject();
        w.WriteString("id", run.Id);
        w.WriteString("action", OutcomeWords.Verb(run.TargetState));
        w.WriteStartObject("plan");
        w.WriteNumber("listed", plan.JobsListed);
        w.WriteNumber("matched", plan.Entries.Count);
        w.WriteNumber("toClose", plan.ToClose);
        w.WriteNumber("toAbort", plan.ToAbort);
        w.WriteNumber("toSkip", plan.ToSkip);
        w.WriteNumber("calls", plan.CallsUsed);
        w.WriteStartArray("entries");
        foreach (var e in plan.Entries)
        {
            w.WriteStartObject();
            w.WriteString("jobId", e.JobId);
            w.WriteString("api", JobKinds.Api(e.Job));
            w.WriteString("object", e.Job.Object);
            w.WriteString("operation", e.Job.Operation.ToString());
            w.WriteString("state", e.Job.State.ToString());
            w.WriteString("createdBy", UiJson.UserName(options, e.Job.CreatedById));
            w.WriteNumber("ageSeconds", Math.Max(0, (long)(now - e.Job.CreatedDate).TotalSeconds));
            w.WriteString("decision", OutcomeWords.Verb(e.TargetState));
            if (e.SkipReason is { } reason)
            {
                w.WriteString("skipReason", reason);
            }

            if (e.PendingBatches is { } pending)
            {
                w.WriteNumber("pendingBatches", pending);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteBoolean("started", run.Started);
        if (run.Progress is { } p)
        {
            w.WriteStartObject("progress");
            w.WriteNumber("done", p.Done);
            w.WriteNumber("total", p.Total);
            w.WriteNumber("calls", p.CallsUsed);
            w.WriteString("latestJobId", p.Latest.JobId);
            w.WriteString("latestOutcome", SweepOutput.JsonWord(p.Latest.Outcome));
            w.WriteEndObject();
        }

        if (run.Report is { } report)
        {
            w.WritePropertyName("report");
            WriteReport(w, report, run.TargetState);
        }

        if (run.Error is { } error)
        {
            UiJson.WriteError(w, "error", error);
        }

        w.WriteEndObject();
    }

    private static void WriteReport(Utf8JsonWriter w, SweepReport report, CloseJobState target)
    {
        w.WriteStartObject();
        w.WriteString("action", OutcomeWords.Verb(target));
        w.WriteStartObject("counts");
        foreach (var (outcome, count) in report.Counts)
        {
            w.WriteNumber(SweepOutput.JsonWord(outcome), count);
        }

        w.WriteEndObject();
        w.WriteNumber("calls", report.CallsUsed);
        w.WriteNumber("elapsedSeconds", Math.Round(report.Elapsed.TotalSeconds, 2));
        w.WriteBoolean("succeeded", report.Succeeded);
        w.WriteStartArray("jobs");
        foreach (var job in report.Jobs)
        {
            w.WriteStartObject();
            w.WriteString("jobId", job.JobId);
            w.WriteString("api", JobKinds.Api(job.Entry.Job));
            w.WriteString("object", job.Entry.Job.Object);
            w.WriteString("outcome", SweepOutput.JsonWord(job.Outcome));
            w.WriteString("state", job.Job.State.ToString());
            if (job.ErrorCode is { } code)
            {
                w.WriteString("errorCode", code);
            }

            if (job.StatusCode is { } status)
            {
                w.WriteNumber("statusCode", (int)status);
            }

            if (job.Reason is { } reason)
            {
                w.WriteString("reason", reason);
            }

            w.WriteNumber("attempts", job.Attempts);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static (CloseJobState, SweepFilter, bool, bool) ReadRequest(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The body must be a JSON object.");
        }

        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s.Trim() : null;
        bool Flag(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

        var action = Text("action") switch
        {
            null or "close" => CloseJobState.Closed,
            "abort" => CloseJobState.Aborted,
            var other => throw new FormatException("action must be close or abort, not " + other + "."),
        };
        var filter = new SweepFilter
        {
            Object = Text("object"),
            CreatedById = Text("createdBy"),
            PkChunking = Flag("pkChunking") ? true : null,
            JobType = Text("jobType") switch
            {
                null => (BulkJobType?)null,
                "Classic" => BulkJobType.Classic,
                "V2Ingest" => BulkJobType.V2Ingest,
                "V2Query" => BulkJobType.V2Query,
                var other => throw new FormatException("jobType must be Classic, V2Ingest or V2Query, not " + other + "."),
            },
        };
        if (root.TryGetProperty("olderThanSeconds", out var age) && age.ValueKind == JsonValueKind.Number)
        {
            var seconds = age.GetInt64();
            if (seconds < 0 || seconds > TimeSpan.FromDays(3650).TotalSeconds)
            {
                throw new FormatException("olderThanSeconds must be from 0 to ten years.");
            }

            filter.OlderThan = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (filter.CreatedById is { } user && !JobListQuery.SameId(user, user))
        {
            throw new FormatException("createdBy must be a user id (15 or 18 characters).");
        }

        return (action, filter, Flag("includeRunning"), Flag("completeUploads"));
    }

    /// <summary>A CSV field; text a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    private static string Csv(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        if (value.Length > 0 && value[0] is '=' or '+' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
