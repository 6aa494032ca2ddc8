using SfBulk.Emulator;
using SfBulk.Models;

namespace SfBulk.Tests.Jobs;

public class BulkJobClientResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CloseJobAsync_ConnectionDroppedAfterClose_ReadsJobAndSucceeds()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "dropAfter");

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.True(result.WasAlreadyInRequestedState);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
    }

    [Fact]
    public async Task CloseJobAsync_ConnectionDroppedBeforeClose_SendsAgainAndCloses()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "dropBefore");

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.False(result.WasAlreadyInRequestedState);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task CloseJobAsync_ServerErrorOnce_SendsAgainWithoutReading()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "status", status: 500);
        await h.ResetRequestsAsync();

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(2, result.Attempts);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
        Assert.Equal(0, await h.RequestsAsync(EmulatorRoutes.BulkV1GetJob));
    }

    [Fact]
    public async Task CloseJobAsync_ServerErrorEveryTime_ThrowsAfterMaxAttempts()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.MaxCloseAttempts = 2));
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "status", status: 503, count: 10);

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, cancellationToken: Ct));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal(2, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
    }

    [Fact]
    public async Task CloseJobAsync_TimeoutElapses_ThrowsSalesforceTimeoutException()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.TimeProvider = TimeProvider.System));
        var created = await h.CreateV1JobAsync();
        await h.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "latency", latencyMs: 3000);

        var e = await Assert.ThrowsAsync<SalesforceTimeoutException>(() =>
            h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Timeout = TimeSpan.FromMilliseconds(200) }, Ct));

        Assert.Equal(TimeSpan.FromMilliseconds(200), e.Timeout);
        Assert.Equal(SalesforceTimeoutException.TimeoutErrorCode, e.ErrorCode);
    }

    [Fact]
    public async Task CloseJobAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.CloseJobAsync(created.Id, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task CloseJobAsync_ZeroTimeout_ThrowsTimeoutWithoutClosing()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();

        await Assert.ThrowsAsync<SalesforceTimeoutException>(() =>
            h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Timeout = TimeSpan.Zero }, Ct));

        Assert.Equal(BulkJobState.Open, (await h.Client.GetJobAsync(created.Id, cancellationToken: Ct)).State);
    }
}
