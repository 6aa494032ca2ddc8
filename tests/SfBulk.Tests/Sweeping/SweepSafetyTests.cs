using Microsoft.Extensions.Time.Testing;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Sweeping;

/// <summary>A sweep never makes Salesforce process data and never touches live work, unless told to.</summary>
public sealed class SweepSafetyTests : IAsyncLifetime
{
    private const int TwoDays = 2 * 86_400;

    private TestEmulator _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await TestEmulator.StartAsync(TestSettings.Watch());

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private JobSweeper Sweeper(Action<SweepOptions>? configure = null, TimeProvider? clock = null)
    {
        var options = new SweepOptions { TimeProvider = clock ?? _harness.Time };
        configure?.Invoke(options);
        return new JobSweeper(_harness.Client, options);
    }

    private async Task<BulkJobState> StateAsync(string id, BulkApi api) =>
        (await _harness.Client.GetJobAsync(id, api, TestContext.Current.CancellationToken)).State;

    [Fact]
    public async Task SweepAsync_OpenV2IngestJob_SkippedByACloseSweepAndLeftOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        var upload = (await _harness.SeedV2Async(new { kind = "V2Ingest", operation = "hardDelete", state = "Open", ageSeconds = TwoDays }))[0];
        var classic = (await _harness.SeedClassicAsync(new { ageSeconds = TwoDays }))[0];

        var report = await Sweeper().SweepAsync(cancellationToken: ct);

        var skipped = Assert.Single(report.Jobs, j => j.JobId == upload);
        Assert.Equal(SweepOutcome.Skipped, skipped.Outcome);
        Assert.Null(skipped.Entry.TargetState);
        Assert.StartsWith("Upload not completed: completing it would make Salesforce process a possibly partial upload", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("--abort", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("--upload-complete", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(SweepOutcome.Closed, Assert.Single(report.Jobs, j => j.JobId == classic).Outcome);
        Assert.True(report.Succeeded);
        Assert.Equal(BulkJobState.Open, await StateAsync(upload, BulkApi.V2));
        Assert.Equal(0, await _harness.RequestsAsync("PATCH /services/data/v{version}/jobs/ingest/{jobId}"));
    }

    [Fact]
    public async Task SweepAsync_CompleteUploads_CompletesTheOpenV2IngestJob()
    {
        var upload = (await _harness.SeedV2Async(new { kind = "V2Ingest", state = "Open", ageSeconds = TwoDays }))[0];

        var report = await Sweeper(o => o.CompleteUploads = true).SweepAsync(cancellationToken: TestContext.Current.CancellationToken);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Closed, job.Outcome);
        Assert.Equal(BulkJobState.UploadComplete, job.Job.State);
        Assert.NotEqual(BulkJobState.Open, await StateAsync(upload, BulkApi.V2));
    }

    [Fact]
    public async Task SweepAsync_Abort_AbortsTheOpenV2IngestJob()
    {
        var upload = (await _harness.SeedV2Async(new { kind = "V2Ingest", state = "Open", ageSeconds = TwoDays }))[0];

        var report = await Sweeper(o => o.TargetState = CloseJobState.Aborted).SweepAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(SweepOutcome.Aborted, Assert.Single(report.Jobs).Outcome);
        Assert.Equal(BulkJobState.Aborted, await StateAsync(upload, BulkApi.V2));
    }

    [Fact]
    public async Task PlanAsync_NoFilter_ConsidersOnlyJobsOlderThanAnHourAndStatesTheCutoff()
    {
        await _harness.SeedClassicAsync(new { @object = "Lead" });
        await _harness.SeedClassicAsync(new { @object = "Lead", ageSeconds = 1800 });
        var old = (await _harness.SeedClassicAsync(new { @object = "Lead", ageSeconds = 7200 }))[0];

        var plan = await Sweeper().PlanAsync(cancellationToken: TestContext.Current.CancellationToken);
        var same = await Sweeper().PlanAsync(new SweepFilter(), TestContext.Current.CancellationToken);

        Assert.Equal(old, Assert.Single(plan.Entries).JobId);
        Assert.Equal(old, Assert.Single(same.Entries).JobId);
        Assert.Equal(TimeSpan.FromHours(1), plan.MinimumAge);
        Assert.Equal(_harness.Time.GetUtcNow(), plan.ServerTime);
        Assert.Equal(plan.ServerTime - TimeSpan.FromHours(1), plan.CreatedBefore);
        Assert.Equal(TimeSpan.Zero, plan.ClockSkew);
        Assert.Null(plan.ClockWarning);
    }

    [Fact]
    public async Task PlanAsync_OlderThanZero_ConsidersJobsOfAnyAge()
    {
        var ids = await _harness.SeedClassicAsync(new { count = 2 });

        var plan = await Sweeper().PlanAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, TestContext.Current.CancellationToken);

        Assert.Equal(ids.Order(StringComparer.Ordinal), plan.Entries.Select(e => e.JobId).Order(StringComparer.Ordinal));
        Assert.Null(plan.MinimumAge);
        Assert.Null(plan.CreatedBefore);
    }

    [Fact]
    public async Task PlanAsync_LocalClockThreeHoursAhead_MeasuresAgesOnSalesforcesClockAndWarns()
    {
        var fresh = (await _harness.SeedClassicAsync(new { count = 1 }))[0];
        var old = (await _harness.SeedClassicAsync(new { ageSeconds = 7200 }))[0];
        var ahead = new FakeTimeProvider(_harness.Time.GetUtcNow().AddHours(3));

        var plan = await Sweeper(clock: ahead).PlanAsync(cancellationToken: TestContext.Current.CancellationToken);

        // By the local clock the fresh job would be three hours old; by Salesforce's it is new, and left alone.
        Assert.Equal(old, Assert.Single(plan.Entries).JobId);
        Assert.DoesNotContain(plan.Entries, e => e.JobId == fresh);
        Assert.Equal(TimeSpan.FromHours(-3), plan.ClockSkew);
        Assert.Equal("This computer's clock is 3 h 0 min ahead of Salesforce's; job ages are measured on Salesforce's clock.", plan.ClockWarning);
        var report = await Sweeper(clock: ahead).ExecuteAsync(plan, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(plan.ClockWarning, report.ClockWarning);
        Assert.Equal(BulkJobState.Open, await StateAsync(fresh, BulkApi.V1));
    }

    [Fact]
    public async Task PlanAsync_LocalClockFourMinutesBehind_NoWarning()
    {
        await _harness.SeedClassicAsync(new { ageSeconds = 7200 });
        var behind = new FakeTimeProvider(_harness.Time.GetUtcNow().AddMinutes(-4));

        var plan = await Sweeper(clock: behind).PlanAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromMinutes(4), plan.ClockSkew);
        Assert.Null(plan.ClockWarning);
        Assert.Single(plan.Entries);
    }

    [Fact]
    public async Task ExecuteAsync_JobAbortedAfterThePlan_CloseSweepReportsAlreadyAbortedWithoutFailing()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await _harness.SeedClassicAsync(new { ageSeconds = TwoDays }))[0];
        var plan = await Sweeper().PlanAsync(cancellationToken: ct);
        await _harness.Client.AbortJobAsync(id, cancellationToken: ct);

        var report = await Sweeper().ExecuteAsync(plan, cancellationToken: ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.AlreadyAborted, job.Outcome);
        Assert.True(job.IsSuccess);
        Assert.True(report.Succeeded);
        Assert.Equal(0, report.Counts[SweepOutcome.Failed]);
    }

    [Fact]
    public async Task ExecuteAsync_JobAbortedAfterThePlan_AbortSweepCountsItDone()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await _harness.SeedClassicAsync(new { ageSeconds = TwoDays }))[0];
        var sweeper = Sweeper(o => o.TargetState = CloseJobState.Aborted);
        var plan = await sweeper.PlanAsync(cancellationToken: ct);
        await _harness.Client.AbortJobAsync(id, cancellationToken: ct);

        var report = await sweeper.ExecuteAsync(plan, cancellationToken: ct);

        Assert.Equal(SweepOutcome.AlreadyAborted, Assert.Single(report.Jobs).Outcome);
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task ExecuteAsync_ConnectionDisposedAfterThePlan_EveryJobFailedWithTheReasonNoneLost()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await _harness.SeedClassicAsync(new { count = 5, ageSeconds = TwoDays });
        var connection = _harness.Connect(_harness.Server.Options.Username, _harness.Server.Options.Password);
        var sweeper = new JobSweeper(_harness.CreateClient(connection), new SweepOptions { TimeProvider = _harness.Time });
        var plan = await sweeper.PlanAsync(cancellationToken: ct);
        connection.Dispose();

        var report = await sweeper.ExecuteAsync(plan, cancellationToken: ct);

        Assert.Equal(ids.Order(StringComparer.Ordinal), report.Jobs.Select(j => j.JobId).Order(StringComparer.Ordinal));
        Assert.All(report.Jobs, j =>
        {
            Assert.Equal(SweepOutcome.Failed, j.Outcome);
            Assert.Equal(nameof(ObjectDisposedException), j.ErrorCode);
            Assert.StartsWith(nameof(ObjectDisposedException) + ": ", j.Reason, StringComparison.Ordinal);
        });
        Assert.False(report.Succeeded);
        foreach (var id in ids)
        {
            Assert.Equal(BulkJobState.Open, await StateAsync(id, BulkApi.V1));
        }
    }

    [Fact]
    public async Task PlanAsync_PkChunkingFalse_LeavesChunkedJobsOutWithoutThrowing()
    {
        await _harness.SeedClassicAsync(new Dictionary<string, object> { ["operation"] = "query", ["pkChunking"] = true, ["chunks"] = 3, ["chunkDurationSeconds"] = 30, ["ageSeconds"] = 7200 });
        var plain = (await _harness.SeedClassicAsync(new { operation = "query", ageSeconds = 7200 }))[0];

        var plan = await Sweeper().PlanAsync(new SweepFilter { PkChunking = false }, TestContext.Current.CancellationToken);

        Assert.Equal(plain, Assert.Single(plan.Entries).JobId);
    }
}
