using System.Globalization;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>
/// The API-thrift target of watch-and-close, measured on the emulator with a fake clock: a PK-chunked query of 40
/// chunks of 30 s on 4 slots (about 5 minutes) must be closed within 3 s of its last chunk using at most 30 calls,
/// where a fixed 1-second poller spends about 300.
/// </summary>
public sealed class WatchBenchmarkTests : IAsyncLifetime
{
    private static readonly object FortyChunks = new Dictionary<string, object>
    {
        ["operation"] = "query",
        ["object"] = "Account",
        ["pkChunking"] = new Dictionary<string, object> { ["chunkSize"] = 25_000 },
        ["chunks"] = 40,
        ["chunkDurationSeconds"] = 30,
    };

    /// <summary>Chunks appear 1 s after creation, start 0.5 s later and run in 10 waves of 30 s on 4 slots.</summary>
    private static readonly TimeSpan ChunksEnd = TimeSpan.FromSeconds(1 + 0.5 + (10 * 30));

    private TestEmulator _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await TestEmulator.StartAsync(TestSettings.Watch());

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(7)]
    [InlineData(1)]
    [InlineData(42)]
    public async Task WaitAndCloseAsync_FortyChunksOverFiveMinutes_ClosesWithin3SecondsOnAtMost30Calls(int jitterSeed)
    {
        var ct = TestContext.Current.CancellationToken;

        // Adaptive watcher.
        var seededAt = _harness.Time.GetUtcNow();
        var jobId = (await _harness.SeedClassicAsync(FortyChunks))[0];
        await _harness.ResetRequestsAsync();
        var watcher = new JobWatcher(_harness.Client, new WatchOptions { TimeProvider = _harness.AutoTime, JitterSeed = jitterSeed });
        var result = await _harness.AutoTime.RunAsync(watcher.WaitAndCloseAsync(jobId, cancellationToken: ct));
        var emulatorCalls = await _harness.TotalRequestsAsync();
        var (stampedEnd, _) = await EndsAsync(jobId, result.Job);
        var lastChunkEnd = seededAt + ChunksEnd;
        var closeDelay = result.ClosedAt!.Value - lastChunkEnd;

        Assert.Equal(WatchOutcome.Closed, result.Outcome);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
        Assert.Equal(40, result.Job.NumberBatchesCompleted);
        Assert.InRange(lastChunkEnd - stampedEnd, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(emulatorCalls, result.CallsUsed);
        Assert.InRange(result.CallsUsed, 1, 30);
        Assert.InRange(closeDelay, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.InRange(result.CloseDelay!.Value - closeDelay, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        // Baseline: a fixed 1-second poller (what jsforce and TIBCO do by default) on an identical job.
        var baselineSeededAt = _harness.Time.GetUtcNow();
        var baselineId = (await _harness.SeedClassicAsync(FortyChunks))[0];
        await _harness.ResetRequestsAsync();
        var polls = 0;
        JobInfo job;
        while (true)
        {
            job = await _harness.Client.GetJobAsync(baselineId, BulkApi.V1, ct);
            polls++;
            if (job.NumberBatchesTotal > 1 && job.NumberBatchesQueued == 0 && job.NumberBatchesInProgress == 0)
            {
                break;
            }

            _harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var close = await _harness.Client.CloseJobAsync(baselineId, new CloseJobOptions { Api = BulkApi.V1 }, ct);
        var baselineCalls = await _harness.TotalRequestsAsync();
        var baselineDelay = _harness.Time.GetUtcNow() - (baselineSeededAt + ChunksEnd);

        Assert.True(baselineCalls > 10 * result.CallsUsed, $"fixed poller {baselineCalls} calls vs adaptive {result.CallsUsed}");
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"40 chunks x 30 s on 4 slots (jitter seed {jitterSeed}): adaptive {result.CallsUsed} calls ({result.Polls} polls), close {closeDelay.TotalSeconds:0.###} s after the last chunk; fixed 1 s poller {baselineCalls} calls ({polls} polls), close {baselineDelay.TotalSeconds:0.###} s after."));
    }

    /// <summary>When the last chunk ended (from the batch list) and when the job was closed (its systemModstamp after the close).</summary>
    private async Task<(DateTimeOffset LastChunkEnd, DateTimeOffset ClosedAt)> EndsAsync(string jobId, JobInfo closed)
    {
        var batches = await _harness.Client.GetBatchesAsync(jobId, TestContext.Current.CancellationToken);
        var last = batches.Where(b => b.State == BatchState.Completed).Max(b => b.SystemModstamp);
        return (last, closed.SystemModstamp);
    }
}
