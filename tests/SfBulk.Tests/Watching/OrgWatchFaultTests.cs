using SfBulk.Emulator;
using SfBulk.Limits;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>
/// The org watcher when Salesforce misbehaves, on a fake clock: transient errors back off and are reported, refusals
/// drop the job untouched, a close that may have landed is not sent twice blindly, sessions, and the API floor.
/// </summary>
public sealed class OrgWatchFaultTests : OrgWatchEmulatorTests
{
    [Fact]
    public async Task WatchEventsAsync_ListingFailsEveryTime_BacksOffGrowingToTheMaxIntervalThenEndsWithTheFault()
    {
        var ct = TestContext.Current.CancellationToken;
        await Harness.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV2ListQueryJobs));
        var events = new List<OrgWatchEvent>();

        async Task<int> ConsumeAsync()
        {
            await foreach (var e in Watcher(o =>
            {
                o.MaxConsecutiveFailures = 6;
                o.MaxInterval = TimeSpan.FromSeconds(10);
            }).WatchEventsAsync(ct))
            {
                events.Add(e);
            }

            return events.Count;
        }

        var error = await Assert.ThrowsAsync<SalesforceRestException>(() => Harness.AutoTime.RunAsync(ConsumeAsync()));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.All(events, e => Assert.Equal(OrgWatchEventKind.Retrying, e.Kind));
        string[] pauses = ["2", "3", "4.5", "6.8", "10", "10"];
        Assert.Equal(pauses.Length, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.StartsWith($"Listing the jobs failed ({i + 1} in a row); trying again in {pauses[i]} s: ", events[i].Message, StringComparison.Ordinal);
            Assert.IsType<SalesforceRestException>(events[i].Error);
            Assert.Null(events[i].Job);
        }

        // The pauses really pass on the clock: 2 s, 3 s, 4.5 s, 6.75 s, then capped at the 10 s interval.
        double[] seconds = [2, 3, 4.5, 6.75, 10];
        for (var i = 0; i < seconds.Length; i++)
        {
            Assert.InRange((events[i + 1].At - events[i].At).TotalSeconds, seconds[i], seconds[i] + 0.5);
        }


        // Seven listings in all (the first and six retries), each the connection's four tries (one and three retries).
        Assert.Equal(7 * 4, await Harness.RequestsAsync(EmulatorRoutes.BulkV2ListQueryJobs));
    }

    [Fact]
    public async Task WatchEventsAsync_JobReadFailsThenRecovers_RetriedAfterTheBackOffCountedAfreshAndClosedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(8, 20);
        await Harness.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1GetJob));
        var events = new List<OrgWatchEvent>();
        var phase = 0;

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in Watcher().WatchEventsAsync(ct))
            {
                events.Add(e);
                if (e.Kind == OrgWatchEventKind.Retrying && phase is 0 or 2)
                {
                    phase++;
                    await Harness.ClearFaultsAsync();
                }
                else if (e.Kind == OrgWatchEventKind.Progress && phase == 1)
                {
                    phase++;
                    await Harness.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1GetJob));
                }

                if (e.Report is { } report)
                {
                    return report;
                }
            }

            throw new InvalidOperationException("no report");
        }

        var report = await Harness.AutoTime.RunAsync(ConsumeAsync());

        var retries = events.Where(e => e.Kind == OrgWatchEventKind.Retrying).ToList();
        Assert.Equal(2, retries.Count);
        foreach (var retry in retries)
        {
            // A successful read in between starts the count again.
            Assert.StartsWith($"Reading job {id} failed (1 in a row); trying again in 2 s: ", retry.Message, StringComparison.Ordinal);
            Assert.Equal(id, retry.JobId);
            Assert.IsType<SalesforceRestException>(retry.Error);
            var next = events.First(e => e.JobId == id && e.At > retry.At && e.Kind != OrgWatchEventKind.Retrying);
            Assert.True(next.At - retry.At >= TimeSpan.FromSeconds(2), $"read again {(next.At - retry.At).TotalSeconds} s after the failure");
        }

        Assert.Equal([id], report.Closed.Select(e => e.JobId!));
        Assert.Single(events, e => e.EndsJob && e.Kind != OrgWatchEventKind.Stopped);
        Assert.Equal(BulkJobState.Closed, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchEventsAsync_JobReadFailsEveryTime_RetriedMaxConsecutiveFailuresTimesThenEndsWithTheFault()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(8, 20);
        await Harness.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1GetJob));
        var events = new List<OrgWatchEvent>();

        async Task ConsumeAsync()
        {
            await foreach (var e in Watcher(o => o.MaxConsecutiveFailures = 2).WatchEventsAsync(ct))
            {
                events.Add(e);
            }
        }

        var fault = await Assert.ThrowsAsync<SalesforceRestException>(() => Harness.AutoTime.RunAsync(ConsumeAsync().ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default)));

        // Two failures in a row are retried, the third ends the watch with it; the job is left as it is.
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, fault.StatusCode);
        var retries = events.Where(e => e.Kind == OrgWatchEventKind.Retrying).ToList();
        Assert.Equal(2, retries.Count);
        Assert.StartsWith($"Reading job {id} failed (2 in a row); trying again in 3 s: ", retries[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.EndsJob);
        await Harness.ClearFaultsAsync();
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_JobReadRefused_ReportedUnreadableAndLeftAsItIs()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(4, 10);
        await Harness.AddFaultAsync(EmulatorFault.Status(400, EmulatorRoutes.BulkV1GetJob) with { Message = "No read for you." });
        await Harness.ResetRequestsAsync();

        var events = new List<OrgWatchEvent>();

        var report = await Harness.AutoTime.RunAsync(Watcher().WatchAsync(new SynchronousProgress(events.Add), ct));

        // A refusal is not retried: no "trying again", and the job is dropped at its first look.
        Assert.DoesNotContain(events, e => e.Kind == OrgWatchEventKind.Retrying);
        Assert.Equal([OrgWatchEventKind.Seen, OrgWatchEventKind.Unreadable, OrgWatchEventKind.Stopped], events.Select(e => e.Kind));
        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.Unreadable, ended.Kind);
        Assert.Equal(id, ended.JobId);
        Assert.StartsWith($"Job {id} could not be read (ClientInputError): ", ended.Message, StringComparison.Ordinal);
        Assert.EndsWith(" It is left as it is and no longer followed.", ended.Message, StringComparison.Ordinal);
        Assert.Equal("ClientInputError", Assert.IsType<SalesforceRestException>(ended.Error).ErrorCode);
        Assert.Empty(report.Closed);
        Assert.Empty(report.StillWatched);
        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
        Assert.Equal(0, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        await Harness.ClearFaultsAsync();
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_CloseRefused_ReportedCloseFailedOnceAndLeftOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(4, 10);
        await Harness.AddFaultAsync(EmulatorFault.Status(400, EmulatorRoutes.BulkV1UpdateJob) with { Message = "Not today." });
        await Harness.ResetRequestsAsync();

        var report = await Harness.AutoTime.RunAsync(Watcher().WatchAsync(cancellationToken: ct));

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.CloseFailed, ended.Kind);
        Assert.StartsWith($"Every batch of job {id} has finished: 4 completed, 0 failed, 1 not processed. Closing it failed (ClientInputError): ", ended.Message, StringComparison.Ordinal);
        Assert.EndsWith(" It is left open and not tried again.", ended.Message, StringComparison.Ordinal);
        Assert.NotNull(ended.FinishedAt);
        Assert.Null(ended.Close);
        Assert.Empty(report.Closed);
        Assert.Equal(1, report.Count(OrgWatchEventKind.CloseFailed));
        Assert.Equal(1, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        await Harness.ClearFaultsAsync();
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchEventsAsync_CloseFailsTransiently_ReadAgainAfterTheBackOffAndClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(4, 10);
        await Harness.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1UpdateJob));
        var events = new List<OrgWatchEvent>();

        var report = await Harness.AutoTime.RunAsync(ConsumeAsync(events, async e =>
        {
            if (e.Kind == OrgWatchEventKind.Retrying)
            {
                await Harness.ClearFaultsAsync();
            }
        }));

        var retry = Assert.Single(events, e => e.Kind == OrgWatchEventKind.Retrying);
        Assert.StartsWith($"Closing job {id} failed (1 in a row); it is read again in 2 s: ", retry.Message, StringComparison.Ordinal);
        Assert.NotNull(retry.Error);
        var closed = Assert.Single(report.Closed);
        Assert.Equal(id, closed.JobId);
        Assert.Equal(OrgWatchEventKind.Closed, closed.Kind);
        Assert.True(closed.At - retry.At >= TimeSpan.FromSeconds(2), $"closed {(closed.At - retry.At).TotalSeconds} s after the failure");
        Assert.Single(report.Jobs);
        Assert.Equal(BulkJobState.Closed, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchEventsAsync_CloseUnansweredButLanded_ReportedAsThisWatchersCloseNotSomeoneElses()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(4, 10);
        await Harness.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1UpdateJob));
        var events = new List<OrgWatchEvent>();

        var report = await Harness.AutoTime.RunAsync(ConsumeAsync(events, async e =>
        {
            if (e.Kind == OrgWatchEventKind.Retrying)
            {
                // As if the close had reached Salesforce and only its answer was lost.
                await Harness.ClearFaultsAsync();
                await Harness.Client.CloseJobAsync(id, new CloseJobOptions { Api = BulkApi.V1 }, ct);
                await Harness.ResetRequestsAsync();
            }
        }));

        var ended = Assert.Single(report.Jobs);
        Assert.Equal(OrgWatchEventKind.Closed, ended.Kind);
        Assert.Equal(id, ended.JobId);
        Assert.Equal(CloseOutcome.Closed, ended.Close!.Outcome);
        Assert.Equal([id], report.Closed.Select(e => e.JobId!));
        Assert.DoesNotContain(events, e => e.Kind == OrgWatchEventKind.ClosedByOthers);
        Assert.Equal(0, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
    }

    [Fact]
    public async Task WatchAsync_SessionExpiresMidWatch_RenewedWithoutARetryAndClosedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(8, 20);
        await Harness.AddFaultAsync(EmulatorFault.ExpireSession(EmulatorRoutes.BulkV1GetJob) with { Count = 1 });
        await Harness.ResetRequestsAsync();
        var events = new List<OrgWatchEvent>();

        var report = await Harness.AutoTime.RunAsync(ConsumeAsync(events, _ => Task.CompletedTask));

        Assert.Equal([id], report.Closed.Select(e => e.JobId!));
        Assert.DoesNotContain(events, e => e.Kind == OrgWatchEventKind.Retrying);
        Assert.Equal(1, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
    }

    [Fact]
    public async Task WatchAsync_ExternalSessionExpires_EndsWithTheLoginFaultAndClosesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(4, 10);
        var token = (await Harness.Connection.GetSessionAsync(null, ct)).AccessToken;
        using var external = SalesforceConnection.FromExternalSession(Harness.Server.BaseUri, token);
        await Harness.AddFaultAsync(EmulatorFault.ExpireSession(EmulatorRoutes.BulkV1GetJob) with { Count = 1 });
        await Harness.ResetRequestsAsync();

        await Assert.ThrowsAsync<SalesforceLoginException>(() => Harness.AutoTime.RunAsync(Watcher(client: Harness.CreateClient(external)).WatchAsync(cancellationToken: ct)));

        Assert.Equal(0, await Harness.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_WatchEndsWithAFaultAfterClosingAJobInTheSameInterval_TheCloseIsStillReported()
    {
        var ct = TestContext.Current.CancellationToken;

        // Two jobs whose batches are all done: the first listing reads both and closes the first read; the second read
        // finds the external session expired, which ends the watch.
        string[] ids = [await SeedChunkedAsync(2, 5, ageSeconds: 7200), await SeedChunkedAsync(2, 5, ageSeconds: 7200)];
        var token = (await Harness.Connection.GetSessionAsync(null, ct)).AccessToken;
        using var external = SalesforceConnection.FromExternalSession(Harness.Server.BaseUri, token);
        await Harness.AddFaultAsync(EmulatorFault.ExpireSession(EmulatorRoutes.BulkV1GetJob) with { Every = 2, Count = 1 });
        var events = new List<OrgWatchEvent>();

        await Assert.ThrowsAsync<SalesforceLoginException>(() => Harness.AutoTime.RunAsync(Watcher(client: Harness.CreateClient(external)).WatchAsync(new SynchronousProgress(events.Add), ct)));

        var closedInOrg = new List<string>();
        foreach (var id in ids)
        {
            if ((await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State == BulkJobState.Closed)
            {
                closedInOrg.Add(id);
            }
        }

        var closed = Assert.Single(closedInOrg);
        Assert.Equal(OrgWatchEventKind.Closed, Assert.Single(events, e => e.JobId == closed && e.EndsJob).Kind);
        Assert.Equal(2, events.Count(e => e.Kind == OrgWatchEventKind.Seen));
    }

    [Fact]
    public async Task WatchAsync_FloorLeavesNoRoomForAReadAndAClose_StopsBeforeListing()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await SeedChunkedAsync(4, 10);
        await Harness.SetLimitsAsync("""{"DailyApiRequests":{"max":1000,"used":948}}""");

        // Reading the limits is the one request made: 51 left, and a read and a close would leave 49.
        var report = await Harness.AutoTime.RunAsync(Watcher(o => o.MinApiRemaining = ApiFloor.OfRequests(50)).WatchAsync(cancellationToken: ct));

        Assert.Equal(OrgWatchStopReason.SpendLimit, report.StopReason);
        Assert.Equal("another request would take the org below its floor of remaining API requests: the org has 51 of its 1000 daily API requests left and the floor is 50 (50 requests)", report.StopDetail);
        Assert.Equal(0, report.Listings);
        Assert.Empty(report.Jobs);
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
    }

    [Fact]
    public async Task WatchAsync_FloorLeavesRoomForOneRequestWithoutClosing_Lists()
    {
        var ct = TestContext.Current.CancellationToken;
        await Harness.SetLimitsAsync("""{"DailyApiRequests":{"max":1000,"used":948}}""");

        var report = await Harness.AutoTime.RunAsync(Watcher(o =>
        {
            o.CloseWhenDone = false;
            o.MinApiRemaining = ApiFloor.OfRequests(50);
        }).WatchAsync(cancellationToken: ct));

        // 51 left after reading the limits: one listing leaves the floor's 50.
        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
        Assert.Equal(1, report.Listings);
    }

    private async Task<OrgWatchReport> ConsumeAsync(List<OrgWatchEvent> events, Func<OrgWatchEvent, Task> react)
    {
        await foreach (var e in Watcher().WatchEventsAsync(TestContext.Current.CancellationToken))
        {
            events.Add(e);
            await react(e);
            if (e.Report is { } report)
            {
                return report;
            }
        }

        throw new InvalidOperationException("no report");
    }

    private async Task<string> SeedChunkedAsync(int chunks, double seconds, int ageSeconds = 0) => (await Harness.SeedClassicAsync(new Dictionary<string, object>
    {
        ["operation"] = "query",
        ["object"] = "Account",
        ["pkChunking"] = true,
        ["chunks"] = chunks,
        ["chunkDurationSeconds"] = seconds,
        ["ageSeconds"] = ageSeconds,
    }))[0];

    private sealed class SynchronousProgress(Action<OrgWatchEvent> report) : IProgress<OrgWatchEvent>
    {
        public void Report(OrgWatchEvent value) => report(value);
    }
}
