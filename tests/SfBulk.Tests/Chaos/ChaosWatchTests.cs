using System.Globalization;
using SfBulk.Models;
using SfBulk.Tests.Watching;
using SfBulk.Watching;

namespace SfBulk.Tests.Chaos;

/// <summary>
/// Watch-and-close of PK-chunked Bulk 1.0 queries (40 chunks of 30 s on 4 slots, about 5 emulated minutes each, on
/// a fake clock), each seeded as the previous one is closed, under the <see cref="ChaosFaults"/> mix, one after the other so that the run is reproducible. The
/// session expiry and the throttling bursts are spaced closer (every 100th and 150th request, bursts of 2) so that
/// a run of a few hundred requests meets them. Every watch must end Closed with every chunk completed, nothing may
/// throw or go unobserved, and the calls must stay within 1.3 times the same watches without faults.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosWatchTests
{
    private const int Watches = 12;

    private static readonly object FortyChunks = new Dictionary<string, object>
    {
        ["operation"] = "query",
        ["object"] = "Account",
        ["pkChunking"] = new Dictionary<string, object> { ["chunkSize"] = 25_000 },
        ["chunks"] = 40,
        ["chunkDurationSeconds"] = 30,
    };

    private static readonly IReadOnlyList<(string Name, string Json)> Mix = ChaosFaults.Mix(100, 150, 2);

    [Fact]
    public async Task WaitAndCloseAsync_PkChunkedJobsUnderChaos_AllClosedWithin130PercentOfCalls()
    {
        var output = TestContext.Current.TestOutputHelper;
        var (calmResults, calmCalls, _) = await WatchAllAsync(faults: false);
        Assert.All(calmResults, r => Assert.Equal(WatchOutcome.Closed, r.Outcome));

        using var unobserved = new UnobservedExceptions();
        var (results, calls, applied) = await WatchAllAsync(faults: true);

        output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Watches} watch-and-close runs: {calls} calls under chaos vs {calmCalls} fault-free = {(double)calls / calmCalls:0.000}x"));
        foreach (var (name, count) in applied)
        {
            output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  injected {count,4}  {name}"));
        }

        foreach (var r in results)
        {
            output?.WriteLine("  " + r);
        }

        Assert.All(results, r =>
        {
            Assert.Equal(WatchOutcome.Closed, r.Outcome);
            Assert.Equal(BulkJobState.Closed, r.Job.State);
            Assert.Equal(40, r.Job.NumberBatchesCompleted);
        });
        Assert.All(applied, a => Assert.True(a.Applied > 0, "never injected: " + a.Name));
        Assert.True(calls <= 1.3 * calmCalls, string.Create(CultureInfo.InvariantCulture, $"{calls} calls under chaos vs {calmCalls} fault-free: {(double)calls / calmCalls:0.000}x"));
        Assert.Empty(unobserved.Collect());
    }

    /// <summary>Watches <see cref="Watches"/> fresh jobs in turn; returns the results (states read back without faults), the emulator's request count and the faults injected.</summary>
    private static async Task<(List<WatchResult> Results, long Calls, IReadOnlyList<(string Name, long Applied)> Applied)> WatchAllAsync(bool faults)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await TestEmulator.StartAsync(TestSettings.Watch());
        using var connection = ChaosJobs.Connect(harness, faults ? "chaos" : "calm");
        var watcher = new JobWatcher(harness.CreateClient(connection), new WatchOptions { TimeProvider = harness.AutoTime, JitterSeed = 7 });
        await harness.ResetRequestsAsync();
        if (faults)
        {
            await ChaosFaults.AddAllAsync(harness, Mix);
        }

        // Each job is seeded (through the control surface: not an API call, never faulted) just before its watch.
        var ids = new List<string>();
        var results = new List<WatchResult>();
        for (var i = 0; i < Watches; i++)
        {
            var id = (await harness.SeedClassicAsync(FortyChunks))[0];
            ids.Add(id);
            results.Add(await harness.AutoTime.RunAsync(watcher.WaitAndCloseAsync(id, cancellationToken: ct)));
        }

        var calls = await harness.TotalRequestsAsync();
        IReadOnlyList<(string, long)> applied = [];
        if (faults)
        {
            applied = await ChaosFaults.AppliedAsync(harness, Mix);
            await harness.ClearFaultsAsync();
        }

        foreach (var id in ids)
        {
            Assert.Equal(BulkJobState.Closed, (await harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
        }

        return (results, calls, applied);
    }
}
