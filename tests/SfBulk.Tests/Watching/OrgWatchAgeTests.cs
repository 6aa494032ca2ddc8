using Microsoft.Extensions.Time.Testing;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>
/// When the org watcher starts following a job: as soon as it is as old as the filter's minimum age on Salesforce's
/// clock, between listings too, and whatever this computer's clock says.
/// </summary>
public sealed class OrgWatchAgeTests : OrgWatchEmulatorTests
{
    [Fact]
    public async Task WatchEventsAsync_JobComesOfAgeBetweenListings_FollowedFromThatMomentNotFromTheNextListing()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(ageSeconds: 0);
        var events = new List<OrgWatchEvent>();

        async Task<bool> ConsumeAsync()
        {
            // Listings come every 30 s; the job is 45 s from its minimum age when the watch starts.
            await foreach (var e in Watcher(o =>
            {
                o.Filter.OlderThan = TimeSpan.FromSeconds(45);
                o.StopWhenIdle = false;
            }).WatchEventsAsync(ct))
            {
                events.Add(e);
                if (e.Kind == OrgWatchEventKind.Closed)
                {
                    return true;
                }
            }

            return false;
        }

        Assert.True(await Harness.AutoTime.RunAsync(ConsumeAsync()));

        var seen = Assert.Single(events, e => e.Kind == OrgWatchEventKind.Seen);
        Assert.Equal(id, seen.JobId);
        Assert.InRange(seen.At - seen.Job!.CreatedDate, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(46));
        Assert.Equal(id, events[^1].JobId);
    }

    [Fact]
    public async Task WatchAsync_LocalClockTwoHoursBehind_FollowsWhatIsOldOnSalesforcesClockOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var old = await SeedChunkedAsync(ageSeconds: 90 * 60);
        var young = await SeedChunkedAsync(ageSeconds: 30 * 60);
        var behind = new AutoAdvancingTime(new FakeTimeProvider(Harness.Time.GetUtcNow().AddHours(-2)));
        var options = new OrgWatchOptions
        {
            TimeProvider = behind,
            JitterSeed = 1,
            CloseWhenDone = false,
            StopWhenIdle = false,
            Filter = new() { JobType = BulkJobType.Classic, PkChunking = true, OlderThan = TimeSpan.FromHours(1) },
        };
        var events = new List<OrgWatchEvent>();

        var report = await behind.RunAsync(new OneCycle(Harness.Client, options).WatchAsync(new SynchronousProgress(events.Add), ct));

        Assert.Equal([old], events.Where(e => e.Kind == OrgWatchEventKind.Seen).Select(e => e.JobId!));
        Assert.DoesNotContain(events, e => e.JobId == young);
        Assert.Equal(OrgWatchStopReason.SpendLimit, report.StopReason);
    }

    private async Task<string> SeedChunkedAsync(int ageSeconds) => (await Harness.SeedClassicAsync(new Dictionary<string, object>
    {
        ["operation"] = "query",
        ["object"] = "Account",
        ["pkChunking"] = true,
        ["chunks"] = 4,
        ["chunkDurationSeconds"] = 10,
        ["ageSeconds"] = ageSeconds,
    }))[0];

    /// <summary>A watcher that stops (through the spend seam) after its first interval.</summary>
    private sealed class OneCycle(BulkJobClient client, OrgWatchOptions options) : OrgWatcher(client, options)
    {
        protected internal override ValueTask<bool> CanSpendAsync(long callsUsed, CancellationToken cancellationToken) =>
            ValueTask.FromResult(callsUsed == 0);
    }

    private sealed class SynchronousProgress(Action<OrgWatchEvent> report) : IProgress<OrgWatchEvent>
    {
        public void Report(OrgWatchEvent value) => report(value);
    }
}
