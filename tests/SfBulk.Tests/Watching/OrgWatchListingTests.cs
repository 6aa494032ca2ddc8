using SfBulk.Emulator;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>
/// What the org watcher lists and follows: only the Get All Jobs lists its filter can match, only the open jobs of the
/// filter's kind, a Bulk 2.0 job judged from the listing alone and never changed, and the listing pace.
/// </summary>
public sealed class OrgWatchListingTests : WatchEmulatorTests
{
    [Theory]
    [InlineData("Classic", null, "classic", 1, 0)]
    [InlineData("V2Query", null, "query", 1, 0)]
    [InlineData("V2Ingest", null, "ingest", 0, 1)]
    [InlineData("BigObjectIngest", null, "", 0, 1)]
    [InlineData(null, true, "classic", 1, 0)]
    [InlineData(null, null, "classic,ingest,query", 1, 1)]
    public async Task WatchAsync_ByJobType_ReadsOnlyTheListsThatCanMatchAndFollowsOnlyMatchingOpenJobs(string? type, bool? pkChunking, string followed, int queryListings, int ingestListings)
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = new Dictionary<string, string>
        {
            ["classic"] = (await Harness.SeedClassicAsync(new Dictionary<string, object> { ["operation"] = "query", ["pkChunking"] = true, ["chunks"] = 40, ["chunkDurationSeconds"] = 600 }))[0],
            ["ingest"] = (await Harness.SeedV2Async(new BulkV2JobSeed { Kind = BulkV2JobKind.Ingest, State = "Open" }))[0],
            ["query"] = (await Harness.SeedV2Async(new BulkV2JobSeed { Kind = BulkV2JobKind.Query, State = "InProgress" }))[0],
        };
        await Harness.SeedV2Async(new BulkV2JobSeed { Kind = BulkV2JobKind.Query, State = "JobComplete" });
        await Harness.SeedV2Async(new BulkV2JobSeed { Kind = BulkV2JobKind.Ingest, State = "Aborted" });
        await Harness.SeedClassicAsync(new ClassicJobSeed { State = "Closed" });
        await Harness.ResetRequestsAsync();
        var events = new List<OrgWatchEvent>();

        var report = await Harness.AutoTime.RunAsync(new StoppingAfter(Harness.Client, Options(type is null ? default(BulkJobType?) : new BulkJobType(type), pkChunking), TimeSpan.FromSeconds(1)).WatchAsync(new SynchronousProgress(events.Add), ct));

        var expected = followed.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => ids[k]).Order();
        Assert.Equal(expected, events.Where(e => e.Kind == OrgWatchEventKind.Seen).Select(e => e.JobId!).Order());
        Assert.Equal(1, report.Listings);
        Assert.Equal(queryListings, await Harness.RequestsAsync(EmulatorRoutes.BulkV2ListQueryJobs));
        Assert.Equal(ingestListings, await Harness.RequestsAsync(EmulatorRoutes.BulkV2ListIngestJobs));
        Assert.Equal(0, await Harness.RequestsByMethodAsync("PATCH"));
    }

    [Fact]
    public async Task WatchAsync_V2QueryJobs_FollowedFromTheListingUntilDoneOrAbortedAndNeverChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var running = (await Harness.SeedV2Async(new BulkV2JobSeed { Kind = BulkV2JobKind.Query, State = "InProgress" }))[0];
        var queued = (await Harness.SeedV2Async(new BulkV2JobSeed { Kind = BulkV2JobKind.Query, State = "UploadComplete" }))[0];
        var events = new List<OrgWatchEvent>();
        var aborted = false;

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in new StoppingAfter(Harness.Client, Options(BulkJobType.V2Query, null), TimeSpan.FromMinutes(2)).WatchEventsAsync(ct))
            {
                events.Add(e);
                if (!aborted && e.Kind == OrgWatchEventKind.Seen && e.JobId == queued)
                {
                    aborted = true;
                    await Harness.Client.AbortJobAsync(queued, new CloseJobOptions { Api = BulkApi.V2 }, ct);
                    await Harness.ResetRequestsAsync();
                }

                if (e.Report is { } report)
                {
                    return report;
                }
            }

            throw new InvalidOperationException("no report");
        }

        var report = await Harness.AutoTime.RunAsync(ConsumeAsync());

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(queued, ended.JobId);
        Assert.Equal(OrgWatchEventKind.AbortedByOthers, ended.Kind);
        Assert.Equal($"Job {queued} was aborted by someone else; it is no longer followed.", ended.Message);
        Assert.Equal([running], report.StillWatched);
        Assert.Equal(OrgWatchStopReason.SpendLimit, report.StopReason);

        // A 2.0 job is judged from the listing alone: no read, no change.
        Assert.Equal(0, report.Reads);
        Assert.Equal(report.Listings, report.CallsUsed);
        Assert.Equal(0, await Harness.RequestsByMethodAsync("PATCH"));
        Assert.Equal(BulkJobState.InProgress, (await Harness.Client.GetJobAsync(running, BulkApi.V2, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_ClassicJobWithoutChunkingWhenTheFilterAllowsIt_FollowedAndClosedWhenItsBatchesEnd()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedClassicAsync(new ClassicJobSeed { Batches = 3 }))[0];
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(new OrgWatcher(Harness.Client, Options(BulkJobType.Classic, null)).WatchAsync(cancellationToken: ct));

        var closed = Assert.Single(report.Closed);
        Assert.Equal(id, closed.JobId);
        Assert.Equal($"Every batch of job {id} has finished: 3 completed, 0 failed, 0 not processed. The job was closed.", closed.Message);
        Assert.Equal(1, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
    }

    [Fact]
    public async Task WatchAsync_MaxIntervalUnder10Seconds_ListsAtThatInterval()
    {
        var options = Options(BulkJobType.Classic, true);
        options.StopWhenIdle = false;
        options.InitialInterval = TimeSpan.FromSeconds(1);
        options.FinishInterval = TimeSpan.FromSeconds(1);
        options.MaxInterval = TimeSpan.FromSeconds(5);

        var report = await Harness.AutoTime.RunAsync(new StoppingAfter(Harness.Client, options, TimeSpan.FromMinutes(1)).WatchAsync(cancellationToken: TestContext.Current.CancellationToken));

        // A listing at the start and every 5 s after: the 10 s floor never lengthens a shorter interval.
        Assert.Equal(12, report.Listings);
    }

    private OrgWatchOptions Options(BulkJobType? type, bool? pkChunking) => new()
    {
        TimeProvider = Harness.AutoTime,
        JitterSeed = 1,
        CloseWhenDone = true,
        StopWhenIdle = true,
        Filter = new SweepFilter { JobType = type, PkChunking = pkChunking, OlderThan = TimeSpan.Zero },
    };

    /// <summary>A watcher that stops (through the spend seam) once it has run for a while.</summary>
    private sealed class StoppingAfter(BulkJobClient client, OrgWatchOptions options, TimeSpan duration) : OrgWatcher(client, options)
    {
        private readonly TimeProvider _time = options.TimeProvider;
        private readonly DateTimeOffset _end = options.TimeProvider.GetUtcNow() + duration;

        protected internal override ValueTask<bool> CanSpendAsync(long callsUsed, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_time.GetUtcNow() < _end);
    }

    private sealed class SynchronousProgress(Action<OrgWatchEvent> report) : IProgress<OrgWatchEvent>
    {
        public void Report(OrgWatchEvent value) => report(value);
    }
}
