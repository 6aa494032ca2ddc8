using SfBulk.Emulator;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>
/// A watch that closes a finished job ends from the job's state, as every other read of the watch does, and carries
/// the close it made (<see cref="WatchResult.Close"/>) with the close's own <see cref="CloseOutcome"/>.
/// </summary>
public sealed class WatchCloseResultTests : WatchEmulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitAndCloseAsync_JobAbortedWhileTheCloseIsOnItsWay_EndsAbortedByOthersWithTheClosesResult()
    {
        var id = (await Harness.SeedClassicAsync(new { batches = 2, recordsPerBatch = 10, ageSeconds = 3600 }))[0];
        await Harness.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "latency", count: 1, latencyMs: 5000);
        // The clock stands still: the job is done at the first read, and no time-out can end the delayed close.
        var watcher = new JobWatcher(Harness.Client, new WatchOptions { TimeProvider = Harness.Time, JitterSeed = 1 });

        var watch = watcher.WaitAndCloseAsync(id, cancellationToken: Ct);
        while (await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob) == 0)
        {
            await Task.Delay(20, Ct);
        }

        await Harness.Client.AbortJobAsync(id, cancellationToken: Ct);
        var result = await watch.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(WatchOutcome.AbortedByOthers, result.Outcome);
        Assert.Equal(BulkJobState.Aborted, result.Job.State);
        Assert.Equal(CloseOutcome.AlreadyAborted, result.Close?.Outcome);
        Assert.False(result.Close!.WasAlreadyInRequestedState);
        Assert.EndsWith(" It had been aborted meanwhile.", result.Message, StringComparison.Ordinal);
    }
}
