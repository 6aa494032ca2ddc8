using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SfBulk.Jobs;
using SfBulk.Models;

namespace SfBulk.Cli.Ui;

/// <summary>The jobs list, a job's live feed (server-sent events), its batch list and the Close / Abort / "Close when done" actions.</summary>
internal sealed class JobApi(BulkJobClient client, JobListing listing, JobFeeds feeds, UiServerOptions options)
{
    public async Task ListAsync(HttpContext context)
    {
        var query = JobListQuery.Parse(context.Request.Query);
        var snapshot = listing.Current;
        if (query.Refresh || snapshot.ListedAt is null || snapshot.PkOnly != query.PkOnly)
        {
            snapshot = await listing.RefreshAsync(query.PkOnly, force: query.Refresh, context.RequestAborted).ConfigureAwait(false);
        }

        var now = options.Time.GetUtcNow();
        var jobs = snapshot.Jobs.Select(listing.Best).ToList();
        var matched = query.Ordered(jobs.Where(j => query.Matches(j, now)), id => UiJson.UserName(options, id)).ToList();
        var pages = Math.Max(1, (matched.Count + query.PageSize - 1) / query.PageSize);
        var page = Math.Min(query.Page, pages);
        await UiJson.RespondAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            UiJson.OptionalDate(w, "listedAt", snapshot.ListedAt);
            w.WriteNumber("listings", snapshot.Listings);
            w.WriteBoolean("pkOnly", snapshot.PkOnly);
            if (snapshot.Error is { } error)
            {
                w.WriteString("listingError", error);
            }

            w.WriteNumber("total", jobs.Count);
            w.WriteNumber("matched", matched.Count);
            w.WriteNumber("page", page);
            w.WriteNumber("pages", pages);
            w.WriteNumber("pageSize", query.PageSize);
            WriteOpenByAge(w, jobs, now);
            WriteCreators(w, jobs);
            w.WriteStartArray("jobs");
            foreach (var job in matched.Skip((page - 1) * query.PageSize).Take(query.PageSize))
            {
                WriteRow(w, job, now, snapshot.PkOnly);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public async Task EventsAsync(HttpContext context)
    {
        if (!TryJobId(context, out var jobId))
        {
            await UiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_ID", "A job id has 15 or 18 characters and starts with 750.").ConfigureAwait(false);
            return;
        }

        var feed = feeds.Get(jobId);
        var channel = feed.Subscribe();
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(": sfbulk\n\n", context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            if (feed.Job is not null)
            {
                channel.Writer.TryWrite(UiJson.Feed(feed, options));
            }

            await feeds.EnsureWatchedAsync(feed).ConfigureAwait(false);
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
            feed.Unsubscribe(channel, options.Time.GetUtcNow().UtcTicks);
        }
    }

    public async Task BatchesAsync(HttpContext context)
    {
        if (!TryJobId(context, out var jobId))
        {
            await UiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_ID", "A job id has 15 or 18 characters and starts with 750.").ConfigureAwait(false);
            return;
        }

        var feed = feeds.Get(jobId);
        try
        {
            await feeds.ReadBatchesAsync(feed, context.RequestAborted).ConfigureAwait(false);
            await UiJson.RespondAsync(context, StatusCodes.Status200OK, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("calls", feed.Calls);
                w.WriteEndObject();
            }).ConfigureAwait(false);
        }
        catch (SalesforceException e)
        {
            await RespondFailureAsync(context, e).ConfigureAwait(false);
        }
    }

    public Task CloseAsync(HttpContext context) => ChangeAsync(context, CloseJobState.Closed);

    public Task AbortAsync(HttpContext context) => ChangeAsync(context, CloseJobState.Aborted);

    public async Task CloseWhenDoneAsync(HttpContext context)
    {
        if (!TryJobId(context, out var jobId))
        {
            await UiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_ID", "A job id has 15 or 18 characters and starts with 750.").ConfigureAwait(false);
            return;
        }

        var feed = feeds.Get(jobId);
        var started = await feeds.CloseWhenDoneAsync(feed).ConfigureAwait(false);
        feeds.Publish(feed);
        await UiJson.RespondAsync(context, StatusCodes.Status202Accepted, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("started", started);
            w.WriteBoolean("active", feed.CloseWhenDone);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task ChangeAsync(HttpContext context, CloseJobState target)
    {
        if (!TryJobId(context, out var jobId))
        {
            await UiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_ID", "A job id has 15 or 18 characters and starts with 750.").ConfigureAwait(false);
            return;
        }

        var feed = feeds.Get(jobId);
        try
        {
            var result = await client.CloseJobAsync(jobId, new CloseJobOptions { TargetState = target }, context.RequestAborted).ConfigureAwait(false);
            listing.Remember(result.Job);
            feed.OnJob(result.Job);
            feed.AddCalls(result.Attempts);
            feeds.Publish(feed);
            await UiJson.RespondAsync(context, StatusCodes.Status200OK, w =>
            {
                w.WriteStartObject();
                w.WriteString("outcome", result.Outcome.ToString());
                w.WriteBoolean("wasAlreadyInRequestedState", result.WasAlreadyInRequestedState);
                w.WriteNumber("attempts", result.Attempts);
                UiJson.WriteJob(w, "job", result.Job, options);
                w.WriteEndObject();
            }).ConfigureAwait(false);
        }
        catch (SalesforceException e)
        {
            await RespondFailureAsync(context, e).ConfigureAwait(false);
        }
    }

    private static Task RespondFailureAsync(HttpContext context, SalesforceException e) =>
        UiJson.RespondAsync(context, StatusCodes.Status502BadGateway, w =>
        {
            w.WriteStartObject();
            UiJson.WriteError(w, "error", e);
            w.WriteEndObject();
        });

    private void WriteRow(Utf8JsonWriter w, JobInfo job, DateTimeOffset now, bool listedAsPkOnly)
    {
        var detail = listing.Detail(job.Id);
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("object", job.Object);
        w.WriteString("operation", job.Operation.ToString());
        w.WriteString("state", job.State.ToString());
        w.WriteString("api", JobKinds.Api(job));
        if (listing.IsPkChunked(job.Id, listedAsPkOnly) is { } pk)
        {
            w.WriteBoolean("pkChunking", pk);
        }

        w.WriteString("createdById", job.CreatedById);
        w.WriteString("createdBy", UiJson.UserName(options, job.CreatedById));
        w.WriteString("createdDate", Output.JobJson.Date(job.CreatedDate));
        w.WriteNumber("ageSeconds", Math.Max(0, (long)(now - job.CreatedDate).TotalSeconds));
        if (detail is not null)
        {
            // Salesforce's job list carries no counts: they come from the job's last full read.
            w.WriteNumber("batchesDone", JobKinds.BatchesDone(detail));
            w.WriteNumber("batchesTotal", detail.NumberBatchesTotal);
            w.WriteNumber("recordsProcessed", detail.NumberRecordsProcessed);
            w.WriteNumber("recordsFailed", detail.NumberRecordsFailed);
        }

        w.WriteBoolean("canClose", JobKinds.CanClose(job));
        w.WriteBoolean("canAbort", JobKinds.CanAbort(job));
        w.WriteBoolean("awaitingUpload", JobKinds.IsAwaitingUpload(job));
        w.WriteEndObject();
    }

    private static readonly (string Label, TimeSpan Below)[] AgeBuckets =
    [
        ("under 1 hour", TimeSpan.FromHours(1)),
        ("1 to 24 hours", TimeSpan.FromHours(24)),
        ("1 to 7 days", TimeSpan.FromDays(7)),
        ("over 7 days", TimeSpan.MaxValue),
    ];

    private static void WriteOpenByAge(Utf8JsonWriter w, List<JobInfo> jobs, DateTimeOffset now)
    {
        var counts = new int[AgeBuckets.Length];
        var open = 0;
        foreach (var job in jobs)
        {
            if (!JobKinds.IsOpen(job))
            {
                continue;
            }

            open++;
            var age = now - job.CreatedDate;
            var i = 0;
            while (i < AgeBuckets.Length - 1 && age >= AgeBuckets[i].Below)
            {
                i++;
            }

            counts[i]++;
        }

        w.WriteNumber("open", open);
        w.WriteStartArray("openByAge");
        for (var i = 0; i < AgeBuckets.Length; i++)
        {
            w.WriteStartObject();
            w.WriteString("label", AgeBuckets[i].Label);
            w.WriteNumber("count", counts[i]);
            w.WriteNumber("minSeconds", i == 0 ? 0 : (long)AgeBuckets[i - 1].Below.TotalSeconds);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private void WriteCreators(Utf8JsonWriter w, List<JobInfo> jobs)
    {
        w.WriteStartArray("creators");
        foreach (var group in jobs.GroupBy(j => j.CreatedById, StringComparer.Ordinal).OrderBy(g => UiJson.UserName(options, g.Key), StringComparer.OrdinalIgnoreCase))
        {
            w.WriteStartObject();
            w.WriteString("id", group.Key);
            w.WriteString("name", UiJson.UserName(options, group.Key));
            w.WriteNumber("count", group.Count());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("objects");
        foreach (var name in jobs.Select(j => j.Object).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
    }

    internal static bool TryJobId(HttpContext context, out string jobId)
    {
        jobId = string.Empty;
        if (context.Request.RouteValues["id"] is string raw && JobId.TryNormalize(raw, out var id, out _))
        {
            jobId = id;
            return true;
        }

        return false;
    }
}
