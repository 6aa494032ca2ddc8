using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>The org-wide watcher against the emulator on a fake clock: each scenario covers minutes of emulated time.</summary>
public sealed class OrgWatcherTests : OrgWatchEmulatorTests
{
    private static Dictionary<string, object> Chunked(int chunks, double seconds, string sobject = "Account") => new()
    {
        ["operation"] = "query",
        ["object"] = sobject,
        ["pkChunking"] = true,
        ["chunks"] = chunks,
        ["chunkDurationSeconds"] = seconds,
    };

    [Fact]
    public async Task WatchAsync_JobsFinishingAtDifferentTimes_ClosesEachOnceWithin3SecondsOfItsLastChunk()
    {
        var ct = TestContext.Current.CancellationToken;
        string[] ids = [
            (await Harness.SeedClassicAsync(Chunked(8, 20)))[0],
            (await Harness.SeedClassicAsync(Chunked(12, 30)))[0],
            (await Harness.SeedClassicAsync(Chunked(9, 45)))[0],
        ];
        await Harness.ResetRequestsAsync();
        var events = new List<OrgWatchEvent>();

        var report = await Harness.AutoTime.RunAsync(Watcher().WatchAsync(new SynchronousProgress(events.Add), ct));

        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
        Assert.Equal(await Harness.TotalRequestsAsync(), report.CallsUsed);
        Assert.Equal(ids.Order(), report.Closed.Select(e => e.JobId!).Order());
        foreach (var id in ids)
        {
            var closed = Assert.Single(events, e => e.JobId == id && e.Kind == OrgWatchEventKind.Closed);
            var batches = await Harness.Client.GetBatchesAsync(id, ct);
            var lastChunk = batches.Where(b => b.State == BatchState.Completed).Max(b => b.SystemModstamp);
            Assert.True(closed.At - lastChunk <= TimeSpan.FromSeconds(3) && closed.At >= lastChunk, $"{id} closed {(closed.At - lastChunk).TotalSeconds} s after its last chunk at {lastChunk:HH:mm:ss.fff}:\n" + string.Join("\n", events.Where(e => e.JobId == id || e.JobId is null)));
            Assert.Equal(BulkJobState.Closed, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
            Assert.Single(events, e => e.JobId == id && e.Kind == OrgWatchEventKind.Seen);
        }

        // Idle is noticed at once: the stop follows the last close, not the next minute's listing.
        Assert.InRange(events[^1].At - events.Where(e => e.Kind == OrgWatchEventKind.Closed).Max(e => e.At), TimeSpan.Zero, TimeSpan.FromSeconds(3));

        // The longest job runs 3 waves of 45 s on 4 slots: a look every 5 s would take 30 listings alone.
        Assert.InRange(report.CallsUsed, 1, 45);
    }

    [Fact]
    public async Task WatchEventsAsync_JobsCreatedWhileRunning_AreFoundAndClosedUntilCancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = (await Harness.SeedClassicAsync(Chunked(6, 20)))[0];
        var created = new List<string> { first };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var events = new List<OrgWatchEvent>();

        async Task<OrgWatchCancelledException> ConsumeAsync()
        {
            try
            {
                await foreach (var e in Watcher(o => o.StopWhenIdle = false).WatchEventsAsync(cts.Token))
                {
                    events.Add(e);
                    if (e.Kind == OrgWatchEventKind.Progress && created.Count < 3)
                    {
                        created.Add((await Harness.SeedClassicAsync(Chunked(3 + created.Count, 25)))[0]);
                    }

                    if (events.Count(x => x.Kind == OrgWatchEventKind.Closed) == 3)
                    {
                        await cts.CancelAsync();
                    }
                }
            }
            catch (OrgWatchCancelledException cancelled)
            {
                return cancelled;
            }

            throw new InvalidOperationException("the watch ended by itself");
        }

        var cancelled = await Harness.AutoTime.RunAsync(ConsumeAsync());

        Assert.Equal(OrgWatchStopReason.Cancelled, cancelled.Report.StopReason);
        Assert.Equal(created.Order(), cancelled.Report.Closed.Select(e => e.JobId!).Order());
        Assert.Empty(cancelled.Report.StillWatched);
        foreach (var id in created)
        {
            Assert.Single(events, e => e.JobId == id && e.Kind == OrgWatchEventKind.Seen);
            Assert.Single(events, e => e.JobId == id && e.Kind == OrgWatchEventKind.Closed);
        }
    }

    [Fact]
    public async Task WatchEventsAsync_JobClosedBySomeoneElse_IsReportedAndDroppedNotClosedAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedClassicAsync(Chunked(20, 30)))[0];
        var events = new List<OrgWatchEvent>();

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in Watcher().WatchEventsAsync(ct))
            {
                events.Add(e);
                if (e.Kind == OrgWatchEventKind.Progress && e.Job!.NumberBatchesCompleted > 0 && e.Job.State == BulkJobState.Open)
                {
                    await Harness.Client.CloseJobAsync(id, new CloseJobOptions { Api = BulkApi.V1 }, ct);
                }

                if (e.Report is { } report)
                {
                    return report;
                }
            }

            throw new InvalidOperationException("no report");
        }

        await Harness.ResetRequestsAsync();
        var report = await Harness.AutoTime.RunAsync(ConsumeAsync());

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.ClosedByOthers, ended.Kind);
        Assert.Empty(report.Closed);
        Assert.Equal(1, await Harness.RequestsAsync("POST /services/async/{version}/job/{jobId}"));
    }

    [Fact]
    public async Task WatchEventsAsync_JobAbortedBySomeoneElse_IsReportedAndDropped()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedClassicAsync(Chunked(20, 30)))[0];
        var aborted = false;

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in Watcher().WatchEventsAsync(ct))
            {
                if (!aborted && e.Kind == OrgWatchEventKind.Progress)
                {
                    aborted = true;
                    await Harness.Client.AbortJobAsync(id, cancellationToken: ct);
                }

                if (e.Report is { } report)
                {
                    return report;
                }
            }

            throw new InvalidOperationException("no report");
        }

        var report = await Harness.AutoTime.RunAsync(ConsumeAsync());

        Assert.Equal(OrgWatchEventKind.AbortedByOthers, Assert.Single(report.Jobs).Kind);
        Assert.Equal(BulkJobState.Aborted, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_ChunkingFails_ReportsChunkingFailedAndClosesByTheOriginalBatchState()
    {
        var ct = TestContext.Current.CancellationToken;
        var failing = await Harness.CreateChunkedQueryJobAsync("EmailMessage");
        var good = (await Harness.SeedClassicAsync(Chunked(4, 10)))[0];

        var report = await Harness.AutoTime.RunAsync(Watcher().WatchAsync(cancellationToken: ct));

        var ended = Assert.Single(report.Jobs, e => e.JobId == failing);
        Assert.Equal(OrgWatchEventKind.ChunkingFailed, ended.Kind);
        Assert.NotNull(ended.Close);
        Assert.Equal(BulkJobState.Closed, (await Harness.Client.GetJobAsync(failing, BulkApi.V1, ct)).State);
        Assert.Equal(OrgWatchEventKind.Closed, Assert.Single(report.Jobs, e => e.JobId == good).Kind);
        Assert.Equal(2, report.Closed.Count());
    }

    [Fact]
    public async Task WatchAsync_JobsYoungerThanTheMinimumAge_AreNeitherReadNorClosedUntilOfAge()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedClassicAsync(Chunked(2, 5)))[0];
        var createdAt = Harness.Time.GetUtcNow();
        var events = new List<OrgWatchEvent>();
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher(o =>
        {
            o.StopWhenIdle = false;
            o.Filter.OlderThan = TimeSpan.FromMinutes(10);
        }).WatchEventsAsync(ct).FirstAsync(e => e.Kind == OrgWatchEventKind.Closed, ct).AsTask());

        Assert.Equal(id, report.JobId);
        Assert.InRange(report.At - createdAt, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(3));
        Assert.Equal(1, await Harness.RequestsAsync("GET /services/async/{version}/job/{jobId}"));
    }

    [Fact]
    public async Task WatchAsync_DefaultFilter_SkipsJobsYoungerThanAnHourAndStopsIdle()
    {
        var ct = TestContext.Current.CancellationToken;
        await Harness.SeedClassicAsync(Chunked(2, 5));
        var old = (await Harness.SeedClassicAsync(new Dictionary<string, object>(Chunked(2, 5)) { ["ageSeconds"] = 7200 }))[0];

        var report = await Harness.AutoTime.RunAsync(new OrgWatcher(Harness.Client, new OrgWatchOptions { TimeProvider = Harness.AutoTime, CloseWhenDone = true, StopWhenIdle = true }).WatchAsync(cancellationToken: ct));

        Assert.Equal(old, Assert.Single(report.Closed).JobId);
        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
    }

    [Fact]
    public async Task WatchAsync_WithoutClose_ReportsFinishedAndLeavesJobsOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedClassicAsync(Chunked(3, 10)))[0];

        var report = await Harness.AutoTime.RunAsync(Watcher(o => o.CloseWhenDone = false).WatchAsync(cancellationToken: ct));

        Assert.Equal(OrgWatchEventKind.Finished, Assert.Single(report.Jobs).Kind);
        Assert.Empty(report.Closed);
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_V2IngestJobOpen_IsNeverUploadCompleted()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedV2Async(new { kind = "V2Ingest", state = "Open" }))[0];

        var report = await Harness.AutoTime.RunAsync(Watcher(o => o.Filter = new SweepFilter { OlderThan = TimeSpan.Zero }).WatchAsync(cancellationToken: ct));

        Assert.Equal(OrgWatchEventKind.WaitingForUpload, Assert.Single(report.Jobs, e => e.JobId == id).Kind);
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(id, BulkApi.V2, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_SessionExpiresMidWatch_ConnectionRefreshesAndClosesOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedClassicAsync(Chunked(8, 20)))[0];
        await Harness.AddFaultAsync("""{"route":"GET /services/data/v{version}/jobs/query","kind":"expireSession","count":1}""");

        var report = await Harness.AutoTime.RunAsync(Watcher().WatchAsync(cancellationToken: ct));

        Assert.Equal(id, Assert.Single(report.Closed).JobId);
    }

    [Fact]
    public async Task WatchAsync_ExternalSessionExpires_EndsWithTheLoginFault()
    {
        var ct = TestContext.Current.CancellationToken;
        await Harness.SeedClassicAsync(Chunked(8, 20));
        var token = (await Harness.Connection.GetSessionAsync(null, ct)).AccessToken;
        using var external = SalesforceConnection.FromExternalSession(Harness.Server.BaseUri, token);
        await Harness.AddFaultAsync("""{"route":"GET /services/async/{version}/job/{jobId}","kind":"expireSession","count":1}""");

        await Assert.ThrowsAsync<SalesforceLoginException>(() => Harness.AutoTime.RunAsync(Watcher(client: Harness.CreateClient(external)).WatchAsync(cancellationToken: ct)));
    }

    [Fact]
    public async Task WatchAsync_ListingFailsPastConnectionRetries_BacksOffAndGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedClassicAsync(Chunked(4, 20)))[0];
        await Harness.AddFaultAsync("""{"route":"GET /services/data/v{version}/jobs/query","kind":"status","status":503,"count":6}""");
        var events = new List<OrgWatchEvent>();

        var report = await Harness.AutoTime.RunAsync(Watcher().WatchAsync(new SynchronousProgress(events.Add), ct));

        Assert.Equal(id, Assert.Single(report.Closed).JobId);
        Assert.Contains(events, e => e.Kind == OrgWatchEventKind.Retrying && e.Error is SalesforceRestException);
    }

    [Fact]
    public async Task WatchAsync_JobWaitingForItsFirstChunk_IsNotReadWhileTheListingShowsNoChange()
    {
        var ct = TestContext.Current.CancellationToken;

        // Two waves of 4 chunks of 10 minutes: nothing finishes for 10 minutes, the job is done after 20.
        var id = (await Harness.SeedClassicAsync(Chunked(8, 600)))[0];
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher(o => o.MaxInterval = TimeSpan.FromSeconds(30)).WatchAsync(cancellationToken: ct));

        Assert.Equal(id, Assert.Single(report.Closed).JobId);

        // A single-job watcher reads it every minute at most (about 25 reads); the listings every 30 s (about 40) say
        // when the first chunk finished, and its progress then says when the job ends.
        Assert.InRange(await Harness.RequestsAsync("GET /services/async/{version}/job/{jobId}"), 1, 12);
        Assert.InRange(report.CallsUsed, 1, 60);

        // One listing per interval, none extra for the job's own looks.
        Assert.True(report.Listings <= (report.Elapsed / TimeSpan.FromSeconds(30)) + 2, report.ToString());
    }

    [Fact]
    public async Task WatchAsync_ShortJobSeenBefore_ListsOftenEnoughToCloseTheNextOneOnTime()
    {
        var ct = TestContext.Current.CancellationToken;
        var longJob = (await Harness.SeedClassicAsync(Chunked(40, 60)))[0];
        var first = (await Harness.SeedClassicAsync(Chunked(12, 10)))[0];
        string? second = null;
        var events = new List<OrgWatchEvent>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);

        async Task<int> ConsumeAsync()
        {
            try
            {
                await foreach (var e in Watcher(o =>
                {
                    o.StopWhenIdle = false;
                    o.MaxInterval = TimeSpan.FromMinutes(2);
                }).WatchEventsAsync(cts.Token))
                {
                    events.Add(e);
                    if (e.Kind == OrgWatchEventKind.Progress && e.JobId == longJob && second is null && events.Any(x => x.Kind == OrgWatchEventKind.Closed && x.JobId == first))
                    {
                        // A job as short as the first one (about 31 s), started at the next look at the long job.
                        second = (await Harness.SeedClassicAsync(Chunked(12, 10)))[0];
                    }

                    if (e.Kind == OrgWatchEventKind.Closed && e.JobId == second)
                    {
                        await cts.CancelAsync();
                    }
                }
            }
            catch (OrgWatchCancelledException)
            {
            }

            return 0;
        }

        await Harness.AutoTime.RunAsync(ConsumeAsync());

        Assert.NotNull(second);
        var closed = Assert.Single(events, e => e.JobId == second && e.Kind == OrgWatchEventKind.Closed);
        var batches = await Harness.Client.GetBatchesAsync(second, ct);
        var lastChunk = batches.Where(b => b.State == BatchState.Completed).Max(b => b.SystemModstamp);
        Assert.True(closed.At - lastChunk <= TimeSpan.FromSeconds(3) && closed.At >= lastChunk, $"closed {(closed.At - lastChunk).TotalSeconds} s after its last chunk:\n" + string.Join("\n", events));
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(longJob, BulkApi.V1, ct)).State);


    }

    [Fact]
    public async Task WatchAsync_SpendCheckRefuses_StopsWithSpendLimitAndLeavesTheJobAsItIs()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedClassicAsync(Chunked(8, 60)))[0];
        var options = new OrgWatchOptions
        {
            TimeProvider = Harness.AutoTime,
            CloseWhenDone = true,
            Filter = new SweepFilter { JobType = BulkJobType.Classic, PkChunking = true, OlderThan = TimeSpan.Zero },
        };

        var report = await Harness.AutoTime.RunAsync(new SpendingAtMost(Harness.Client, options, 3).WatchAsync(cancellationToken: ct));

        Assert.Equal(OrgWatchStopReason.SpendLimit, report.StopReason);
        Assert.Equal("the spend check refused further API requests", report.StopDetail);
        Assert.Contains("SpendLimit (the spend check refused further API requests)", report.ToString(), StringComparison.Ordinal);
        Assert.Equal([id], report.StillWatched);
        Assert.InRange(report.CallsUsed, 3, 4);
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_VeryShortJobSeen_ListsNoMoreOftenThanEvery10Seconds()
    {
        await Harness.SeedClassicAsync(Chunked(2, 1));
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(new RunningFor(Harness.Client, Options(), TimeSpan.FromMinutes(5)).WatchAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Single(report.Closed);

        // The job ran about 2 s: after it, the listings come every 10 s (the floor), not every minute, nor every 2 s.
        Assert.InRange(report.Listings, 29, 31);
    }

    [Fact]
    public async Task WatchAsync_NothingToFollow_ListsOncePerMaxInterval()
    {
        var options = Options();
        var report = await Harness.AutoTime.RunAsync(new RunningFor(Harness.Client, options, TimeSpan.FromMinutes(10)).WatchAsync(cancellationToken: TestContext.Current.CancellationToken));

        // One listing at the start and one every interval (the default 30 s) after: no idle back-off from 2 s.
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxInterval);
        Assert.Equal(20, report.Listings);
        Assert.Equal(report.Listings, report.CallsUsed);
        Assert.Empty(report.Jobs);
    }

    [Fact]
    public async Task WatchAsync_StopsIdle_HasNoStopDetail()
    {
        var report = await Harness.AutoTime.RunAsync(Watcher().WatchAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
        Assert.Null(report.StopDetail);
        Assert.StartsWith("Idle: 0 closed", report.ToString(), StringComparison.Ordinal);
    }

    private OrgWatchOptions Options() => new()
    {
        TimeProvider = Harness.AutoTime,
        CloseWhenDone = true,
        Filter = new SweepFilter { JobType = BulkJobType.Classic, PkChunking = true, OlderThan = TimeSpan.Zero },
    };

    /// <summary>A watcher that stops (through the spend seam) once it has run for a while.</summary>
    private sealed class RunningFor(BulkJobClient client, OrgWatchOptions options, TimeSpan duration) : OrgWatcher(client, options)
    {
        private readonly TimeProvider _time = options.TimeProvider;
        private readonly DateTimeOffset _end = options.TimeProvider.GetUtcNow() + duration;

        protected internal override ValueTask<bool> CanSpendAsync(long callsUsed, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_time.GetUtcNow() < _end);
    }

    /// <summary>A watcher whose spend rule allows a fixed number of calls (the seam of a spend floor).</summary>
    private sealed class SpendingAtMost(BulkJobClient client, OrgWatchOptions options, long calls) : OrgWatcher(client, options)
    {
        protected internal override ValueTask<bool> CanSpendAsync(long callsUsed, CancellationToken cancellationToken) =>
            ValueTask.FromResult(callsUsed < calls);
    }

    [Fact]
    public void Constructor_UserIdOfWrongLength_ThrowsBeforeSending()
    {
        Assert.Throws<ArgumentException>(() => Watcher(o => o.Filter.CreatedById = "005abc"));
    }

    private sealed class SynchronousProgress(Action<OrgWatchEvent> report) : IProgress<OrgWatchEvent>
    {
        public void Report(OrgWatchEvent value) => report(value);
    }
}
