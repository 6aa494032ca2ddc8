using System.Text;
using System.Text.Json;
using SfBulk.Limits;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.Watching;
using SfBulk.Watching;

namespace SfBulk.Tests.Limits;

/// <summary>An emulator org driven near its daily API request limit: a watch and a sweep stop at the floor.</summary>
public sealed class ApiFloorTests : IAsyncLifetime
{
    private const string LimitsRoute = "GET /services/data/v{version}/limits";
    private TestEmulator _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await TestEmulator.StartAsync(TestSettings.Watch());

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Watch_NearLimit_StopsAtFloorWithNothingSpentPastIt()
    {
        var id = (await _harness.SeedClassicAsync(new { operation = "query", pkChunking = new { chunkSize = 100000 }, chunks = 40, chunkDurationSeconds = 300 }))[0];
        await SetUsageAsync(max: 1000, used: 985);
        var watcher = new JobWatcher(_harness.Client, new WatchOptions { CloseWhenDone = true, MinApiRemaining = ApiFloor.OfRequests(10), TimeProvider = _harness.AutoTime });

        var result = await _harness.AutoTime.RunAsync(watcher.WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.ApiFloorReached, result.Outcome);
        Assert.Contains("floor", result.Message, StringComparison.Ordinal);
        var (max, used) = await ReadUsageAsync();
        Assert.True(max - used >= 10, $"remaining {max - used} fell below the floor");
        Assert.True(max - used <= 11, $"remaining {max - used}: the watch stopped early");
        Assert.Equal(BulkJobState.Open, (await _harness.Client.GetJobAsync(id, BulkApi.V1, TestContext.Current.CancellationToken)).State);
        Assert.Equal(1, await _harness.RequestsAsync(LimitsRoute));
    }

    [Fact]
    public async Task Watch_FloorAlreadyReached_ThrowsBeforeReadingTheJob()
    {
        var id = (await _harness.SeedClassicAsync(new { count = 1 }))[0];
        await SetUsageAsync(max: 1000, used: 995);
        await _harness.ResetRequestsAsync();
        var watcher = new JobWatcher(_harness.Client, new WatchOptions { MinApiRemaining = ApiFloor.OfPercent(1), TimeProvider = _harness.AutoTime });

        var error = await Assert.ThrowsAsync<ApiFloorReachedException>(() => watcher.WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(SfBulkErrorCodes.ApiFloorReached, error.ErrorCode);
        Assert.Equal(0, await _harness.RequestsAsync("GET /services/async/{version}/job/{jobId}"));
    }

    [Fact]
    public async Task OrgWatch_NearLimit_StopsAtFloorLeavingJobsAsTheyAre()
    {
        var id = (await _harness.SeedClassicAsync(new { operation = "query", pkChunking = true, chunks = 40, chunkDurationSeconds = 300 }))[0];
        await SetUsageAsync(max: 1000, used: 980);
        var watcher = new OrgWatcher(_harness.Client, new OrgWatchOptions
        {
            CloseWhenDone = true,
            MinApiRemaining = ApiFloor.OfRequests(10),
            TimeProvider = _harness.AutoTime,
            Filter = new SweepFilter { JobType = BulkJobType.Classic, PkChunking = true, OlderThan = TimeSpan.Zero },
        });

        var report = await _harness.AutoTime.RunAsync(watcher.WatchAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(OrgWatchStopReason.SpendLimit, report.StopReason);
        Assert.Contains("floor", report.StopDetail, StringComparison.Ordinal);
        Assert.Equal([id], report.StillWatched);
        var (max, used) = await ReadUsageAsync();
        Assert.True(max - used >= 10, $"remaining {max - used} fell below the floor");
        Assert.True(max - used <= 12, $"remaining {max - used}: the watch stopped early");
        Assert.Equal(BulkJobState.Open, (await _harness.Client.GetJobAsync(id, BulkApi.V1, TestContext.Current.CancellationToken)).State);

        // The listings' Sforce-Limit-Info header told the remaining requests: the limits resource was read once, before the first listing.
        Assert.Equal(1, await _harness.RequestsAsync(LimitsRoute));
    }

    [Fact]
    public async Task Sweep_NearLimit_ClosesUntilFloorRestNotTriedAndNoLimitsRead()
    {
        await _harness.SeedClassicAsync(new { count = 12, ageSeconds = 90_000 });
        await SetUsageAsync(max: 1000, used: 970);
        var sweeper = new JobSweeper(_harness.Client, new SweepOptions { MinApiRemaining = ApiFloor.OfRequests(20), MaxConcurrency = 4, TimeProvider = _harness.AutoTime });
        var plan = await sweeper.PlanAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, TestContext.Current.CancellationToken);
        var (_, usedAfterPlan) = await ReadUsageAsync();
        var limitsReadsOfPlan = await _harness.RequestsAsync(LimitsRoute);

        var report = await sweeper.ExecuteAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        // The plan's listing answers carried the usage: every request left above the floor closed one job.
        Assert.Equal(12, plan.ToClose);
        Assert.True(report.StoppedAtApiFloor);
        // The estimate errs on the safe side by at most the requests in flight when the usage was reported.
        Assert.InRange(report.Counts[SweepOutcome.Closed], 1000 - usedAfterPlan - 24, 1000 - usedAfterPlan - 20);
        Assert.Equal(12 - report.Counts[SweepOutcome.Closed], report.Counts[SweepOutcome.ApiFloorReached]);
        Assert.All(report.Jobs.Where(j => j.Outcome == SweepOutcome.ApiFloorReached), j => Assert.Equal(SfBulkErrorCodes.ApiFloorReached, j.ErrorCode));
        var (max, used) = await ReadUsageAsync();
        Assert.InRange(max - used, 20, 24);

        // Before listing nothing had reported the usage (one limits read); afterwards the listing's headers did.
        Assert.Equal(1, limitsReadsOfPlan);
        Assert.Equal(limitsReadsOfPlan, await _harness.RequestsAsync(LimitsRoute));
    }

    [Fact]
    public async Task Plan_FloorAlreadyReached_ThrowsBeforeListing()
    {
        await SetUsageAsync(max: 1000, used: 990);
        await _harness.ResetRequestsAsync();
        var sweeper = new JobSweeper(_harness.Client, new SweepOptions { MinApiRemaining = ApiFloor.OfPercent(5), TimeProvider = _harness.AutoTime });

        await Assert.ThrowsAsync<ApiFloorReachedException>(() => sweeper.PlanAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, TestContext.Current.CancellationToken));

        Assert.Equal(0, await _harness.RequestsAsync("GET /services/data/v{version}/jobs/ingest"));
    }

    [Fact]
    public async Task Plan_ShowsRequestsToSpendAndWhatRemains()
    {
        await _harness.SeedClassicAsync(new { count = 3, ageSeconds = 90_000 });
        var sweeper = new JobSweeper(_harness.Client, new SweepOptions { TimeProvider = _harness.AutoTime });

        var plan = await sweeper.PlanAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, TestContext.Current.CancellationToken);

        Assert.Equal(3, plan.RequestsToSpend);
        var (max, used) = await ReadUsageAsync();
        Assert.Equal(max - used, plan.ApiUsage!.Remaining);
    }

    [Theory]
    [InlineData("5000", 5000L, null)]
    [InlineData("10%", null, 10.0)]
    [InlineData("0.5%", null, 0.5)]
    public void ApiFloor_Parse_Valid(string text, long? requests, double? percent)
    {
        Assert.True(ApiFloor.TryParse(text, out var floor, out _));
        Assert.Equal((requests, percent), (floor!.Requests, floor.Percent));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("101%")]
    [InlineData("ten")]
    [InlineData("5 000")]
    public void ApiFloor_Parse_Invalid(string text) => Assert.False(ApiFloor.TryParse(text, out _, out _));

    [Fact]
    public void ApiFloor_Percent_RoundsUp() => Assert.Equal(1_501, ApiFloor.OfPercent(10).For(15_005));

    private async Task SetUsageAsync(long max, long used)
    {
        using var content = new StringContent("{\"DailyApiRequests\":{\"max\":" + max + ",\"used\":" + used + "}}", Encoding.UTF8, "application/json");
        using var response = await _harness.Http.PostAsync("_emulator/limits", content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<(long Max, long Used)> ReadUsageAsync()
    {
        using var json = JsonDocument.Parse(await _harness.Http.GetStringAsync("_emulator/limits", TestContext.Current.CancellationToken));
        var requests = json.RootElement.GetProperty("DailyApiRequests");
        return (requests.GetProperty("max").GetInt64(), requests.GetProperty("used").GetInt64());
    }
}
