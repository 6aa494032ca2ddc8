using SfBulk.Jobs;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.Security;

namespace SfBulk.Tests.BadInput;

/// <summary>
/// Listings and job reads a sweep must survive without touching what it cannot judge (canned answers from a real
/// loopback server): a malformed id, a missing or unreadable <c>createdDate</c>, batch counts that do not add up.
/// One job never stops a sweep, and a PK-chunked job whose chunks may still run is never closed.
/// </summary>
public sealed class SweepListingCatalogTests : CannedSweepTests
{
    private static readonly string Good = JobId.Normalize("750R00000000001");
    private static readonly string NoDate = JobId.Normalize("750R00000000002");
    private static readonly string BadDate = JobId.Normalize("750R00000000003");
    private static readonly string Chunked = JobId.Normalize("750R00000000004");

    [Fact]
    public async Task Sweep_MalformedIdAndMissingOrUnreadableCreatedDate_SkippedWithTheReasonTheRestClosed()
    {
        Org.Job(Good, createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)))
            .Job("not-a-job-id", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)))
            .Job(NoDate)
            .Job(BadDate, createdDate: "yesterday");

        var report = await Sweeper().SweepAsync(cancellationToken: Ct);

        Assert.Equal([Good, "not-a-job-id", NoDate, BadDate], report.Jobs.Select(j => j.JobId));
        Assert.Equal(SweepOutcome.Closed, report.Jobs[0].Outcome);
        Assert.All(report.Jobs.Skip(1), j => Assert.Equal(SweepOutcome.Skipped, j.Outcome));
        Assert.StartsWith("Malformed job id in the listing", report.Jobs[1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("Age unknown: the listing gives no readable createdDate", report.Jobs[2].Reason, StringComparison.Ordinal);
        Assert.StartsWith("Age unknown", report.Jobs[3].Reason, StringComparison.Ordinal);
        Assert.True(report.Succeeded);
        Assert.Equal(1, Closes());
        Assert.DoesNotContain(Server.Requests, r => r.Path.Contains("not-a-job-id", StringComparison.Ordinal) || r.Path.Contains(NoDate, StringComparison.Ordinal) || r.Path.Contains(BadDate, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_PkChunkingFalseOverAListingWithAMalformedId_NoException()
    {
        Org.Job("not-a-job-id", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)))
            .Job(Chunked, operation: "query", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)));

        var plan = await Sweeper().PlanAsync(new SweepFilter { PkChunking = false }, Ct);

        // The query job is PK-chunked (the canned PK listing holds it) and left out; the malformed id stays, skipped.
        var entry = Assert.Single(plan.Entries);
        Assert.Equal("not-a-job-id", entry.JobId);
        Assert.Null(entry.TargetState);
    }

    [Theory]
    [InlineData(1, 5, 0, 0, 7)]            // more chunks running than queued
    [InlineData(int.MaxValue, 1, 0, 0, int.MaxValue)] // a sum that overflows
    [InlineData(-3, 3, 0, 0, 4)]           // a negative count that cancels a positive one
    [InlineData(0, 7, 2, 0, 10)]           // running only, none queued
    public async Task Sweep_PkChunkedJobWithChunksRunning_SkippedNeverClosed(int queued, int inProgress, int completed, int failed, int total)
    {
        Org.Job(Chunked, operation: "query", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)));
        Org.Counts[Chunked] = (queued, inProgress, completed, failed, total);

        var report = await Sweeper().SweepAsync(cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Skipped, job.Outcome);
        Assert.StartsWith("PK-chunked job still running: ", job.Reason, StringComparison.Ordinal);
        Assert.True(job.Entry.PendingBatches > 0, job.ToString());
        Assert.Equal(0, Closes());
    }

    [Fact]
    public async Task Sweep_PkOriginalNotProcessedNoChunkListedYet_SkippedAsStillRunning()
    {
        Org.Job(Chunked, operation: "query", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)));
        Org.Counts[Chunked] = (0, 0, 0, 0, 1);
        Org.Batches[Chunked] = ["NotProcessed"];

        var report = await Sweeper().SweepAsync(cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Skipped, job.Outcome);
        Assert.Contains("no chunk batch is listed yet", job.Reason, StringComparison.Ordinal);
        Assert.Single(Server.Requests, r => r.Path.EndsWith("/batch", StringComparison.Ordinal));
        Assert.Equal(0, Closes());
    }

    [Fact]
    public async Task Sweep_PkJobWhoseChunksAllFinished_Closed()
    {
        Org.Job(Chunked, operation: "query", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)));
        Org.Counts[Chunked] = (0, 0, 3, 1, 5);

        var report = await Sweeper().SweepAsync(cancellationToken: Ct);

        Assert.Equal(SweepOutcome.Closed, Assert.Single(report.Jobs).Outcome);
        Assert.Equal(1, Closes());
    }

    [Fact]
    public async Task Sweep_PkJobReadFailsWithAnUnexpectedAnswer_SkippedWithTheReasonSweepGoesOn()
    {
        Org.Job(Good, createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)))
            .Job(Chunked, operation: "query", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)));
        var answer = Server.Answer;
        Server.Answer = c => c.Request.Path.Value!.EndsWith(Chunked, StringComparison.Ordinal) && c.Request.Method == "GET"
            ? WriteAsync(c, "<html><body>proxy</body></html>")
            : answer(c);

        var report = await Sweeper().SweepAsync(cancellationToken: Ct);

        Assert.Equal(SweepOutcome.Closed, Assert.Single(report.Jobs, j => j.JobId == Good).Outcome);
        var chunked = Assert.Single(report.Jobs, j => j.JobId == Chunked);
        Assert.Equal(SweepOutcome.Skipped, chunked.Outcome);
        Assert.Contains(SfBulkErrorCodes.InvalidResponse, chunked.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Canaries.SessionId, chunked.Reason, StringComparison.Ordinal);
    }

    private static async Task WriteAsync(Microsoft.AspNetCore.Http.HttpContext c, string html)
    {
        c.Response.ContentType = "text/html";
        await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(c.Response, html);
    }
}
