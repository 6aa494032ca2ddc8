using SfBulk.Sweeping;

namespace SfBulk.Tests.Sweeping;

/// <summary>
/// The figures a sweep reports as it goes and when it is cancelled: jobs done out of the total, and the API requests
/// spent so far, the plan's included.
/// </summary>
public sealed class SweepReportFiguresTests : SweepEmulatorTests
{
    private static readonly SweepFilter AnyAge = new() { OlderThan = TimeSpan.Zero };

    [Fact]
    public void Constructor_NoClient_ThrowsNamingTheClient()
    {
        var e = Assert.Throws<ArgumentNullException>(() => new JobSweeper(null!));

        Assert.Equal("client", e.ParamName);
    }

    [Fact]
    public async Task ExecuteAsync_NoPlan_ThrowsNamingThePlan()
    {
        var e = await Assert.ThrowsAsync<ArgumentNullException>(() => Sweeper().ExecuteAsync(null!, cancellationToken: Ct));

        Assert.Equal("plan", e.ParamName);
    }

    [Fact]
    public async Task PlanAsync_CreatedByIdOfTheWrongLength_ErrorNamesTheValueAndTheLengths()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Sweeper().PlanAsync(new SweepFilter { CreatedById = "005x" }, Ct));

        Assert.StartsWith("CreatedById '005x' is not a 15- or 18-character user id.", e.Message, StringComparison.Ordinal);
        Assert.Equal("filter", e.ParamName);
    }

    [Fact]
    public async Task ExecuteAsync_TwoJobsNeedAnotherTurn_ReportedAfterTheOthersInThePlansOrder()
    {
        await Harness.SeedClassicAsync(new { count = 3 });
        var plan = await Sweeper().PlanAsync(AnyAge, Ct);

        // Six 503s: every attempt of the first two jobs' first turn; the third job closes at once.
        await Harness.AddFaultAsync("""{"route":"POST /services/async/{version}/job/{jobId}","kind":"status","status":503,"count":6}""");
        var progress = new Collect();

        var report = await Sweeper().ExecuteAsync(plan, progress, Ct);

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal([plan.Entries[2].JobId, plan.Entries[0].JobId, plan.Entries[1].JobId], progress.Reports.Select(p => p.Latest.JobId));
        Assert.Equal([4, 4, 1], report.Jobs.Select(j => j.Attempts));
        Assert.Equal(plan.Entries.Select(e => e.JobId), report.Jobs.Select(j => j.JobId));
    }

    [Fact]
    public async Task ExecuteAsync_Progress_ReportsEachJobOnceWithTheRequestsSpentSoFar()
    {
        await Harness.SeedClassicAsync(new { count = 3 });
        var upload = (await Harness.SeedV2Async(new { kind = "V2Ingest", state = "Open" }))[0];
        var plan = await Sweeper().PlanAsync(AnyAge, Ct);
        var progress = new Collect();

        var report = await Sweeper().ExecuteAsync(plan, progress, Ct);

        // The skipped upload is reported first, having cost nothing; then one close request per job.
        Assert.Equal([1, 2, 3, 4], progress.Reports.Select(p => p.Done));
        Assert.All(progress.Reports, p => Assert.Equal(4, p.Total));
        Assert.Equal(upload, progress.Reports[0].Latest.JobId);
        Assert.Equal(SweepOutcome.Skipped, progress.Reports[0].Latest.Outcome);
        Assert.Equal([plan.CallsUsed, plan.CallsUsed + 1, plan.CallsUsed + 2, plan.CallsUsed + 3], progress.Reports.Select(p => p.CallsUsed));
        Assert.Equal(plan.CallsUsed + 3, report.CallsUsed);

        // No Bulk 1.0 query job among them: one page of each list, and no listing of PK-chunked jobs.
        Assert.Equal(2, plan.CallsUsed);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledAfterTwoJobs_ReportCountsTheRequestsOfTheJobsThatRan()
    {
        await Harness.SeedClassicAsync(new { count = 5 });
        var plan = await Sweeper().PlanAsync(AnyAge, Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var e = await Assert.ThrowsAsync<SweepCancelledException>(() => Sweeper().ExecuteAsync(plan, new CancelAfter(2, cts), cts.Token));

        var closed = e.Report.Counts[SweepOutcome.Closed];
        Assert.InRange(closed, 2, 4);
        Assert.Equal(5, closed + e.Report.Counts[SweepOutcome.Cancelled]);
        Assert.InRange(e.Report.CallsUsed, plan.CallsUsed + closed, plan.CallsUsed + 5);
        Assert.True(plan.CallsUsed > 0);
    }

    /// <summary>Collects reports synchronously, in order.</summary>
    private sealed class Collect : IProgress<SweepProgress>
    {
        public List<SweepProgress> Reports { get; } = [];

        public void Report(SweepProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    /// <summary>Cancels the sweep once <paramref name="jobs"/> jobs are reported finished.</summary>
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
}
