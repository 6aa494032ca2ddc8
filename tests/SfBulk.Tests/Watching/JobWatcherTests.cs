using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

public sealed class JobWatcherTests : IAsyncLifetime
{
    private TestEmulator _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await TestEmulator.StartAsync(TestSettings.Watch());

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private static Dictionary<string, object> Chunked(int chunks, double seconds, params int[] failChunks) => new()
    {
        ["operation"] = "query",
        ["object"] = "Account",
        ["pkChunking"] = true,
        ["chunks"] = chunks,
        ["chunkDurationSeconds"] = seconds,
        ["failChunks"] = failChunks,
    };

    private JobWatcher Watcher(Action<WatchOptions>? configure = null)
    {
        var options = new WatchOptions { TimeProvider = _harness.AutoTime, JitterSeed = 1 };
        configure?.Invoke(options);
        return new JobWatcher(_harness.Client, options);
    }

    [Fact]
    public async Task WatchAsync_ChunkedJob_CompletesWithoutClosing()
    {
        var id = (await _harness.SeedClassicAsync(Chunked(8, 20)))[0];

        var result = await _harness.AutoTime.RunAsync(Watcher().WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.Completed, result.Outcome);
        Assert.Equal(BulkJobState.Open, result.Job.State);
        Assert.Equal(8, result.Job.NumberBatchesCompleted);
        Assert.Equal(9, result.Job.NumberBatchesTotal);
        Assert.Null(result.Close);
        Assert.Null(result.CloseDelay);
    }

    [Fact]
    public async Task WaitAndCloseAsync_NonChunkedIngestJob_ClosesWhenBatchesDone()
    {
        var id = (await _harness.SeedClassicAsync(new { batches = 10, recordsPerBatch = 200, failedRecordsPerBatch = 3 }))[0];

        var result = await _harness.AutoTime.RunAsync(Watcher().WaitAndCloseAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.Closed, result.Outcome);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
        Assert.Equal(10, result.Job.NumberBatchesCompleted);
        Assert.Equal(CloseOutcome.Closed, result.Close!.Outcome);
        Assert.InRange(result.CloseDelay!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task WaitAndCloseAsync_SomeChunksFail_ClosesAndCountsFailures()
    {
        var id = (await _harness.SeedClassicAsync(Chunked(6, 10, 2, 5)))[0];

        var result = await _harness.AutoTime.RunAsync(Watcher().WaitAndCloseAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.Closed, result.Outcome);
        Assert.Equal(4, result.Job.NumberBatchesCompleted);
        Assert.Equal(2, result.Job.NumberBatchesFailed);
    }

    [Fact]
    public async Task WaitAndCloseAsync_ChunkingUnsupportedObject_ReportsChunkingFailedAndCloses()
    {
        var id = await _harness.CreateChunkedQueryJobAsync("EmailMessage");

        var result = await _harness.AutoTime.RunAsync(Watcher().WaitAndCloseAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.ChunkingFailed, result.Outcome);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
        Assert.Contains("PK chunking", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchProgressAsync_AbortedBySomeoneElse_EndsWithAbortedByOthers()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await _harness.SeedClassicAsync(Chunked(20, 30)))[0];
        var snapshots = new List<WatchProgress>();

        async Task<WatchResult> ConsumeAsync()
        {
            await foreach (var p in Watcher().WatchProgressAsync(id, ct))
            {
                snapshots.Add(p);
                if (p.Result is { } result)
                {
                    return result;
                }

                if (p.BatchesCompleted > 0 && p.State == BulkJobState.Open)
                {
                    await _harness.Client.AbortJobAsync(id, cancellationToken: ct);
                }
            }

            throw new InvalidOperationException("no result");
        }

        var result = await _harness.AutoTime.RunAsync(ConsumeAsync());

        Assert.Equal(WatchOutcome.AbortedByOthers, result.Outcome);
        Assert.Equal(BulkJobState.Aborted, result.Job.State);
        Assert.All(snapshots.SkipLast(1), s => Assert.NotNull(s.NextPollAt));
        Assert.True(snapshots[^1].IsFinal);
        Assert.Equal(snapshots.Count, result.Polls);
    }

    [Fact]
    public async Task WatchAsync_Timeout_LeavesJobOpen()
    {
        var id = (await _harness.SeedClassicAsync(Chunked(40, 30)))[0];

        var result = await _harness.AutoTime.RunAsync(Watcher(o => { o.Timeout = TimeSpan.FromSeconds(90); o.CloseWhenDone = true; }).WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.TimedOut, result.Outcome);
        Assert.Equal(BulkJobState.Open, result.Job.State);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(91));
        Assert.Equal(BulkJobState.Open, (await _harness.Client.GetJobAsync(id, BulkApi.V1, TestContext.Current.CancellationToken)).State);
    }

    [Fact]
    public async Task WatchAsync_TimeoutWithAbortOnTimeout_AbortsJob()
    {
        var id = (await _harness.SeedClassicAsync(Chunked(40, 30)))[0];

        var result = await _harness.AutoTime.RunAsync(Watcher(o => { o.Timeout = TimeSpan.FromSeconds(60); o.AbortOnTimeout = true; }).WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.AbortedOnTimeout, result.Outcome);
        Assert.Equal(BulkJobState.Aborted, result.Job.State);
        Assert.Equal(CloseOutcome.Aborted, result.Close!.Outcome);
    }

    [Fact]
    public async Task WatchAsync_MaxCalls_StopsBeforeTheLimitKeepingOneForTheClose()
    {
        var id = (await _harness.SeedClassicAsync(Chunked(40, 30)))[0];
        await _harness.ResetRequestsAsync();

        var result = await _harness.AutoTime.RunAsync(Watcher(o => { o.MaxCalls = 5; o.CloseWhenDone = true; }).WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.CallLimitReached, result.Outcome);
        Assert.Equal(4, result.CallsUsed);
        Assert.Equal(4, await _harness.TotalRequestsAsync());
        Assert.Equal(BulkJobState.Open, result.Job.State);
    }

    [Fact]
    public async Task WaitAndCloseAsync_CountsCannotDecideAndNoCallLeftForTheBatchList_CallLimitReachedJobLeftOpen()
    {
        // The original batch failed: the counts look like a query with a failed batch; only the batch list tells.
        var id = await _harness.CreateChunkedQueryJobAsync("EmailMessage");
        _harness.Time.Advance(TimeSpan.FromSeconds(5));
        await _harness.ResetRequestsAsync();

        var result = await _harness.AutoTime.RunAsync(Watcher(o => o.MaxCalls = 2).WaitAndCloseAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.CallLimitReached, result.Outcome);
        Assert.Contains("batch list", result.Message, StringComparison.Ordinal);
        Assert.Null(result.Close);
        Assert.Equal(BulkJobState.Open, result.Job.State);
        Assert.Equal(BulkJobState.Open, (await _harness.Client.GetJobAsync(id, BulkApi.V1, TestContext.Current.CancellationToken)).State);
        Assert.Equal(0, await _harness.RequestsAsync("POST /services/async/{version}/job/{jobId}"));
    }

    [Fact]
    public async Task WatchAsync_FirstReadFailsAndMaxCallsLeavesNoRoom_StopsRetryingWithinTheLimit()
    {
        var id = (await _harness.SeedClassicAsync(Chunked(8, 20)))[0];
        await _harness.AddFaultAsync("""{"route":"GET /services/async/{version}/job/{jobId}","kind":"status","status":503,"count":1000}""");
        await _harness.ResetRequestsAsync();

        await Assert.ThrowsAsync<SalesforceRestException>(() => _harness.AutoTime.RunAsync(Watcher(o => o.MaxCalls = 4).WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken)));

        // One read with the connection's own retries (4 requests); a second would pass the limit of 4.
        Assert.Equal(4, await _harness.TotalRequestsAsync());
    }

    [Fact]
    public async Task WatchAsync_FirstReadFailsPastTheTimeout_StopsRetryingAtTheDeadline()
    {
        var id = (await _harness.SeedClassicAsync(Chunked(8, 20)))[0];
        await _harness.AddFaultAsync("""{"route":"GET /services/async/{version}/job/{jobId}","kind":"status","status":503,"count":1000}""");
        await _harness.ResetRequestsAsync();
        var start = _harness.Time.GetUtcNow();

        await Assert.ThrowsAsync<SalesforceRestException>(() => _harness.AutoTime.RunAsync(Watcher(o => { o.Timeout = TimeSpan.FromSeconds(3); o.MaxConsecutiveFailures = 20; }).WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken)));

        Assert.InRange(_harness.Time.GetUtcNow() - start, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.InRange(await _harness.TotalRequestsAsync(), 4, 8);
    }

    [Fact]
    public async Task WatchAsync_V2IngestJobStillOpen_SaysItWaitsForUpload()
    {
        var id = (await _harness.SeedV2Async(new { kind = "V2Ingest", state = "Open" }))[0];

        var result = await _harness.AutoTime.RunAsync(Watcher().WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.WaitingForUpload, result.Outcome);
        Assert.Equal(BulkApi.V2, result.Api);
        Assert.Contains("UploadComplete", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_V2QueryJobComplete_CompletesOnTheFirstPollOnItsOwnRoute()
    {
        var id = (await _harness.SeedV2Async(new { kind = "V2Query", state = "JobComplete" }))[0];

        var result = await _harness.AutoTime.RunAsync(Watcher(o => { o.Api = BulkApi.V2; o.CloseWhenDone = true; }).WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.Completed, result.Outcome);
        Assert.Equal(1, result.Polls);
        Assert.Contains("nothing to close", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_V2QueryJobRunning_TimesOutAndAbortsOnTheQueryRoute()
    {
        var id = (await _harness.SeedV2Async(new { kind = "V2Query", state = "InProgress" }))[0];

        var result = await _harness.AutoTime.RunAsync(Watcher(o => { o.Timeout = TimeSpan.FromMinutes(2); o.AbortOnTimeout = true; }).WatchAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.AbortedOnTimeout, result.Outcome);
        Assert.Equal(BulkJobState.Aborted, result.Job.State);
        Assert.InRange(result.Polls, 3, 12);
    }

    [Fact]
    public async Task WatchAsync_Cancelled_ThrowsAndLeavesJobUntouched()
    {
        var id = (await _harness.SeedClassicAsync(Chunked(40, 30)))[0];
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SynchronousProgress(p =>
        {
            if (p.Elapsed > TimeSpan.FromSeconds(20))
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.AutoTime.RunAsync(Watcher(o => o.CloseWhenDone = true).WatchAsync(id, progress, cts.Token)));

        Assert.Equal(BulkJobState.Open, (await _harness.Client.GetJobAsync(id, BulkApi.V1, TestContext.Current.CancellationToken)).State);
    }

    [Fact]
    public async Task WaitAndCloseAsync_TransientFailuresPastConnectionRetries_KeepsWatching()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = (await _harness.SeedClassicAsync(Chunked(8, 20)))[0];
        var failed = 0;

        async Task<WatchResult> ConsumeAsync()
        {
            await foreach (var p in Watcher(o => o.CloseWhenDone = true).WatchProgressAsync(id, ct))
            {
                failed += p.LastError is null ? 0 : 1;
                if (p.Result is { } result)
                {
                    return result;
                }

                if (p.CallsUsed == 1)
                {
                    // After the first read: the next 6 tries are dropped (past the connection's 3 retries), then 503 every third.
                    await _harness.AddFaultAsync("{\"route\":\"GET /services/async/{version}/job/{jobId}\",\"kind\":\"dropBefore\",\"count\":6}");
                    await _harness.AddFaultAsync("{\"route\":\"GET /services/async/{version}/job/{jobId}\",\"kind\":\"status\",\"status\":503,\"every\":3}");
                }
            }

            throw new InvalidOperationException("no result");
        }

        var result = await _harness.AutoTime.RunAsync(ConsumeAsync());

        Assert.Equal(WatchOutcome.Closed, result.Outcome);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
        Assert.InRange(failed, 1, 5);
    }

    [Fact]
    public async Task WaitAndCloseAsync_FirstReadFailsPastConnectionRetries_TriesAgainAndCloses()
    {
        var id = (await _harness.SeedClassicAsync(Chunked(8, 20)))[0];
        await _harness.AddFaultAsync("""{"route":"GET /services/async/{version}/job/{jobId}","kind":"status","status":503,"count":4}""");

        var result = await _harness.AutoTime.RunAsync(Watcher().WaitAndCloseAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.Closed, result.Outcome);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
        Assert.True(result.Polls >= 2, result.ToString());
    }

    [Fact]
    public async Task WaitAndCloseAsync_SessionExpiresMidWatch_ConnectionRefreshesAndWatchGoesOn()
    {
        var id = (await _harness.SeedClassicAsync(Chunked(8, 20)))[0];
        await _harness.AddFaultAsync("""{"route":"GET /services/async/{version}/job/{jobId}","kind":"expireSession","count":1}""");

        var result = await _harness.AutoTime.RunAsync(Watcher().WaitAndCloseAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.Closed, result.Outcome);
    }

    [Fact]
    public async Task WaitAndCloseAsync_JobOfAnotherUser_EndsCloseFailedWithInvalidUser()
    {
        var id = (await _harness.SeedClassicAsync(new { batches = 2, createdBy = "integration@sfbulk.test" }))[0];

        var result = await _harness.AutoTime.RunAsync(Watcher().WaitAndCloseAsync(id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WatchOutcome.CloseFailed, result.Outcome);
        Assert.Equal(Jobs.VariantAnswers.CloseByOtherUserCode(_harness.Server), Assert.IsAssignableFrom<SalesforceException>(result.Error).ErrorCode);
        Assert.Equal(BulkJobState.Open, result.Job.State);
    }

    [Fact]
    public async Task WatchAsync_UnknownJob_Throws()
    {
        await Assert.ThrowsAsync<SalesforceRestException>(() => _harness.AutoTime.RunAsync(Watcher().WatchAsync("750000000000000AAA", cancellationToken: TestContext.Current.CancellationToken)));
    }

    [Fact]
    public void WatchProgressAsync_NotAJobId_ThrowsBeforeSending()
    {
        Assert.Throws<ArgumentException>(() => Watcher().WatchProgressAsync("not-an-id", TestContext.Current.CancellationToken));
    }

    private sealed class SynchronousProgress(Action<WatchProgress> report) : IProgress<WatchProgress>
    {
        public void Report(WatchProgress value) => report(value);
    }
}
