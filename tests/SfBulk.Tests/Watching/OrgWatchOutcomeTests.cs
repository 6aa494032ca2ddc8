using SfBulk.Emulator;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>
/// What the org watcher does to each job and what it says about it: which jobs are closed (once, at the right moment),
/// which are reported and dropped, which are never touched, and the exact events and report figures.
/// </summary>
public sealed class OrgWatchOutcomeTests : OrgWatchEmulatorTests
{
    [Fact]
    public async Task WatchAsync_JobsFinishingAtDifferentTimes_EachClosedOnceAfterItsLastChunkWithExactEventsAndFigures()
    {
        var ct = TestContext.Current.CancellationToken;
        var quick = await SeedChunkedAsync(8, 10);
        var middle = await SeedChunkedAsync(8, 20);
        var slow = await SeedChunkedAsync(6, 45, failChunks: [2]);
        await Harness.ResetRequestsAsync();
        var events = new List<OrgWatchEvent>();

        var report = await Harness.AutoTime.RunAsync(Watcher().WatchAsync(new SynchronousProgress(events.Add), ct));

        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
        Assert.Empty(report.StillWatched);
        Assert.Equal([quick, middle, slow], report.Jobs.Select(e => e.JobId!));
        Assert.Equal([quick, middle, slow], report.Closed.Select(e => e.JobId!));
        Assert.Equal(3, report.Count(OrgWatchEventKind.Closed));

        // The figures of the report are the requests the org received.
        Assert.Equal(await Harness.TotalRequestsAsync(), report.CallsUsed);
        Assert.Equal(await ListingRequestsAsync(), report.Listings);
        Assert.Equal(await Harness.RequestsAsync(EmulatorRoutes.BulkV1GetJob) + await Harness.RequestsAsync(EmulatorRoutes.BulkV1ListBatches), report.Reads);

        // Exactly one close request per job, each after its last chunk, and the job is closed in the org.
        Assert.Equal(3, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        foreach (var (id, completed, failed) in new[] { (quick, 8, 0), (middle, 8, 0), (slow, 5, 1) })
        {
            var closed = Assert.Single(events, e => e.JobId == id && e.EndsJob);
            Assert.Equal(OrgWatchEventKind.Closed, closed.Kind);
            Assert.Equal($"Every batch of job {id} has finished: {completed} completed, {failed} failed, 1 not processed. The job was closed.", closed.Message);
            Assert.Equal(CloseOutcome.Closed, closed.Close!.Outcome);
            Assert.Equal(BulkJobState.Closed, closed.Job!.State);
            var batches = await Harness.Client.GetBatchesAsync(id, ct);
            var lastChunk = batches.Where(b => b.State == BatchState.Completed || b.State == BatchState.Failed).Max(b => b.SystemModstamp);
            Assert.Equal(lastChunk, closed.FinishedAt);
            Assert.True(closed.At >= lastChunk && closed.At - lastChunk <= TimeSpan.FromSeconds(3), $"{id} ({completed}) closed {(closed.At - lastChunk).TotalSeconds} s after its last chunk at {lastChunk:HH:mm:ss.fff}:\n" + string.Join("\n", events.Where(e => e.JobId == id || e.JobId is null)));
            Assert.Equal(BulkJobState.Closed, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);

            var seen = Assert.Single(events, e => e.JobId == id && e.Kind == OrgWatchEventKind.Seen);
            Assert.Equal(FormattableString.Invariant($"Following job {id} (query on Account, created {seen.Job!.CreatedDate:yyyy-MM-dd HH:mm:ss}Z)."), seen.Message);
            Assert.True(events.IndexOf(seen) < events.IndexOf(closed));
        }

        // Progress counts the NotProcessed original of a chunked job as done, once its chunks are listed.
        var progress = events.Where(e => e.Kind == OrgWatchEventKind.Progress).ToList();
        Assert.NotEmpty(progress);
        foreach (var e in progress)
        {
            var j = e.Job!;
            var done = j.NumberBatchesCompleted + j.NumberBatchesFailed + (j.NumberBatchesTotal > 1 ? 1 : 0);
            Assert.StartsWith($"Job {j.Id}: batches {done}/{j.NumberBatchesTotal} done ({j.NumberBatchesInProgress} running, {j.NumberBatchesQueued} queued, {j.NumberBatchesFailed} failed)", e.Message, StringComparison.Ordinal);
            Assert.EndsWith(".", e.Message, StringComparison.Ordinal);
        }

        Assert.StartsWith($"Idle: 3 closed, 3 finished with, 0 still followed; {report.CallsUsed} calls ({report.Listings} listings, {report.Reads} reads) in ", report.ToString(), StringComparison.Ordinal);

        // Calls are counted as they go; the last event is the stop, carrying the report.
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.CallsUsed <= p.Second.CallsUsed && p.First.At <= p.Second.At));
        var stopped = events[^1];
        Assert.Equal(OrgWatchEventKind.Stopped, stopped.Kind);
        Assert.Same(report, stopped.Report);
        Assert.Equal(report.ToString(), stopped.Message);
        Assert.Equal(report.CallsUsed, stopped.CallsUsed);
        Assert.Single(events, e => e.Kind == OrgWatchEventKind.Stopped);
    }

    [Fact]
    public async Task WatchAsync_JobsClosedAndAbortedBySomeoneElse_ReportedAndDroppedWhileTheThirdIsClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        var closedByOthers = await SeedChunkedAsync(20, 60);
        var abortedByOthers = await SeedChunkedAsync(20, 60);
        var mine = await SeedChunkedAsync(4, 10);
        var events = new List<OrgWatchEvent>();
        var acted = false;

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in Watcher().WatchEventsAsync(ct))
            {
                events.Add(e);
                if (!acted && e.Kind == OrgWatchEventKind.Progress)
                {
                    acted = true;
                    await Harness.Client.CloseJobAsync(closedByOthers, new CloseJobOptions { Api = BulkApi.V1 }, ct);
                    await Harness.Client.AbortJobAsync(abortedByOthers, cancellationToken: ct);
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

        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
        var byOthers = Assert.Single(report.Jobs, e => e.JobId == closedByOthers);
        Assert.Equal(OrgWatchEventKind.ClosedByOthers, byOthers.Kind);
        Assert.Equal($"Job {closedByOthers} was closed by someone else; it is no longer followed.", byOthers.Message);
        Assert.Null(byOthers.Close);
        var aborted = Assert.Single(report.Jobs, e => e.JobId == abortedByOthers);
        Assert.Equal(OrgWatchEventKind.AbortedByOthers, aborted.Kind);
        Assert.Equal($"Job {abortedByOthers} was aborted by someone else; it is no longer followed.", aborted.Message);
        Assert.Null(aborted.Close);
        Assert.Equal([mine], report.Closed.Select(e => e.JobId!));
        Assert.Equal(1, report.Count(OrgWatchEventKind.ClosedByOthers));
        Assert.Equal(1, report.Count(OrgWatchEventKind.AbortedByOthers));
        Assert.Equal(3, report.Jobs.Count);
        Assert.Equal(3, events.Count(e => e.EndsJob && e.Kind != OrgWatchEventKind.Stopped));

        // After someone else acted, the watcher sent exactly one close: its own job's.
        Assert.Equal(1, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(BulkJobState.Aborted, (await Harness.Client.GetJobAsync(abortedByOthers, BulkApi.V1, ct)).State);
        Assert.Equal(BulkJobState.Closed, (await Harness.Client.GetJobAsync(mine, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_ChunkingFails_ReportedWithWhatFailedAndClosedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var failing = await Harness.CreateChunkedQueryJobAsync("EmailMessage");
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher().WatchAsync(cancellationToken: ct));

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.ChunkingFailed, ended.Kind);
        Assert.Equal(failing, ended.JobId);
        Assert.Equal($"PK chunking of job {failing} failed: its original batch ended Failed; 0 chunk batches completed. The job was closed.", ended.Message);
        Assert.Equal(CloseOutcome.Closed, ended.Close!.Outcome);
        Assert.NotNull(ended.FinishedAt);
        Assert.Equal([failing], report.Closed.Select(e => e.JobId!));
        Assert.Equal(1, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(BulkJobState.Closed, (await Harness.Client.GetJobAsync(failing, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_ChunkingFailsWithoutClose_ReportedAndLeftOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        var failing = await Harness.CreateChunkedQueryJobAsync("EmailMessage");
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher(o => o.CloseWhenDone = false).WatchAsync(cancellationToken: ct));

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.ChunkingFailed, ended.Kind);
        Assert.Equal($"PK chunking of job {failing} failed: its original batch ended Failed; 0 chunk batches completed. It was left open (closing was not asked for).", ended.Message);
        Assert.Null(ended.Close);
        Assert.Empty(report.Closed);
        Assert.Equal(0, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(failing, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_WithoutClose_FinishedJobReportedWithItsCountsAndNoCloseSent()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(3, 10);
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher(o => o.CloseWhenDone = false).WatchAsync(cancellationToken: ct));

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.Finished, ended.Kind);
        Assert.Equal($"Every batch of job {id} has finished: 3 completed, 0 failed, 1 not processed. It was left open (closing was not asked for).", ended.Message);
        Assert.NotNull(ended.FinishedAt);
        Assert.Null(ended.Close);
        Assert.Equal(0, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
    }

    [Fact]
    public async Task WatchAsync_FilterByObjectOperationAndCreator_OtherJobsNeverReadNorClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        var wanted = await SeedChunkedAsync(3, 10);
        var otherObject = await SeedChunkedAsync(3, 10, sobject: "Contact");
        var otherUser = (await Harness.SeedClassicAsync(new Dictionary<string, object>(Chunked(3, 10, "Account")) { ["createdBy"] = "integration@sfbulk.test" }))[0];
        var notChunked = (await Harness.SeedClassicAsync(new ClassicJobSeed { Operation = "insert", Batches = 2 }))[0];
        var user = await Harness.UserIdAsync(Harness.Server.Options.Username);
        var events = new List<OrgWatchEvent>();
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher(o =>
        {
            o.Filter.Object = "account";
            o.Filter.Operation = JobOperation.Query;
            o.Filter.CreatedById = user[..15];
        }).WatchAsync(new SynchronousProgress(events.Add), ct));

        Assert.Equal([wanted], report.Closed.Select(e => e.JobId!));
        Assert.Single(report.Jobs);
        Assert.DoesNotContain(events, e => e.JobId is { } id && id != wanted);

        // Only the wanted job was read (every read is the report's) and closed.
        Assert.Equal(report.Reads, await Harness.RequestsAsync(EmulatorRoutes.BulkV1GetJob) + await Harness.RequestsAsync(EmulatorRoutes.BulkV1ListBatches));
        Assert.Equal(1, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        foreach (var untouched in new[] { otherObject, otherUser, notChunked })
        {
            Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(untouched, BulkApi.V1, ct)).State);
        }
    }

    [Fact]
    public async Task WatchAsync_TooYoungJob_NeverReadNorClosedBeforeTheWatchStops()
    {
        var ct = TestContext.Current.CancellationToken;
        var young = await SeedChunkedAsync(2, 5);
        var old = (await Harness.SeedClassicAsync(new Dictionary<string, object>(Chunked(2, 5, "Account")) { ["ageSeconds"] = 1800 }))[0];
        var events = new List<OrgWatchEvent>();
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher(o => o.Filter.OlderThan = TimeSpan.FromMinutes(20)).WatchAsync(new SynchronousProgress(events.Add), ct));

        Assert.Equal([old], report.Closed.Select(e => e.JobId!));
        Assert.DoesNotContain(events, e => e.JobId == young);
        Assert.Equal(1, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(young, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchEventsAsync_CancelledWhileFollowing_ReportsWhatWasClosedAndWhatIsStillFollowed()
    {
        var ct = TestContext.Current.CancellationToken;
        var quick = await SeedChunkedAsync(2, 5);
        var slow = await SeedChunkedAsync(40, 600);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);

        async Task<OrgWatchCancelledException> ConsumeAsync()
        {
            try
            {
                await foreach (var e in Watcher(o => o.StopWhenIdle = false).WatchEventsAsync(cts.Token))
                {
                    if (e.Kind == OrgWatchEventKind.Closed)
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
        Assert.Equal([quick], cancelled.Report.Closed.Select(e => e.JobId!));
        Assert.Equal([slow], cancelled.Report.StillWatched);
        Assert.Equal("The org watch was cancelled after closing 1 jobs; 1 followed jobs were left as they are.", cancelled.Message);
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(slow, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchEventsAsync_ReadToTheEnd_EndsAfterTheStopEvent()
    {
        var events = await Harness.AutoTime.RunAsync(Watcher().WatchEventsAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken).AsTask());

        var stopped = Assert.Single(events);
        Assert.Equal(OrgWatchEventKind.Stopped, stopped.Kind);
        Assert.Equal(OrgWatchStopReason.Idle, stopped.Report!.StopReason);
    }

    [Fact]
    public void Constructor_NoClient_ThrowsBeforeSending()
    {
        Assert.Throws<ArgumentNullException>(() => new OrgWatcher(null!));
    }

    private async Task<long> ListingRequestsAsync() => await Harness.RequestsAsync(EmulatorRoutes.BulkV2ListQueryJobs) + await Harness.RequestsAsync(EmulatorRoutes.BulkV2ListIngestJobs);

    private async Task<string> SeedChunkedAsync(int chunks, double seconds, string sobject = "Account", int[]? failChunks = null)
    {
        var body = Chunked(chunks, seconds, sobject);
        if (failChunks is not null)
        {
            body["failChunks"] = failChunks;
        }

        return (await Harness.SeedClassicAsync(body))[0];
    }

    private static Dictionary<string, object> Chunked(int chunks, double seconds, string sobject) => new()
    {
        ["operation"] = "query",
        ["object"] = sobject,
        ["pkChunking"] = true,
        ["chunks"] = chunks,
        ["chunkDurationSeconds"] = seconds,
    };

    private sealed class SynchronousProgress(Action<OrgWatchEvent> report) : IProgress<OrgWatchEvent>
    {
        public void Report(OrgWatchEvent value) => report(value);
    }
}
