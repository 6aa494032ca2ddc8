using SfBulk.Limits;
using SfBulk.Sweeping;

namespace SfBulk.Tests.Sweeping;

/// <summary>
/// A sweep with a floor on the org's remaining API requests: it spends every request above the floor, says why it
/// stopped, and a failed read of the org's limits is each job's reported failure, not the end of the sweep.
/// </summary>
public sealed class SweepFloorTests : WatchEmulatorTests
{
    private const string LimitsRoute = "GET /services/data/v{version}/limits";
    private const string V1Close = "POST /services/async/{version}/job/{jobId}";
    private const int Floor = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private JobSweeper Sweeper(TimeProvider? clock = null) => new(Harness.Client, new SweepOptions { MinApiRemaining = ApiFloor.OfRequests(Floor), MaxConcurrency = 1, TimeProvider = clock ?? Harness.Time });

    [Fact]
    public async Task ExecuteAsync_RoomForAboutFortyOfSeventyJobs_ClosesUpToTheFloorAndSaysWhyTheRestWereNotTried()
    {
        await Harness.SeedClassicAsync(new { count = 70 });
        await SetUsageAsync(max: 1000, used: 940);
        var sweeper = Sweeper();
        var plan = await sweeper.PlanAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, Ct);
        var remaining = 1000 - await UsedAsync();

        var report = await sweeper.ExecuteAsync(plan, cancellationToken: Ct);

        // Every request above the floor closes a job (a job in flight when the usage was reported may be counted twice).
        var closed = report.Counts[SweepOutcome.Closed];
        Assert.InRange(closed, remaining - Floor - 2, remaining - Floor);
        Assert.Equal(70 - closed, report.Counts[SweepOutcome.ApiFloorReached]);
        Assert.Equal(closed, await Harness.RequestsAsync(V1Close));
        Assert.All(report.Jobs.Where(j => j.Outcome == SweepOutcome.ApiFloorReached), j =>
        {
            Assert.Equal(SfBulkErrorCodes.ApiFloorReached, j.ErrorCode);
            Assert.StartsWith("Not tried: closing it would take the org below its floor of remaining API requests; the org has ", j.Reason, StringComparison.Ordinal);
            Assert.EndsWith(" daily API requests left and the floor is 20 (20 requests).", j.Reason, StringComparison.Ordinal);
            Assert.Equal(0, j.Attempts);
        });
        Assert.InRange(1000 - await UsedAsync(), Floor, Floor + 2);
    }

    [Fact]
    public async Task ExecuteAsync_LimitsCannotBeReadWhenTheUsageIsStale_EveryJobFailedWithSalesforcesCodeNoneClosed()
    {
        var ids = await Harness.SeedClassicAsync(new { count = 3 });
        var plan = await Sweeper().PlanAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, Ct);

        // By the sweep's clock the usage the listing reported is eleven minutes old: the floor needs a fresh read of
        // the org's limits, which fails.
        var sweeper = Sweeper(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(11)));
        await Harness.AddFaultAsync($$"""{"route":"{{LimitsRoute}}","kind":"status","status":500,"errorCode":"UNKNOWN_EXCEPTION","message":"Limits are down.","count":1000}""");
        await Harness.ResetRequestsAsync();

        var report = await sweeper.ExecuteAsync(plan, cancellationToken: Ct);

        Assert.Equal(ids.Order(StringComparer.Ordinal), report.Jobs.Select(j => j.JobId).Order(StringComparer.Ordinal));
        Assert.All(report.Jobs, j =>
        {
            Assert.Equal(SweepOutcome.Failed, j.Outcome);
            Assert.Equal("UNKNOWN_EXCEPTION", j.ErrorCode);
            Assert.Equal(500, (int?)j.StatusCode);
            Assert.StartsWith("UNKNOWN_EXCEPTION: Limits are down.", j.Reason, StringComparison.Ordinal);
        });
        Assert.False(report.Succeeded);
        Assert.Equal(0, await Harness.RequestsAsync(V1Close));
    }

    [Fact]
    public async Task PlanAsync_FloorAlreadyReached_SaysTheSweepDidNotStartAndNothingChanged()
    {
        await SetUsageAsync(max: 1000, used: 990);

        var e = await Assert.ThrowsAsync<ApiFloorReachedException>(() => Sweeper().PlanAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, Ct));

        Assert.StartsWith("The sweep did not start: listing the org's jobs would take it below its floor of remaining API requests: the org has ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed.", e.Message, StringComparison.Ordinal);
    }

    private Task SetUsageAsync(long max, long used) =>
        Harness.SetLimitsAsync("{\"DailyApiRequests\":{\"max\":" + max + ",\"used\":" + used + "}}");

    private async Task<long> UsedAsync() => (await Harness.ReadLimitAsync("DailyApiRequests")).Used;
}
