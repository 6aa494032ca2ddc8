using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>The org-wide watcher against the emulator on a fake clock: each scenario covers minutes of emulated time.</summary>
public sealed class OrgWatcherTests : IAsyncLifetime
{
    private TestEmulator _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await TestEmulator.StartAsync(TestSettings.Watch());

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private static Dictionary<string, object> Chunked(int chunks, double seconds, string sobject = "Account") => new()
    {
        ["operation"] = "query",
        ["object"] = sobject,
        ["pkChunking"] = true,
        ["chunks"] = chunks,
        ["chunkDurationSeconds"] = seconds,
    };

    private OrgWatcher Watcher(Action<OrgWatchOptions>? configure = null, BulkJobClient? client = null)
    {
        var options = new OrgWatchOptions
        {
            TimeProvider = _harness.AutoTime,
            JitterSeed = 1,
            CloseWhenDone = true,
            StopWhenIdle = true,
            Filter = new SweepFilter { JobType = BulkJobType.Classic, PkChunking = true, OlderThan = TimeSpan.Zero },
        };
        configure?.Invoke(options);
        return new OrgWatcher(client ?? _harness.Client, options);
    }

    [Fact]
    public async Task WatchAsync_JobsFinishingAtDifferentTimes_ClosesEachOnceWithin3SecondsOfItsLastChunk()
    {
        var ct = TestContext.Current.CancellationToken;
        string[] ids = [
            (await _harness.SeedClassicAsync(Chunked(8, 20)))[0],
            (await _harness.SeedClassicAsync(Chunked(12, 30)))[0],
            (await _harness.SeedClassicAsync(Chunked(9, 45)))[0],
        ];
        await _harness.ResetRequestsAsync();
        var events = new List<OrgWatchEvent>();

        var report = await _harness.AutoTime.RunAsync(Watcher().WatchAsync(new SynchronousProgress(events.Add), ct));

        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
        Assert.Equal(await _harness.TotalRequestsAsync(), report.CallsUsed);
        Assert.Equal(ids.Order(), report.Closed.Select(e => e.JobId!).Order());
        foreach (var id in ids)
        {
            var closed = Assert.Single(events, e => e.JobId == id && e.Kind == OrgWatchEventKind.Closed);
            var batches = await _harness.Client.GetBatchesAsync(id, ct);
            var lastChunk = batches.Where(b => b.State == BatchState.Completed).Max(b => b.SystemModstamp);
            Assert.True(closed.At - lastChunk <= TimeSpan.FromSeconds(3) && closed.At >= lastChunk, $"{id} closed {(closed.At - lastChunk).TotalSeconds} s after its last chunk at {lastChunk:HH:mm:ss.fff}:\n" + string.Join("\n", events.Where(e => e.JobId == id || e.JobId is null)));
            Assert.Equal(BulkJobState.Closed, (await _harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
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
        var first = (await _harness.SeedClassicAsync(Chunked(6, 20)))[0];
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
                        created.Add((await _harness.SeedClassicAsync(Chunked(3 + created.Count, 25)))[0]);
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

        var cancelled = await _harness.AutoTime.RunAsync(ConsumeAsync());

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
        var id = (await _harness.SeedClassicAsync(Chunked(20, 30)))[0];
        var events = new List<OrgWatchEvent>();

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in Watcher().WatchEventsAsync(ct))
            {
                events.Add(e);
                if (e.Kind == OrgWatchEventKind.Progress && e.Job!.NumberBatchesCompleted > 0 && e.Job.State == BulkJobState.Open)
                {
                    await _harness.Client.CloseJobAsync(id, new CloseJobOptions { Api = BulkApi.V1 }, ct);
                }

                if (e.Report is { } report)
                {
                    return report;
                }
            }

            throw new InvalidOperationException("no report");
        }

        await _harness.ResetRequestsAsync();
        var report = await _harness.AutoTime.RunAsync(ConsumeAsync());

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.ClosedByOthers, ended.Kind);
        Assert.Empty(report.Closed);
        Assert.Equal(1, await _harness.RequestsAsync("POST /services/async/{version}/job/{jobId}"));
    }

    [Fact]
    public async Task WatchEventsAsync_JobAbortedBySomeoneElse_IsReportedAndDropped()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await _harness.SeedClassicAsync(Chunked(20, 30)))[0];
        var aborted = false;

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in Watcher().WatchEventsAsync(ct))
            {
                if (!aborted && e.Kind == OrgWatchEventKind.Progress)
                {
                    aborted = true;
                    await _harness.Client.AbortJobAsync(id, cancellationToken: ct);
                }

                if (e.Report is { } report)
                {
                    return report;
                }
            }

            throw new InvalidOperationException("no report");
        }

        var report = await _harness.AutoTime.RunAsync(ConsumeAsync());

        Assert.Equal(OrgWatchEventKind.AbortedByOthers, Assert.Single(report.Jobs).Kind);
        Assert.Equal(BulkJobState.Aborted, (await _harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_ChunkingFails_ReportsChunkingFailedAndClosesByTheOriginalBatchState()
    {
        var ct = TestContext.Current.CancellationToken;
        var failing = await _harness.CreateChunkedQueryJobAsync("EmailMessage");
        var good = (await _harness.SeedClassicAsync(Chunked(4, 10)))[0];

        var report = await _harness.AutoTime.RunAsync(Watcher().WatchAsync(cancellationToken: ct));

        var ended = Assert.Single(report.Jobs, e => e.JobId == failing);
        Assert.Equal(OrgWatchEventKind.ChunkingFailed, ended.Kind);
        Assert.NotNull(ended.Close);
        Assert.Equal(BulkJobState.Closed, (await _harness.Client.GetJobAsync(failing, BulkApi.V1, ct)).State);
        Assert.Equal(OrgWatchEventKind.Closed, Assert.Single(report.Jobs, e => e.JobId == good).Kind);
        Assert.Equal(2, report.Closed.Count());
    }

    [Fact]
    public async Task WatchAsync_JobsYoungerThanTheMinimumAge_AreNeitherReadNorClosedUntilOfAge()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await _harness.SeedClassicAsync(Chunked(2, 5)))[0];
        var createdAt = _harness.Time.GetUtcNow();
        var events = new List<OrgWatchEvent>();
        await _harness.ResetRequestsAsync();

        var report = await _harness.AutoTime.RunAsync(Watcher(o =>
        {
            o.StopWhenIdle = false;
            o.Filter.OlderThan = TimeSpan.FromMinutes(10);
        }).WatchEventsAsync(ct).FirstAsync(e => e.Kind == OrgWatchEventKind.Closed, ct).AsTask());

        Assert.Equal(id, report.JobId);
        Assert.InRange(report.At - createdAt, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(3));
        Assert.Equal(1, await _harness.RequestsAsync("GET /services/async/{version}/job/{jobId}"));
    }

    [Fact]
    public async Task WatchAsync_DefaultFilter_SkipsJobsYoungerThanAnHourAndStopsIdle()
    {
        var ct = TestContext.Current.CancellationToken;
        await _harness.SeedClassicAsync(Chunked(2, 5));
        var old = (await _harness.SeedClassicAsync(new Dictionary<string, object>(Chunked(2, 5)) { ["ageSeconds"] = 7200 }))[0];

        var report = await _harness.AutoTime.RunAsync(new OrgWatcher(_harness.Client, new OrgWatchOptions { TimeProvider = _harness.AutoTime, CloseWhenDone = true, StopWhenIdle = true }).WatchAsync(cancellationToken: ct));

        Assert.Equal(old, Assert.Single(report.Closed).JobId);
        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
    }

    [Fact]
    public async Task WatchAsync_WithoutClose_ReportsFinishedAndLeavesJobsOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await _harness.SeedClassicAsync(Chunked(3, 10)))[0];

        var report = await _harness.AutoTime.RunAsync(Watcher(o => o.CloseWhenDone = false).WatchAsync(cancellationToken: ct));

        Assert.Equal(OrgWatchEventKind.Finished, Assert.Single(report.Jobs).Kind);
        Assert.Empty(report.Closed);
        Assert.Equal(BulkJobState.Open, (await _harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_V2IngestJobOpen_IsNeverUploadCompleted()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await _harness.SeedV2Async(new { kind = "V2Ingest", state = "Open" }))[0];

        var report = await _harness.AutoTime.RunAsync(Watcher(o => o.Filter = new SweepFilter { OlderThan = TimeSpan.Zero }).WatchAsync(cancellationToken: ct));

        Assert.Equal(OrgWatchEventKind.WaitingForUpload, Assert.Single(report.Jobs, e => e.JobId == id).Kind);
        Assert.Equal(BulkJobState.Open, (await _harness.Client.GetJobAsync(id, BulkApi.V2, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_SessionExpiresMidWatch_ConnectionRefreshesAndClosesOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await _harness.SeedClassicAsync(Chunked(8, 20)))[0];
        await _harness.AddFaultAsync("""{"route":"GET /services/data/v{version}/jobs/query","kind":"expireSession","count":1}""");

        var report = await _harness.AutoTime.RunAsync(Watcher().WatchAsync(cancellationToken: ct));

        Assert.Equal(id, Assert.Single(report.Closed).JobId);
    }

    [Fact]
    public async Task WatchAsync_ExternalSessionExpires_EndsWithTheLoginFault()
    {
        var ct = TestContext.Current.CancellationToken;
        await _harness.SeedClassicAsync(Chunked(8, 20));
        var token = (await _harness.Connection.GetSessionAsync(null, ct)).AccessToken;
        using var external = SalesforceConnection.FromExternalSession(_harness.Server.BaseUri, token);
        await _harness.AddFaultAsync("""{"route":"GET /services/async/{version}/job/{jobId}","kind":"expireSession","count":1}""");

        await Assert.ThrowsAsync<SalesforceLoginException>(() => _harness.AutoTime.RunAsync(Watcher(client: _harness.CreateClient(external)).WatchAsync(cancellationToken: ct)));
    }

    [Fact]
    public async Task WatchAsync_ListingFailsPastConnectionRetries_BacksOffAndGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await _harness.SeedClassicAsync(Chunked(4, 20)))[0];
        await _harness.AddFaultAsync("""{"route":"GET /services/data/v{version}/jobs/query","kind":"status","status":503,"count":6}""");
        var events = new List<OrgWatchEvent>();

        var report = await _harness.AutoTime.RunAsync(Watcher().WatchAsync(new SynchronousProgress(events.Add), ct));

        Assert.Equal(id, Assert.Single(report.Closed).JobId);
        Assert.Contains(events, e => e.Kind == OrgWatchEventKind.Retrying && e.Error is SalesforceRestException);
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
