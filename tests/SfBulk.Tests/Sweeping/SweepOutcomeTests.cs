using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Sweeping;

/// <summary>
/// What a sweep does to each job and what its report says: PK-chunked jobs whose chunks still run are never closed,
/// an abort is reported as an abort, a slow job fails at the per-job time-out, a plain HTTP 500 gets its extra turns,
/// and a login failure in the middle of a sweep stops the sweep from trying every other job.
/// </summary>
public sealed class SweepOutcomeTests : IAsyncLifetime
{
    private const string V1Close = "POST /services/async/{version}/job/{jobId}";
    private const string V1Get = "GET /services/async/{version}/job/{jobId}";
    private const string V2QueryPatch = "PATCH /services/data/v{version}/jobs/query/{jobId}";
    private const string V2IngestPatch = "PATCH /services/data/v{version}/jobs/ingest/{jobId}";
    private const string TokenRoute = "POST /services/oauth2/token";

    /// <summary>The jobs here are seeded just now or a few minutes ago: no minimum age.</summary>
    private static readonly SweepFilter AnyAge = new() { OlderThan = TimeSpan.Zero };

    private TestEmulator _harness = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await TestEmulator.StartAsync(TestSettings.Watch());

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private JobSweeper Sweeper(Action<SweepOptions>? configure = null)
    {
        var options = new SweepOptions { TimeProvider = _harness.Time, MaxConcurrency = 1 };
        configure?.Invoke(options);
        return new JobSweeper(_harness.Client, options);
    }

    private async Task<BulkJobState> StateAsync(string id, BulkApi api) => (await _harness.Client.GetJobAsync(id, api, Ct)).State;

    [Fact]
    public async Task SweepAsync_ChunksStillRunningNoneQueued_JobsSkippedWithTheirCountsAndLeftOpen()
    {
        // 4 slots, chunks of 100 s, 150 s old: 5 chunks → 4 completed, 1 in progress, none queued;
        // 8 chunks → 4 completed, 4 in progress, none queued. More chunks run than are queued.
        var oneRunning = (await _harness.SeedClassicAsync(new Dictionary<string, object> { ["operation"] = "query", ["pkChunking"] = true, ["chunks"] = 5, ["chunkDurationSeconds"] = 100, ["ageSeconds"] = 150 }))[0];
        var fourRunning = (await _harness.SeedClassicAsync(new Dictionary<string, object> { ["operation"] = "query", ["pkChunking"] = true, ["chunks"] = 8, ["chunkDurationSeconds"] = 100, ["ageSeconds"] = 150 }))[0];
        var one = await _harness.Client.GetJobAsync(oneRunning, BulkApi.V1, Ct);
        Assert.Equal((0, 1, 4), (one.NumberBatchesQueued, one.NumberBatchesInProgress, one.NumberBatchesCompleted));
        await _harness.ResetRequestsAsync();

        var report = await Sweeper().SweepAsync(AnyAge, cancellationToken: Ct);

        Assert.Equal(2, report.Jobs.Count);
        Assert.All(report.Jobs, j => Assert.Equal(SweepOutcome.Skipped, j.Outcome));
        var first = Assert.Single(report.Jobs, j => j.JobId == oneRunning);
        Assert.Equal(1, first.Entry.PendingBatches);
        Assert.Contains("PK-chunked job still running: 1 of 6 batches queued or in progress (4 completed)", first.Reason, StringComparison.Ordinal);
        var second = Assert.Single(report.Jobs, j => j.JobId == fourRunning);
        Assert.Equal(4, second.Entry.PendingBatches);
        Assert.Contains("4 of 9 batches queued or in progress (4 completed)", second.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await _harness.RequestsAsync(V1Close));
        Assert.Equal(BulkJobState.Open, await StateAsync(oneRunning, BulkApi.V1));
        Assert.Equal(BulkJobState.Open, await StateAsync(fourRunning, BulkApi.V1));
    }

    [Fact]
    public async Task SweepAsync_ChunksQueuedNoneRunning_JobSkipped()
    {
        // Serial: one slot. 3 chunks of 100 s, 50 s old: 1 in progress, 2 queued.
        var id = (await _harness.SeedClassicAsync(new Dictionary<string, object> { ["operation"] = "query", ["concurrencyMode"] = "Serial", ["pkChunking"] = true, ["chunks"] = 3, ["chunkDurationSeconds"] = 100, ["ageSeconds"] = 50 }))[0];

        var report = await Sweeper().SweepAsync(AnyAge, cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Skipped, job.Outcome);
        Assert.Equal(3, job.Entry.PendingBatches);
        Assert.Contains("3 of 4 batches queued or in progress (0 completed)", job.Reason, StringComparison.Ordinal);
        Assert.Equal(BulkJobState.Open, await StateAsync(id, BulkApi.V1));
    }

    [Fact]
    public async Task SweepAsync_ChunksAllDone_JobClosedWithNothingPending()
    {
        var id = (await _harness.SeedClassicAsync(new Dictionary<string, object> { ["operation"] = "query", ["pkChunking"] = true, ["chunks"] = 5, ["chunkDurationSeconds"] = 100, ["ageSeconds"] = 600 }))[0];

        var report = await Sweeper().SweepAsync(AnyAge, cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Closed, job.Outcome);
        Assert.Equal(0, job.Entry.PendingBatches);
        Assert.True(job.Entry.IsPkChunked);
        Assert.Equal(BulkJobState.Closed, await StateAsync(id, BulkApi.V1));
    }

    [Fact]
    public async Task SweepAsync_ChunkedJobCannotBeRead_SkippedWithTheReasonAndLeftOpen()
    {
        // Its chunks are done, but the sweep cannot read the job to know that: it must not close it blind.
        var id = (await _harness.SeedClassicAsync(new Dictionary<string, object> { ["operation"] = "query", ["pkChunking"] = true, ["chunks"] = 2, ["chunkDurationSeconds"] = 10, ["ageSeconds"] = 600 }))[0];
        await _harness.AddFaultAsync($$"""{"route":"{{V1Get}}","kind":"status","status":500,"count":100}""");

        var report = await Sweeper().SweepAsync(AnyAge, cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Skipped, job.Outcome);
        Assert.True(job.Entry.IsPkChunked);
        Assert.StartsWith("PK-chunked job: could not check whether its chunk batches still run (", job.Reason, StringComparison.Ordinal);
        await _harness.ClearFaultsAsync();
        Assert.Equal(BulkJobState.Open, await StateAsync(id, BulkApi.V1));
    }

    [Fact]
    public async Task SweepAsync_AbortAnsweredByNoResponse_ReportedAbortedAfterReadingTheJob()
    {
        var id = (await _harness.SeedClassicAsync(new { count = 1 }))[0];
        await _harness.AddFaultAsync($$"""{"route":"{{V1Close}}","kind":"dropAfter","count":1}""");

        var report = await Sweeper(o => o.TargetState = CloseJobState.Aborted).SweepAsync(AnyAge, cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Aborted, job.Outcome);
        Assert.Equal(BulkJobState.Aborted, job.Job.State);
        Assert.Equal(1, report.Counts[SweepOutcome.Aborted]);
        Assert.Equal(0, report.Counts[SweepOutcome.Closed]);
        Assert.Equal(BulkJobState.Aborted, await StateAsync(id, BulkApi.V1));
    }

    [Fact]
    public async Task SweepAsync_CloseAnsweredByNoResponse_ReportedClosedAfterReadingTheJob()
    {
        await _harness.SeedClassicAsync(new { count = 1 });
        await _harness.AddFaultAsync($$"""{"route":"{{V1Close}}","kind":"dropAfter","count":1}""");

        var report = await Sweeper().SweepAsync(AnyAge, cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Closed, job.Outcome);
        Assert.Equal(BulkJobState.Closed, job.Job.State);
    }

    [Fact]
    public async Task SweepAsync_AbortOfAnAbortedJob_ReportedAlreadyAborted()
    {
        // Planned while open, aborted by someone else before the sweep carries the plan out.
        var id = (await _harness.SeedClassicAsync(new { count = 1 }))[0];
        var plan = await Sweeper(o => o.TargetState = CloseJobState.Aborted).PlanAsync(AnyAge, Ct);
        await _harness.Client.AbortJobAsync(id, cancellationToken: Ct);

        var report = await Sweeper(o => o.TargetState = CloseJobState.Aborted).ExecuteAsync(plan, cancellationToken: Ct);

        Assert.Equal(SweepOutcome.AlreadyAborted, Assert.Single(report.Jobs).Outcome);
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task SweepAsync_CloseOfAJobClosedMeanwhile_ReportedAlreadyClosed()
    {
        var id = (await _harness.SeedClassicAsync(new { count = 1 }))[0];
        var plan = await Sweeper().PlanAsync(AnyAge, Ct);
        await _harness.Client.CloseJobAsync(id, cancellationToken: Ct);

        var report = await Sweeper().ExecuteAsync(plan, cancellationToken: Ct);

        Assert.Equal(SweepOutcome.AlreadyClosed, Assert.Single(report.Jobs).Outcome);
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task SweepAsync_CloseSlowerThanThePerJobTimeout_FailsWithTimeoutOnce()
    {
        await _harness.SeedClassicAsync(new { count = 1 });
        await _harness.AddFaultAsync($$"""{"route":"{{V1Close}}","kind":"latency","latencyMs":5000,"count":1}""");
        await _harness.ResetRequestsAsync();

        var report = await Sweeper(o => o.PerJobTimeout = TimeSpan.FromMilliseconds(300)).SweepAsync(AnyAge, cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Failed, job.Outcome);
        Assert.Equal(SalesforceTimeoutException.TimeoutErrorCode, job.ErrorCode);
        Assert.Equal(1, await _harness.RequestsAsync(V1Close)); // the time-out is not given twice more
        Assert.False(report.Succeeded);
    }

    [Fact]
    public async Task SweepAsync_QueryAbortSlowerThanThePerJobTimeout_FailsWithTimeoutOnce()
    {
        await _harness.SeedV2Async(new { kind = "V2Query", state = "InProgress" });
        await _harness.AddFaultAsync($$"""{"route":"{{V2QueryPatch}}","kind":"latency","latencyMs":5000,"count":1}""");
        await _harness.ResetRequestsAsync();

        var report = await Sweeper(o => { o.TargetState = CloseJobState.Aborted; o.PerJobTimeout = TimeSpan.FromMilliseconds(300); }).SweepAsync(AnyAge, cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Failed, job.Outcome);
        Assert.Equal("TIMEOUT", job.ErrorCode);
        Assert.Contains("No answer within 0.3 s", job.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await _harness.RequestsAsync(V2QueryPatch));
    }

    [Fact]
    public async Task PlanAsync_AbortSweep_ConsidersOnlyQueryJobsStillRunning()
    {
        var running = await _harness.SeedV2Async(new { kind = "V2Query", state = "InProgress" });
        var queued = await _harness.SeedV2Async(new { kind = "V2Query", state = "UploadComplete" });
        await _harness.SeedV2Async(new { kind = "V2Query", state = "JobComplete" });
        await _harness.SeedV2Async(new { kind = "V2Query", state = "Aborted" });
        await _harness.SeedV2Async(new { kind = "V2Query", state = "Failed" });

        var plan = await Sweeper(o => o.TargetState = CloseJobState.Aborted).PlanAsync(AnyAge, Ct);

        Assert.Equal(running.Concat(queued).Order(StringComparer.Ordinal), plan.Entries.Select(e => e.JobId).Order(StringComparer.Ordinal));
        Assert.All(plan.Entries, e => Assert.Equal(CloseJobState.Aborted, e.TargetState));
    }

    [Fact]
    public async Task SweepAsync_QueryAbort_AbortsTheQueryJobDirectly()
    {
        var id = (await _harness.SeedV2Async(new { kind = "V2Query", state = "InProgress" }))[0];

        var report = await Sweeper(o => o.TargetState = CloseJobState.Aborted).SweepAsync(AnyAge, cancellationToken: Ct);

        Assert.Equal(SweepOutcome.Aborted, Assert.Single(report.Jobs).Outcome);
        Assert.Equal(BulkJobState.Aborted, (await _harness.Client.GetJobAsync(id, BulkApi.V2, Ct)).State);
    }

    [Fact]
    public async Task SweepAsync_CloseAnswersPlainHttp500EveryTime_EveryTurnTaken()
    {
        await _harness.SeedClassicAsync(new { count = 1 });
        await _harness.AddFaultAsync($$"""{"route":"{{V1Close}}","kind":"status","status":500,"count":100}""");
        await _harness.ResetRequestsAsync();

        var report = await Sweeper().SweepAsync(AnyAge, cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Failed, job.Outcome);
        Assert.Equal(500, (int?)job.StatusCode);
        Assert.Equal(9, await _harness.RequestsAsync(V1Close)); // 3 turns of 3 attempts
    }

    [Fact]
    public async Task SweepAsync_AbortAnswersRequestLimitExceeded_EveryTurnTaken()
    {
        await _harness.SeedV2Async(new { kind = "V2Ingest", state = "Open" });
        await _harness.AddFaultAsync($$"""{"route":"{{V2IngestPatch}}","kind":"requestLimitExceeded","count":100}""");
        await _harness.ResetRequestsAsync();

        var report = await Sweeper(o => o.TargetState = CloseJobState.Aborted).SweepAsync(AnyAge, cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Failed, job.Outcome);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", job.ErrorCode);
        Assert.Equal(3, await _harness.RequestsAsync(V2IngestPatch)); // the limit is not resent at once: one request a turn, 3 turns
    }

    [Fact]
    public async Task ExecuteAsync_LoginFailsMidSweep_RemainingJobsReportedNotTriedWithTheLoginCode()
    {
        var ids = await _harness.SeedClassicAsync(new { count = 3 });
        var plan = await Sweeper().PlanAsync(AnyAge, Ct);
        await _harness.AddFaultAsync($$"""{"route":"{{V1Close}}","kind":"expireSession","count":1}""");
        await _harness.AddFaultAsync($$"""{"route":"{{TokenRoute}}","kind":"status","status":500,"count":100}""");
        await _harness.ResetRequestsAsync();

        var report = await Sweeper().ExecuteAsync(plan, cancellationToken: Ct);

        Assert.Equal(3, report.Jobs.Count);
        Assert.All(report.Jobs, j => Assert.Equal(SweepOutcome.Failed, j.Outcome));
        var tried = Assert.Single(report.Jobs, j => !j.Reason!.StartsWith("Not tried", StringComparison.Ordinal));
        var notTried = report.Jobs.Where(j => j != tried).ToList();
        Assert.Equal(2, notTried.Count);
        Assert.All(notTried, j =>
        {
            Assert.StartsWith("Not tried: logging in failed earlier in the sweep: ", j.Reason, StringComparison.Ordinal);
            Assert.Equal(tried.ErrorCode, j.ErrorCode);
        });
        Assert.Equal(1, await _harness.RequestsAsync(V1Close));
        Assert.Equal(1, await _harness.RequestsAsync(TokenRoute)); // the others did not log in one by one
        Assert.Equal(ids.Order(StringComparer.Ordinal), report.Jobs.Select(j => j.JobId).Order(StringComparer.Ordinal));
    }
}
