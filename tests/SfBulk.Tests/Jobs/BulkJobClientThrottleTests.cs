using SfBulk.Emulator;
using SfBulk.Models;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Jobs;

/// <summary>Closes refused for throttling (not carried out, so sent again) and the probe after an unanswered close.</summary>
public sealed class BulkJobClientThrottleTests
{
    private const string Throttle =
        """{"route":"POST /services/async/{version}/job/{jobId}","kind":"requestLimitExceeded","errorCode":"REQUEST_LIMIT_EXCEEDED","message":"ConcurrentPerOrgLongTxn Limit exceeded.","retryAfterSeconds":0,"count":COUNT}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CloseJobAsync_ThrottledOnce_SentAgainAndClosed()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(Throttle.Replace("COUNT", "1", StringComparison.Ordinal));
        await h.ResetRequestsAsync();

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.False(result.WasAlreadyInRequestedState);
        Assert.Equal(2, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(0, await h.RequestsAsync(EmulatorRoutes.BulkV1GetJob));
    }

    [Fact]
    public async Task CloseJobAsync_ThrottledLongerThanConnectionRetries_NextCloseAttemptCloses()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(Throttle.Replace("COUNT", "6", StringComparison.Ordinal));

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
    }

    [Fact]
    public async Task CloseJobAsync_DailyLimitExhausted_FailsWithoutSendingAgain()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync("""{"route":"POST /services/async/{version}/job/{jobId}","kind":"requestLimitExceeded","errorCode":"REQUEST_LIMIT_EXCEEDED","count":5}""");
        await h.ResetRequestsAsync();

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, cancellationToken: Ct));

        Assert.Equal("REQUEST_LIMIT_EXCEEDED", e.ErrorCode);
        Assert.Equal(1, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
    }

    [Fact]
    public async Task CloseJobAsync_NoAnswerButClosed_ReadsInsteadOfSendingAgain()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "dropAfter");
        await h.ResetRequestsAsync();

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.True(result.WasAlreadyInRequestedState);
        Assert.Equal(1, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(1, await h.RequestsAsync(EmulatorRoutes.BulkV1GetJob));
    }
}
