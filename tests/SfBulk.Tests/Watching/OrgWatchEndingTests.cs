using SfBulk.Emulator;
using SfBulk.Http;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>
/// How the org watcher stops following a job other than by closing it itself, and what it says each time: a Bulk 2.0
/// job that completes or vanishes from the listing while followed, a 2.0 upload never completed, a job closed or
/// aborted by someone else between the watcher's read and its close, and a close of its own that landed unanswered.
/// </summary>
public sealed class OrgWatchEndingTests : OrgWatchEmulatorTests
{
    [Fact]
    public async Task WatchAsync_V2QueryJobCompletesWhileFollowed_ReportedFinishedWithItsStampAndNeverChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.CreateV2QueryJobAsync()).Id;
        await Harness.ResetRequestsAsync();
        var events = new List<OrgWatchEvent>();

        var report = await Harness.AutoTime.RunAsync(V2QueryWatcher().WatchAsync(new SynchronousProgress(events.Add), ct));

        var job = await Harness.Client.GetJobAsync(id, BulkApi.V2, ct);
        Assert.Equal(BulkJobState.JobComplete, job.State);
        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.Finished, ended.Kind);
        Assert.Equal(id, ended.JobId);
        Assert.Equal($"Bulk API 2.0 job {id} is complete; a 2.0 job has nothing to close.", ended.Message);
        Assert.Equal(job.SystemModstamp, ended.FinishedAt);
        Assert.Equal(BulkJobState.JobComplete, ended.Job!.State);
        Assert.Null(ended.Close);
        Assert.Empty(report.Closed);
        Assert.Empty(report.StillWatched);

        // Seen while it ran, then judged from a later listing alone: no read and no change.
        Assert.Equal([OrgWatchEventKind.Seen, OrgWatchEventKind.Finished, OrgWatchEventKind.Stopped], events.Select(e => e.Kind));
        Assert.Equal(0, report.Reads);
        Assert.Equal(2, report.Listings);
        Assert.Equal(0, await Harness.RequestsByMethodAsync("PATCH"));
        Assert.Equal(0, await Harness.RequestsByMethodAsync("DELETE"));
    }

    [Fact]
    public async Task WatchAsync_FollowedJobNoLongerListed_ReportedUnreadableAndNoLongerFollowed()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.CreateV2QueryJobAsync()).Id;
        var events = new List<OrgWatchEvent>();

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in V2QueryWatcher().WatchEventsAsync(ct))
            {
                events.Add(e);
                if (e.Kind == OrgWatchEventKind.Seen)
                {
                    // Its owner reads the results and deletes the job before the watcher's next listing.
                    Harness.Time.Advance(Harness.Options.BatchQueueDelay + Harness.Options.BatchProcessingTime + TimeSpan.FromSeconds(1));
                    var deleted = await Harness.Connection.SendAsync(new ApiRequest(HttpMethod.Delete, "services/data/v66.0/jobs/query/" + id, ApiFamily.Rest), ct);
                    Assert.True(deleted.IsSuccess);
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
        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.Unreadable, ended.Kind);
        Assert.Equal(id, ended.JobId);
        Assert.Equal($"Job {id} is no longer listed (deleted?); it is no longer followed.", ended.Message);
        Assert.Null(ended.Close);
        Assert.Null(ended.FinishedAt);
        Assert.Empty(report.StillWatched);
        Assert.Empty(report.Closed);
        Assert.Equal([OrgWatchEventKind.Seen, OrgWatchEventKind.Unreadable, OrgWatchEventKind.Stopped], events.Select(e => e.Kind));
    }

    [Fact]
    public async Task WatchAsync_V2IngestJobOpen_ReportedWaitingForUploadOnceAndNeverCompleted()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedV2Async(new BulkV2JobSeed { Kind = BulkV2JobKind.Ingest, State = "Open" }))[0];
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher(o =>
        {
            o.Filter.JobType = BulkJobType.V2Ingest;
            o.Filter.PkChunking = null;
        }).WatchAsync(cancellationToken: ct));

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.WaitingForUpload, ended.Kind);
        Assert.Equal(id, ended.JobId);
        Assert.Equal($"Bulk API 2.0 ingest job {id} is Open: it waits for its upload to be marked complete, which this watcher never does; it is no longer followed.", ended.Message);
        Assert.Null(ended.Close);
        Assert.Empty(report.Closed);
        Assert.Equal(1, report.Count(OrgWatchEventKind.WaitingForUpload));
        Assert.Equal(0, await Harness.RequestsByMethodAsync("PATCH"));
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(id, BulkApi.V2, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_ClosedBySomeoneElseBetweenTheReadAndTheClose_ReportedClosedByOthersNotClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(4, 10);
        var other = await SomeoneElseAsync();
        var client = new ActingBeforeEachClose(Harness.Connection, jobId => other.CloseJobAsync(jobId, new CloseJobOptions { Api = BulkApi.V1 }, ct));
        var events = new List<OrgWatchEvent>();
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher(client: client).WatchAsync(new SynchronousProgress(events.Add), ct));

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.ClosedByOthers, ended.Kind);
        Assert.Equal(id, ended.JobId);
        Assert.Equal($"Every batch of job {id} has finished: 4 completed, 0 failed, 1 not processed. Someone else had closed it meanwhile.", ended.Message);
        Assert.Equal(BulkJobState.Closed, ended.Job!.State);
        Assert.Null(ended.Close);
        Assert.Empty(report.Closed);
        Assert.Equal(1, report.Count(OrgWatchEventKind.ClosedByOthers));
        Assert.Equal(0, report.Count(OrgWatchEventKind.Closed));
        Assert.StartsWith("Idle: 0 closed, 1 finished with, 0 still followed; ", report.ToString(), StringComparison.Ordinal);

        // The watcher's own close went out once (the other client's is the second); every request it counted is its own.
        Assert.Equal(2, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(await Harness.TotalRequestsAsync() - 1, report.CallsUsed);
        Assert.Equal(BulkJobState.Closed, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_AbortedBySomeoneElseBetweenTheReadAndTheClose_ReportedAbortedByOthersAndLeftAborted()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(4, 10);
        var other = await SomeoneElseAsync();
        var client = new ActingBeforeEachClose(Harness.Connection, jobId => other.AbortJobAsync(jobId, new CloseJobOptions { Api = BulkApi.V1 }, ct));

        var report = await Harness.AutoTime.RunAsync(Watcher(client: client).WatchAsync(cancellationToken: ct));

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.AbortedByOthers, ended.Kind);
        Assert.Equal(id, ended.JobId);
        Assert.Equal($"Every batch of job {id} has finished: 4 completed, 0 failed, 1 not processed. It had been aborted by someone else meanwhile.", ended.Message);
        Assert.Equal(BulkJobState.Aborted, ended.Job!.State);
        Assert.Null(ended.Close);
        Assert.Empty(report.Closed);
        Assert.Equal(1, report.Count(OrgWatchEventKind.AbortedByOthers));
        Assert.Equal(BulkJobState.Aborted, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchEventsAsync_CloseUnansweredButLanded_ReportedWithTheFinishedJobsCountsAndWhenItFinished()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(4, 10);
        await Harness.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1UpdateJob));
        var events = new List<OrgWatchEvent>();

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in Watcher().WatchEventsAsync(ct))
            {
                events.Add(e);
                if (e.Kind == OrgWatchEventKind.Retrying)
                {
                    // As if the close had reached Salesforce and only its answer was lost.
                    await Harness.ClearFaultsAsync();
                    await Harness.Client.CloseJobAsync(id, new CloseJobOptions { Api = BulkApi.V1 }, ct);
                }

                if (e.Report is { } report)
                {
                    return report;
                }
            }

            throw new InvalidOperationException("no report");
        }

        var report = await Harness.AutoTime.RunAsync(ConsumeAsync());

        var batches = await Harness.Client.GetBatchesAsync(id, ct);
        var lastChunk = batches.Where(b => b.State == BatchState.Completed).Max(b => b.SystemModstamp);
        var closed = Assert.Single(report.Closed);
        Assert.Equal(id, closed.JobId);
        Assert.Equal(OrgWatchEventKind.Closed, closed.Kind);
        Assert.Equal($"Every batch of job {id} has finished: 4 completed, 0 failed, 1 not processed. The job was closed.", closed.Message);
        Assert.Equal(lastChunk, closed.FinishedAt);
        Assert.Equal(CloseOutcome.Closed, closed.Close!.Outcome);
        Assert.Equal(id, closed.Close.Job.Id);
        Assert.Equal(BulkJobState.Closed, closed.Close.Job.State);
        Assert.Equal(BulkJobState.Closed, closed.Job!.State);
    }

    [Fact]
    public async Task WatchEventsAsync_OwnCloseUnansweredThenSomeoneElseCloses_ReportedAsThisWatchersCloseWithTheAnswerItGot()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(4, 10);
        var other = await SomeoneElseAsync();
        var closes = 0;
        var client = new ActingBeforeEachClose(Harness.Connection, jobId => ++closes == 2 ? other.CloseJobAsync(jobId, new CloseJobOptions { Api = BulkApi.V1 }, ct) : Task.CompletedTask);
        await Harness.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1UpdateJob));
        var events = new List<OrgWatchEvent>();

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in Watcher(client: client).WatchEventsAsync(ct))
            {
                events.Add(e);
                if (e.Kind == OrgWatchEventKind.Retrying)
                {
                    await Harness.ClearFaultsAsync();
                }

                if (e.Report is { } report)
                {
                    return report;
                }
            }

            throw new InvalidOperationException("no report");
        }

        var report = await Harness.AutoTime.RunAsync(ConsumeAsync());

        // The first close went unanswered and may have landed: "already closed" on the second is counted as this
        // watcher's close, and the result it carries is the answer Salesforce gave, not a made-up "Closed".
        Assert.Single(events, e => e.Kind == OrgWatchEventKind.Retrying);
        var closed = Assert.Single(report.Closed);
        Assert.Equal(id, closed.JobId);
        Assert.Equal(OrgWatchEventKind.Closed, closed.Kind);
        Assert.Equal($"Every batch of job {id} has finished: 4 completed, 0 failed, 1 not processed. The job was closed.", closed.Message);
        Assert.Equal(CloseOutcome.AlreadyClosed, closed.Close!.Outcome);
        Assert.Equal(2, closes);
    }

    [Fact]
    public async Task WatchAsync_JsonJobFinished_ClosedInJsonWithOneRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await Harness.SeedClassicAsync(new Dictionary<string, object>
        {
            ["operation"] = "query",
            ["object"] = "Account",
            ["contentType"] = "JSON",
            ["pkChunking"] = true,
            ["chunks"] = 3,
            ["chunkDurationSeconds"] = 10,
        }))[0];
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher().WatchAsync(cancellationToken: ct));

        Assert.Equal([id], report.Closed.Select(e => e.JobId!));
        Assert.Equal(1, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(BulkJobState.Closed, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    /// <summary>Another client of the org, over its own connection, logged in before the test counts requests.</summary>
    private async Task<BulkJobClient> SomeoneElseAsync()
    {
        var connection = Harness.Connect(name: "someone-else");
        await connection.ConnectAsync(TestContext.Current.CancellationToken);
        return Harness.CreateClient(connection);
    }

    private OrgWatcher V2QueryWatcher() => Watcher(o =>
    {
        o.Filter.JobType = BulkJobType.V2Query;
        o.Filter.PkChunking = null;
    });

    private async Task<string> SeedChunkedAsync(int chunks, double seconds) => (await Harness.SeedClassicAsync(new Dictionary<string, object>
    {
        ["operation"] = "query",
        ["object"] = "Account",
        ["pkChunking"] = true,
        ["chunks"] = chunks,
        ["chunkDurationSeconds"] = seconds,
    }))[0];

    /// <summary>
    /// A client through which someone else acts on the job (over its own connection) just before each close is sent:
    /// the job changed between the watcher's last read and its close.
    /// </summary>
    private sealed class ActingBeforeEachClose(SalesforceConnection connection, Func<string, Task> act)
        : BulkJobClient(connection, new BulkJobClientOptions { CloseRetryDelay = TimeSpan.FromMilliseconds(5) })
    {
        public override async Task<CloseJobResult> CloseJobAsync(string jobId, CloseJobOptions? options = null, CancellationToken cancellationToken = default)
        {
            // Outside the watcher's async flow, so the watcher does not count the other client's requests as its own.
            Task acted;
            using (ExecutionContext.SuppressFlow())
            {
                acted = Task.Run(() => act(jobId), cancellationToken);
            }

            await acted;
            return await base.CloseJobAsync(jobId, options, cancellationToken);
        }
    }

    private sealed class SynchronousProgress(Action<OrgWatchEvent> report) : IProgress<OrgWatchEvent>
    {
        public void Report(OrgWatchEvent value) => report(value);
    }
}
