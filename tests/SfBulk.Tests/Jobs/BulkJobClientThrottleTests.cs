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
        await using var h = await JobsHarness.StartAsync();
        var created = await h.CreateV1JobAsync();
        await h.Emulator.AddFaultAsync(Throttle.Replace("COUNT", "1", StringComparison.Ordinal));
        await h.Emulator.ResetCountsAsync();

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.False(result.WasAlreadyInRequestedState);
        Assert.Equal(2, await h.Emulator.CountAsync(JobsHarness.V1CloseRoute));
        Assert.Equal(0, await h.Emulator.CountAsync(EmulatorHarness.V1JobRoute));
    }

    [Fact]
    public async Task CloseJobAsync_ThrottledLongerThanConnectionRetries_NextCloseAttemptCloses()
    {
        await using var h = await JobsHarness.StartAsync();
        var created = await h.CreateV1JobAsync();
        await h.Emulator.AddFaultAsync(Throttle.Replace("COUNT", "6", StringComparison.Ordinal));

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
    }

    [Fact]
    public async Task CloseJobAsync_DailyLimitExhausted_FailsWithoutSendingAgain()
    {
        await using var h = await JobsHarness.StartAsync();
        var created = await h.CreateV1JobAsync();
        await h.Emulator.AddFaultAsync("""{"route":"POST /services/async/{version}/job/{jobId}","kind":"requestLimitExceeded","errorCode":"REQUEST_LIMIT_EXCEEDED","count":5}""");
        await h.Emulator.ResetCountsAsync();

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, cancellationToken: Ct));

        Assert.Equal("REQUEST_LIMIT_EXCEEDED", e.ErrorCode);
        Assert.Equal(1, await h.Emulator.CountAsync(JobsHarness.V1CloseRoute));
    }

    [Fact]
    public async Task CloseJobAsync_NoAnswerButClosed_ReadsInsteadOfSendingAgain()
    {
        await using var h = await JobsHarness.StartAsync();
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(JobsHarness.V1CloseRoute, "dropAfter");
        await h.Emulator.ResetCountsAsync();

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.True(result.WasAlreadyInRequestedState);
        Assert.Equal(1, await h.Emulator.CountAsync(JobsHarness.V1CloseRoute));
        Assert.Equal(1, await h.Emulator.CountAsync(EmulatorHarness.V1JobRoute));
    }
}
