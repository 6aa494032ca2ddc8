using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Sweeping;

public sealed class JobSweeperTests : IAsyncLifetime
{
    private TestEmulator _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _harness = await TestEmulator.StartAsync(TestSettings.Watch());
        await SweepFixture.SeedAsync(_harness);
    }

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    /// <summary>Every open job, fresh ones included.</summary>
    private static SweepFilter AnyAge => new() { OlderThan = TimeSpan.Zero };

    private JobSweeper Sweeper(Action<SweepOptions>? configure = null)
    {
        var options = new SweepOptions { TimeProvider = _harness.Time };
        configure?.Invoke(options);
        return new JobSweeper(_harness.Client, options);
    }

    [Fact]
    public async Task SweepAsync_MixedOrg_ClosesOwnJobsReportsOthersAndSkipsRunning()
    {
        var ct = TestContext.Current.CancellationToken;
        var reports = new List<SweepProgress>();

        var report = await Sweeper(o => o.CompleteUploads = true).SweepAsync(AnyAge, new Collect(reports), ct);

        Assert.Equal(SweepFixture.OpenJobs, report.Jobs.Count);
        Assert.Equal(8, report.Counts[SweepOutcome.Closed]);
        Assert.Equal(2, report.Counts[SweepOutcome.Skipped]);
        Assert.Equal(2, report.Counts[SweepOutcome.Failed]);
        Assert.False(report.Succeeded);
        Assert.All(report.Jobs.Where(j => j.Outcome == SweepOutcome.Failed), j =>
        {
            Assert.Equal(Jobs.VariantAnswers.CloseByOtherUserCode(_harness.Server), j.ErrorCode);
            Assert.Contains("created the job", j.Reason, StringComparison.Ordinal);
        });
        Assert.All(report.Jobs.Where(j => j.Outcome == SweepOutcome.Closed && j.Entry.Api == BulkApi.V2), j => Assert.Equal(BulkJobState.UploadComplete, j.Job.State));
        Assert.Equal(SweepFixture.OpenJobs, reports.Count);
        Assert.Equal(SweepFixture.OpenJobs, reports.Max(p => p.Done));
        // 8 closes, 2 refused closes and a read of each refused job to decide from its state.
        Assert.Equal(report.Plan.CallsUsed + 12, report.CallsUsed);

        // Run again: what is done stays done; the same jobs are refused or skipped again.
        var again = await Sweeper(o => o.CompleteUploads = true).SweepAsync(AnyAge, cancellationToken: ct);
        Assert.Equal(4, again.Jobs.Count);
        Assert.Equal(0, again.Counts[SweepOutcome.Closed]);
    }

    [Fact]
    public async Task ExecuteAsync_JobsClosedAfterThePlan_CountAsAlreadyClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        var sweeper = Sweeper();
        var plan = await sweeper.PlanAsync(new SweepFilter { JobType = BulkJobType.Classic, Object = "Account", Operation = JobOperation.Insert, CreatedById = null, OlderThan = TimeSpan.FromDays(1) }, ct);
        var own = plan.Entries.Where(e => e.TargetState == CloseJobState.Closed).Take(2).ToList();
        foreach (var entry in own)
        {
            await _harness.Client.CloseJobAsync(entry.JobId, cancellationToken: ct);
        }

        var report = await sweeper.ExecuteAsync(plan, cancellationToken: ct);

        Assert.Equal(2, report.Counts[SweepOutcome.AlreadyClosed]);
        Assert.All(report.Jobs.Where(j => own.Any(o => o.JobId == j.JobId)), j => Assert.True(j.IsSuccess));
    }

    [Fact]
    public async Task SweepAsync_Abort_AbortsEveryOpenJobOfEveryUserAndRunningQueries()
    {
        var report = await Sweeper(o => { o.TargetState = CloseJobState.Aborted; o.IncludeRunning = true; }).SweepAsync(AnyAge, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(SweepFixture.OpenJobs, report.Counts[SweepOutcome.Aborted]);
        Assert.True(report.Succeeded);
        Assert.All(report.Jobs, j => Assert.Equal(BulkJobState.Aborted, j.Job.State));
    }

    [Fact]
    public async Task SweepAsync_IncludeRunning_ClosesTheRunningChunkedJob()
    {
        var report = await Sweeper(o => o.IncludeRunning = true).SweepAsync(new SweepFilter { PkChunking = true, OlderThan = TimeSpan.Zero }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, report.Counts[SweepOutcome.Closed]);
        Assert.All(report.Jobs, j => Assert.Null(j.Entry.PendingBatches));
    }

    [Fact]
    public async Task SweepAsync_FaultsOnCloseRequests_AccountsForEveryJobAndASecondRunFinishes()
    {
        var ct = TestContext.Current.CancellationToken;
        await _harness.SeedClassicAsync(new { count = 200, ageSeconds = 90_000 });
        await _harness.SeedV2Async(new { count = 50, kind = "V2Ingest", state = "Open" });
        await _harness.AddFaultAsync("""{"route":"POST /services/async/{version}/job/{jobId}","kind":"status","status":503,"rate":0.2,"seed":11}""");
        await _harness.AddFaultAsync("""{"route":"POST /services/async/{version}/job/{jobId}","kind":"dropAfter","rate":0.1,"seed":12}""");
        await _harness.AddFaultAsync("""{"route":"PATCH /services/data/v{version}/jobs/ingest/{jobId}","kind":"dropBefore","rate":0.2,"seed":13}""");
        await _harness.AddFaultAsync("""{"route":"GET /services/async/{version}/job/{jobId}","kind":"status","status":503,"rate":0.3,"seed":14}""");
        var user = await _harness.UserIdAsync(_harness.Server.Options.Username);
        var filter = new SweepFilter { CreatedById = user, OlderThan = TimeSpan.Zero };

        var first = await Sweeper(o => { o.MaxConcurrency = 8; o.CompleteUploads = true; }).SweepAsync(filter, cancellationToken: ct);

        Assert.Equal(first.Plan.Entries.Count, first.Jobs.Count);
        Assert.Equal(first.Plan.Entries.Select(e => e.JobId), first.Jobs.Select(j => j.JobId));
        Assert.All(first.Jobs, j => Assert.True(j.IsSuccess || j.Outcome is SweepOutcome.Failed or SweepOutcome.Skipped, j.ToString()));
        Assert.All(first.Jobs.Where(j => j.Outcome == SweepOutcome.Failed), j => Assert.NotNull(j.ErrorCode));
        Assert.True(first.Counts[SweepOutcome.Closed] > 200, first.ToString());

        await _harness.ClearFaultsAsync();
        var second = await Sweeper(o => o.CompleteUploads = true).SweepAsync(filter, cancellationToken: ct);

        Assert.True(second.Succeeded, second.ToString());
        var third = await Sweeper().PlanAsync(filter, ct);
        Assert.Equal(2, third.Entries.Count);
        Assert.All(third.Entries, e => Assert.Null(e.TargetState));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledBeforeStart_ReportsEveryJobCancelledOrSkipped()
    {
        var ct = TestContext.Current.CancellationToken;
        var plan = await Sweeper().PlanAsync(AnyAge, ct);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var e = await Assert.ThrowsAsync<SweepCancelledException>(() => Sweeper().ExecuteAsync(plan, cancellationToken: cts.Token));

        Assert.Equal(plan.Entries.Select(p => p.JobId), e.Report.Jobs.Select(j => j.JobId));
        Assert.All(e.Report.Jobs, j => Assert.Equal(j.Entry.TargetState is null ? SweepOutcome.Skipped : SweepOutcome.Cancelled, j.Outcome));
        Assert.True(e.Report.WasCancelled);
        Assert.False(e.Report.Succeeded);
        Assert.Equal(cts.Token, e.CancellationToken);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledMidway_ReportsWhatFinishedAndARerunClosesOnlyTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        await _harness.SeedClassicAsync(new { count = 120, @object = "Lead", ageSeconds = 90_000 });
        var filter = new SweepFilter { Object = "Lead" };
        var plan = await Sweeper().PlanAsync(filter, ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = new CancelAfter(30, cts);

        var e = await Assert.ThrowsAsync<SweepCancelledException>(() => Sweeper(o => o.MaxConcurrency = 4).ExecuteAsync(plan, progress, cts.Token));

        var report = e.Report;
        Assert.Equal(plan.Entries.Select(p => p.JobId), report.Jobs.Select(j => j.JobId));
        Assert.True(report.Counts[SweepOutcome.Closed] >= 30, report.ToString());
        Assert.True(report.Counts[SweepOutcome.Cancelled] > 0, report.ToString());
        Assert.Equal(120, report.Counts[SweepOutcome.Closed] + report.Counts[SweepOutcome.Cancelled]);
        Assert.All(report.Jobs.Where(j => j.Outcome == SweepOutcome.Cancelled), j => Assert.False(string.IsNullOrEmpty(j.Reason)));
        foreach (var closed in report.Jobs.Where(j => j.Outcome == SweepOutcome.Closed))
        {
            Assert.Equal(BulkJobState.Closed, (await _harness.Client.GetJobAsync(closed.JobId, cancellationToken: ct)).State);
        }

        var rerun = await Sweeper().SweepAsync(filter, cancellationToken: ct);

        Assert.True(rerun.Succeeded, rerun.ToString());
        Assert.Empty(rerun.Jobs.Select(j => j.JobId).Intersect(report.Jobs.Where(j => j.Outcome == SweepOutcome.Closed).Select(j => j.JobId)));
        Assert.All(rerun.Jobs, j => Assert.Contains(j.JobId, report.Jobs.Where(r => r.Outcome == SweepOutcome.Cancelled).Select(r => r.JobId)));
        Assert.Empty((await Sweeper().PlanAsync(filter, ct)).Entries);
    }

    /// <summary>Cancels the sweep once it has reported <paramref name="jobs"/> finished jobs.</summary>
    private sealed class CancelAfter(int jobs, CancellationTokenSource cts) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value)
        {
            if (value.Done >= jobs)
            {
                cts.Cancel();
            }
        }
    }

    private sealed class Collect(List<SweepProgress> into) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
