using Microsoft.Extensions.Time.Testing;
using SfBulk.Emulator;
using SfBulk.Models;
using SfBulk.Sweeping;

namespace SfBulk.Tests.Sweeping;

/// <summary>
/// Time in a sweep: the minimum age is measured on Salesforce's clock and holds at its edge to the second, the clock
/// skew is stated to the second, and the per-job time-out is waited out in full, once.
/// </summary>
public sealed class SweepClockTests : WatchEmulatorTests
{
    private const string V1Close = "POST /services/async/{version}/job/{jobId}";
    private const string V2QueryPatch = "PATCH /services/data/v{version}/jobs/query/{jobId}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private JobSweeper Sweeper(TimeProvider? clock = null, Action<SweepOptions>? configure = null, BulkJobClient? client = null)
    {
        var options = new SweepOptions { TimeProvider = clock ?? Harness.Time, MaxConcurrency = 1 };
        configure?.Invoke(options);
        return new JobSweeper(client ?? Harness.Client, options);
    }

    private async Task<string> SeedAsync(int ageSeconds) => (await Harness.SeedClassicAsync(new { ageSeconds }))[0];

    [Fact]
    public async Task PlanAsync_JobExactlyAsOldAsTheMinimumAge_ConsideredAndOneSecondYoungerNot()
    {
        var younger = await SeedAsync(3599);
        var exactly = await SeedAsync(3600);
        var older = await SeedAsync(3601);

        var plan = await Sweeper().PlanAsync(new SweepFilter { OlderThan = TimeSpan.FromHours(1) }, Ct);

        Assert.Equal(new[] { exactly, older }.Order(StringComparer.Ordinal), plan.Entries.Select(e => e.JobId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(plan.Entries, e => e.JobId == younger);
        Assert.All(plan.Entries, e => Assert.Equal(CloseJobState.Closed, e.TargetState));
        Assert.Equal(Harness.Time.GetUtcNow().AddHours(-1), plan.CreatedBefore);
        Assert.Equal(3, plan.JobsListed);
    }

    [Fact]
    public async Task SweepAsync_LocalClockTwoHoursBehind_ClosesWhatIsOldOnSalesforcesClockOnly()
    {
        // By the local clock the 90-minute-old job was created half an hour in the future; by Salesforce's it is old.
        var old = await SeedAsync(90 * 60);
        var fresh = await SeedAsync(30 * 60);
        var behind = new FakeTimeProvider(Harness.Time.GetUtcNow().AddHours(-2));

        var report = await Sweeper(behind).SweepAsync(cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(old, job.JobId);
        Assert.Equal(SweepOutcome.Closed, job.Outcome);
        Assert.Equal(TimeSpan.FromHours(2), report.ClockSkew);
        Assert.Equal("This computer's clock is 2 h 0 min behind Salesforce's; job ages are measured on Salesforce's clock.", report.ClockWarning);
        Assert.Equal(Harness.Time.GetUtcNow().AddHours(-1), report.Plan.CreatedBefore);
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(fresh, BulkApi.V1, Ct)).State);
    }

    [Fact]
    public async Task PlanAsync_LocalClockAheadByHoursAndAFractionOfASecond_SkewStatedInWholeSeconds()
    {
        await SeedAsync(7200);
        var ahead = new FakeTimeProvider(Harness.Time.GetUtcNow().AddHours(3).AddMilliseconds(400));

        var plan = await Sweeper(ahead).PlanAsync(cancellationToken: Ct);

        Assert.Equal(TimeSpan.FromHours(-3), plan.ClockSkew);
        Assert.Equal("This computer's clock is 3 h 0 min ahead of Salesforce's; job ages are measured on Salesforce's clock.", plan.ClockWarning);
        Assert.Single(plan.Entries);
    }

    [Fact]
    public async Task PlanAsync_LocalClockFourMinutesBehindAndAFractionOfASecond_SkewStatedInWholeSecondsNoWarning()
    {
        await SeedAsync(7200);
        var behind = new FakeTimeProvider(Harness.Time.GetUtcNow().AddMinutes(-4).AddMilliseconds(700));

        var plan = await Sweeper(behind).PlanAsync(cancellationToken: Ct);

        Assert.Equal(TimeSpan.FromMinutes(4), plan.ClockSkew);
        Assert.Null(plan.ClockWarning);
    }

    [Fact]
    public async Task ExecuteAsync_CloseUnansweredForLongerThanThePerJobTimeout_FailsOnceTheTimeoutIsUpNotBeforeNorTwice()
    {
        // The client and the sweep share a clock that jumps to the next timer: the close hangs (the emulator answers
        // after five real seconds), so the only thing that ends the job is its two-minute time-out.
        var client = new BulkJobClient(Harness.Connection, new BulkJobClientOptions { CloseRetryDelay = TimeSpan.FromMilliseconds(5), TimeProvider = Harness.AutoTime });
        await SeedAsync(7200);
        var sweeper = Sweeper(Harness.AutoTime, o => o.PerJobTimeout = TimeSpan.FromMinutes(2), client);
        var plan = await sweeper.PlanAsync(cancellationToken: Ct);
        await Harness.AddFaultAsync($$"""{"route":"{{V1Close}}","kind":"latency","latencyMs":5000,"count":1}""");

        var report = await Harness.AutoTime.RunAsync(sweeper.ExecuteAsync(plan, cancellationToken: Ct));

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Failed, job.Outcome);
        Assert.Equal(SalesforceTimeoutException.TimeoutErrorCode, job.ErrorCode);
        Assert.InRange(report.Elapsed, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, job.Attempts);
        Assert.False(report.Succeeded);
    }

    [Fact]
    public async Task ExecuteAsync_QueryAbortUnansweredForLongerThanThePerJobTimeout_FailsOnceTheTimeoutIsUpOnTheClientsClock()
    {
        // As above for a Bulk 2.0 query job, which takes a route of its own: the abort hangs for five real seconds and
        // the shared clock jumps to the two-minute time-out, so the time-out ends the job before any answer comes.
        var client = new BulkJobClient(Harness.Connection, new BulkJobClientOptions { CloseRetryDelay = TimeSpan.FromMilliseconds(5), TimeProvider = Harness.AutoTime });
        var id = (await Harness.SeedV2Async(new BulkV2JobSeed { Kind = BulkV2JobKind.Query, State = "InProgress", Age = TimeSpan.FromHours(2) }))[0];
        var sweeper = Sweeper(Harness.AutoTime, o => { o.TargetState = CloseJobState.Aborted; o.PerJobTimeout = TimeSpan.FromMinutes(2); }, client);
        var plan = await sweeper.PlanAsync(cancellationToken: Ct);
        await Harness.AddFaultAsync($$"""{"route":"{{V2QueryPatch}}","kind":"latency","latencyMs":5000,"count":1}""");
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(sweeper.ExecuteAsync(plan, cancellationToken: Ct));

        var job = Assert.Single(report.Jobs);
        Assert.Equal(id, job.JobId);
        Assert.Equal(SweepOutcome.Failed, job.Outcome);
        Assert.Equal("TIMEOUT", job.ErrorCode);
        Assert.Equal("No answer within 120 s; the job may or may not have changed state. Run the sweep again to know.", job.Reason);
        Assert.InRange(report.Elapsed, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Harness.RequestsAsync(V2QueryPatch));
        Assert.False(report.Succeeded);
    }
}
