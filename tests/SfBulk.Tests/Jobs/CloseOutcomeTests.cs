using SfBulk.Emulator;
using System.Net;
using System.Threading.Channels;
using SfBulk.Models;
using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Jobs;

/// <summary>
/// How a close or abort ends, told exactly: an abort confirmed by reading the job is an abort, a refused close of a
/// Failed job is a failure (not "already closed"), the back-off between attempts really waits, and the rarer paths
/// (a JSON job closed in XML, no answer to any attempt, a 5xx when the job is re-read) end as they should.
/// </summary>
public sealed class CloseOutcomeTests
{
    private const string V1GetRoute = "GET /services/async/{version}/job/{jobId}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AbortJobAsync_NoAnswerButDone_AbortedByThisCallAfterReadingTheJob()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "dropAfter");

        var result = await h.Client.AbortJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Aborted, result.Outcome);
        Assert.True(result.WasAlreadyInRequestedState);
        Assert.Equal(BulkJobState.Aborted, result.Job.State);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
    }

    [Fact]
    public async Task CloseJobAsync_FailedJob_ThrowsTheRefusalNotAlreadyClosed()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Watch());
        var id = (await h.SeedClassicAsync(new { state = "Failed" }))[0];

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(id, cancellationToken: Ct));

        Assert.Equal("InvalidJobState", e.ErrorCode);
        Assert.Equal(BulkJobState.Failed, (await h.Client.GetJobAsync(id, BulkApi.V1, Ct)).State);
    }

    [Fact]
    public async Task AbortJobAsync_AbortedJob_AlreadyAborted()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Watch());
        var id = (await h.SeedClassicAsync(new { state = "Aborted" }))[0];

        var result = await h.Client.AbortJobAsync(id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.AlreadyAborted, result.Outcome);
        Assert.True(result.WasAlreadyInRequestedState);
    }

    [Fact]
    public async Task CloseJobAsync_ServerErrors_WaitsTheBackOffBeforeEachNewAttempt()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.CloseRetryDelay = TimeSpan.FromSeconds(1)));
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "status", 503, count: 2);
        await h.ResetRequestsAsync();
        var start = h.Time.GetUtcNow();

        var close = h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        var second = await AdvanceUntilAsync(h, 2, close);
        var third = await AdvanceUntilAsync(h, 3, close);
        var result = await close;
        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.Equal(3, result.Attempts);
        Assert.True(second - start >= TimeSpan.FromSeconds(1), $"second attempt {second - start} after the first: no back-off");
        // Measured from the start: each attempt is seen at most one clock step (100 ms) after it was sent, so the gap
        // between two sightings can look shorter than the back-off; the time since the start cannot.
        Assert.True(third - start >= TimeSpan.FromSeconds(3), $"third attempt {third - start} after the first: the back-off does not double (1 s, then 2 s)");
    }

    [Fact]
    public async Task CloseJobAsync_ClosedJsonJobInXml_SaysItAgainInJsonAndReportsAlreadyClosed()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync("JSON");
        await h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Dialect = BulkDialect.Json, Api = BulkApi.V1 }, Ct);
        await h.ResetRequestsAsync();

        var result = await h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Dialect = BulkDialect.Xml, Api = BulkApi.V1 }, Ct);

        Assert.Equal(CloseOutcome.AlreadyClosed, result.Outcome);
        Assert.True(result.WasAlreadyInRequestedState);
        Assert.Equal(JobContentType.Json, result.Job.ContentType);
        Assert.Equal(2, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob)); // in XML, then in JSON
    }

    [Fact]
    public async Task CloseJobAsync_NoAnswerToAnyAttempt_ThrowsNetworkErrorWithEveryAttemptCounted()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "dropBefore", count: 100);

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, cancellationToken: Ct));

        Assert.Equal(SfBulkErrorCodes.NetworkError, e.ErrorCode);
        Assert.Equal(3, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(BulkJobState.Open, (await h.Client.GetJobAsync(created.Id, cancellationToken: Ct)).State);
    }

    [Fact]
    public async Task CloseJobAsync_NoAnswerThenServerErrorOnReRead_SendsAgainAndReportsClosed()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "dropAfter");
        await h.AddFaultAsync(V1GetRoute, "status", 500, count: 4); // the read and its 3 retries
        await h.ResetRequestsAsync();

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.True(result.WasAlreadyInRequestedState);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
    }

    [Fact]
    public async Task CloseJobAsync_Http500EveryAttempt_ThrowsTheServerErrorAfterEveryAttempt()
    {
        // A plain 500 is a passing failure like a 503: sent again, not taken as Salesforce's refusal.
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "status", 500, count: 3);

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.Equal(3, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
    }

    [Fact]
    public async Task CloseJobAsync_ServerErrors_WaitsExactlyTheDelayThenTwiceIt()
    {
        // The client's clock is watched: each wait it starts is seen with its length, and time moves only by it.
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var clock = new WatchedClock(h.Time);
        var client = new BulkJobClient(h.Connection, new BulkJobClientOptions { CloseRetryDelay = TimeSpan.FromSeconds(1), TimeProvider = clock });
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "status", 503, count: 2);

        var close = client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextWaitAsync());
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(2), await clock.NextWaitAsync());
        h.Time.Advance(TimeSpan.FromSeconds(2));
        var result = await close.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.Equal(3, result.Attempts);
    }

    [Fact]
    public async Task CloseJobAsync_ServerErrorAskingToRetryLater_WaitsWhatItAsksNotTheShorterBackOff()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.CloseRetryDelay = TimeSpan.FromSeconds(1)));
        var created = await h.CreateV1JobAsync();
        await AddServerErrorAsync(h, retryAfterSeconds: 5);
        var start = h.Time.GetUtcNow();

        var close = h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        var second = await AdvanceUntilAsync(h, 2, close);
        var result = await close;
        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.Equal(2, result.Attempts);
        Assert.True(second - start >= TimeSpan.FromSeconds(5), $"second attempt {second - start} after the first: Retry-After: 5 not honoured");
    }

    [Fact]
    public async Task CloseJobAsync_RetryAfterShorterThanTheBackOff_WaitsTheBackOff()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.CloseRetryDelay = TimeSpan.FromSeconds(3)));
        var created = await h.CreateV1JobAsync();
        await AddServerErrorAsync(h, retryAfterSeconds: 1);
        var start = h.Time.GetUtcNow();

        var close = h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        var second = await AdvanceUntilAsync(h, 2, close);
        Assert.Equal(CloseOutcome.Closed, (await close).Outcome);
        Assert.True(second - start >= TimeSpan.FromSeconds(3), $"second attempt {second - start} after the first: shorter than the back-off");
    }

    [Fact]
    public async Task CloseJobAsync_RetryAfterOfMinutes_WaitsThirtySecondsAtMost()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.CloseRetryDelay = TimeSpan.FromSeconds(1)));
        var created = await h.CreateV1JobAsync();
        await AddServerErrorAsync(h, retryAfterSeconds: 600);
        var start = h.Time.GetUtcNow();

        var close = h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        var second = await AdvanceUntilAsync(h, 2, close);
        Assert.Equal(CloseOutcome.Closed, (await close).Outcome);
        Assert.True(second - start >= TimeSpan.FromSeconds(30), $"second attempt {second - start} after the first: shorter than 30 s");
        Assert.True(second - start < TimeSpan.FromSeconds(50), $"second attempt {second - start} after the first: Retry-After not capped at 30 s");
    }

    [Fact]
    public async Task CloseJobAsync_ClosedJsonJobInXml_SaysItAgainInJsonAtOnce()
    {
        // The switch to JSON is no retry: it does not wait the back-off (the clock never moves here).
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.CloseRetryDelay = TimeSpan.FromMinutes(10)));
        var created = await h.CreateV1JobAsync("JSON");
        await h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Dialect = BulkDialect.Json, Api = BulkApi.V1 }, Ct);
        await h.ResetRequestsAsync();

        var result = await h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Dialect = BulkDialect.Xml, Api = BulkApi.V1 }, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(CloseOutcome.AlreadyClosed, result.Outcome);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob)); // in XML, then in JSON
    }

    [Fact]
    public async Task CloseJobAsync_OneAttemptAllowedAndNoAnswer_ReadsTheJobOnceAndFailsWithoutSendingAgain()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.MaxCloseAttempts = 1));
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "dropBefore", count: 100);
        await h.ResetRequestsAsync();

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, cancellationToken: Ct));

        Assert.Equal(SfBulkErrorCodes.NetworkError, e.ErrorCode);
        Assert.Null(e.StatusCode);
        Assert.Equal("POST", e.RequestMethod);
        Assert.Equal(1, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(1, await h.RequestsAsync(V1GetRoute));
    }

    [Theory]
    [InlineData(BulkApi.Auto, "No Bulk API job ")]
    [InlineData(BulkApi.V2, "No Bulk API 2.0 job ")]
    public async Task CloseJobAsync_NoSuchJob_SaysNoJobWasFoundOnAnyRoute(BulkApi api, string start)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync("750R0000000zzzz", new CloseJobOptions { Api = api }, Ct));

        Assert.StartsWith(start + "750R0000000zzzz", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await h.RequestsAsync(EmulatorRoutes.BulkV2GetIngestJob)); // the 2.0 404 is taken as it is, without a read
    }

    [Fact]
    public async Task CloseJobAsync_ClosedJsonJobInJson_OneRequest()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync("JSON");
        await h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Dialect = BulkDialect.Json, Api = BulkApi.V1 }, Ct);
        await h.ResetRequestsAsync();

        var result = await h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Dialect = BulkDialect.Json, Api = BulkApi.V1 }, Ct);

        Assert.Equal(CloseOutcome.AlreadyClosed, result.Outcome);
        Assert.Equal(1, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
    }

    [Fact]
    public async Task CloseJobAsync_TimeoutOfTheLongestAllowed_Closes()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();

        var result = await h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Timeout = CloseJobOptions.MaxTimeout }, Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
    }

    [Theory]
    [InlineData(true, "Aborting job ")]
    [InlineData(false, "Closing job ")]
    public async Task ChangeState_NoAnswerWithinTheTimeout_TimeoutNamesWhatWasAsked(bool abort, string start)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "latency", count: 1, latencyMs: 60_000);
        var options = new CloseJobOptions { Timeout = TimeSpan.FromSeconds(1) };

        var change = abort ? h.Client.AbortJobAsync(created.Id, options, Ct) : h.Client.CloseJobAsync(created.Id, options, Ct);
        while (await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob) == 0)
        {
            await Task.Delay(20, Ct);
        }

        h.Time.Advance(TimeSpan.FromSeconds(2));
        var e = await Assert.ThrowsAsync<SalesforceTimeoutException>(() => change.WaitAsync(TimeSpan.FromSeconds(30), Ct));

        Assert.StartsWith(start + created.Id, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseJobAsync_ServerErrorOnTheOnlyAttemptToAnAbortedJob_ReadsItAndReportsAlreadyAborted()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.MaxCloseAttempts = 1));
        var created = await h.CreateV1JobAsync();
        await h.Client.AbortJobAsync(created.Id, cancellationToken: Ct);
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "status", 503);

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.AlreadyAborted, result.Outcome);
        Assert.False(result.WasAlreadyInRequestedState);
        Assert.Equal(BulkJobState.Aborted, result.Job.State);
    }

    [Fact]
    public async Task CloseJobAsync_QueryJobWhoseReadIsRefused_ThrowsTheRefusalNotNotFound()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV2QueryJobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV2GetQueryJob, "status", 400);

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Api = BulkApi.V2 }, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.DoesNotContain("No Bulk API 2.0 job", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseJobAsync_NoAnswerAndTheReadRefused_ThrowsTheReadsRefusal()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "dropBefore");
        await h.AddFaultAsync(V1GetRoute, "status", 400);

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal(BulkJobState.Open, (await h.Client.GetJobAsync(created.Id, cancellationToken: Ct)).State);
    }

    [Fact]
    public async Task CloseJobAsync_V1RouteAnswersAV2JobUnchanged_SaysInWhichStateItWasLeft()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new SfBulk.Emulator.Fidelity.EmulatorVariants { V1RouteForV2Job = SfBulk.Emulator.Fidelity.V1RouteForV2Job.JobInfo }));
        var created = await h.CreateV2IngestJobAsync();

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Api = BulkApi.V1 }, Ct));

        Assert.Contains("with the job in state Open: it was not changed", e.Message, StringComparison.Ordinal);
        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
    }

    [Fact]
    public async Task CloseJobAsync_FailedV2IngestJob_RefusalStandsWithoutAskingTheQueryRoute()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var id = (await h.SeedV2Async(new { kind = "V2Ingest", state = "Failed" }))[0];

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(id, new CloseJobOptions { Api = BulkApi.V2 }, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal(0, await h.RequestsAsync(EmulatorRoutes.BulkV2GetQueryJob));
        Assert.Equal(0, await h.RequestsAsync(EmulatorRoutes.BulkV2UpdateQueryJob));
    }

    [Fact]
    public async Task CloseJobAsync_FailedV1Job_RefusalStandsWithoutAskingTheV2Routes()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var id = (await h.SeedClassicAsync(new { state = "Failed", batches = 1 }))[0];

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(id, cancellationToken: Ct));

        Assert.Equal("InvalidJobState", e.ErrorCode);
        Assert.Equal(0, await h.RequestsAsync(EmulatorRoutes.BulkV2UpdateIngestJob));
        Assert.Equal(0, await h.RequestsAsync(EmulatorRoutes.BulkV2GetQueryJob));
    }

    private static Task AddServerErrorAsync(TestEmulator h, int retryAfterSeconds) => h.AddFaultAsync(
        $"{{\"route\":\"{EmulatorRoutes.BulkV1UpdateJob}\",\"kind\":\"status\",\"status\":503,\"count\":1,\"retryAfterSeconds\":{retryAfterSeconds}}}");

    /// <summary>
    /// Moves the fake clock forward in small steps until the close route has seen <paramref name="requests"/>
    /// requests; returns the fake time then.
    /// </summary>
    private static async Task<DateTimeOffset> AdvanceUntilAsync(TestEmulator h, int requests, Task close)
    {
        for (var step = 0; step < 600; step++)
        {
            if (await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob) >= requests)
            {
                return h.Time.GetUtcNow();
            }

            Assert.False(close.IsCompleted, "the close ended before attempt " + requests + ": " + close.Exception?.InnerException?.Message);
            await Task.Delay(20, Ct);
            h.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException("attempt " + requests + " never came");
    }
    /// <summary>A clock over the fake one that reports every wait started on it (its length), in order.</summary>
    private sealed class WatchedClock(TimeProvider inner) : TimeProvider
    {
        private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                _waits.Writer.TryWrite(dueTime);
            }

            return inner.CreateTimer(callback, state, dueTime, period);
        }

        public async Task<TimeSpan> NextWaitAsync() => await _waits.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }
}
