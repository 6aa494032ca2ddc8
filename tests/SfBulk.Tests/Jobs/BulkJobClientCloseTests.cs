using SfBulk.Emulator;
using System.Net;
using SfBulk.Models;

namespace SfBulk.Tests.Jobs;

public class BulkJobClientCloseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CloseJobAsync_OpenV1XmlJob_ReturnsClosedJobInfo()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.False(result.WasAlreadyInRequestedState);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(BulkApi.V1, result.Api);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
        Assert.Equal(created.Id, result.Job.Id);
        Assert.Equal(JobOperation.Insert, result.Job.Operation);
        Assert.Equal(JobContentType.Csv, result.Job.ContentType);
        Assert.Equal(created.CreatedDate, result.Job.CreatedDate);
    }

    [Fact]
    public async Task CloseJobAsync_FifteenCharacterId_ClosesTheJob()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();

        var result = await h.Client.CloseJobAsync(created.Id[..15], cancellationToken: Ct);

        Assert.Equal(BulkJobState.Closed, result.Job.State);
    }

    [Fact]
    public async Task CloseJobAsync_JsonJobWithDefaultXmlDialect_ClosesIt()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync("JSON");

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.Equal(JobContentType.Json, result.Job.ContentType);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
    }

    [Fact]
    public async Task CloseJobAsync_JsonDialect_ClosesXmlJob()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync("XML");

        var result = await h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Dialect = BulkDialect.Json, Api = BulkApi.V1 }, Ct);

        Assert.Equal(BulkJobState.Closed, result.Job.State);
    }

    [Fact]
    public async Task CloseJobAsync_AlreadyClosed_ReturnsAlreadyClosedSuccess()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        var second = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.AlreadyClosed, second.Outcome);
        Assert.True(second.WasAlreadyInRequestedState);
        Assert.Equal(BulkJobState.Closed, second.Job.State);
    }

    [Fact]
    public async Task AbortJobAsync_OpenJob_ReturnsAborted()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();

        var result = await h.Client.AbortJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Aborted, result.Outcome);
        Assert.Equal(BulkJobState.Aborted, result.Job.State);
    }

    [Fact]
    public async Task CloseJobAsync_AbortedJob_ReturnsAlreadyAborted()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV1JobAsync();
        await h.Client.AbortJobAsync(created.Id, cancellationToken: Ct);

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.AlreadyAborted, result.Outcome);
        Assert.False(result.WasAlreadyInRequestedState);
        Assert.Equal(BulkJobState.Aborted, result.Job.State);
    }

    [Fact]
    public async Task CloseJobAsync_V2IngestJob_SetsUploadComplete()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV2IngestJobAsync();

        var result = await h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Api = BulkApi.V2 }, Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.Equal(BulkApi.V2, result.Api);
        Assert.Equal(BulkJobState.UploadComplete, result.Job.State);
    }

    [Fact]
    public async Task AbortJobAsync_V2QueryJob_Aborts()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV2QueryJobAsync();

        var result = await h.Client.AbortJobAsync(created.Id, new CloseJobOptions { Api = BulkApi.V2 }, Ct);

        Assert.Equal(BulkJobState.Aborted, result.Job.State);
        Assert.Equal(BulkApi.V2, result.Api);
    }

    [Fact]
    public async Task CloseJobAsync_V2QueryJob_ThrowsClearError()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var created = await h.CreateV2QueryJobAsync();

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Api = BulkApi.V2 }, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidArgument, e.ErrorCode);
        Assert.Contains("query job", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseJobAsync_UnknownJob_ThrowsNotFoundWithSalesforceCode()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync("750D0000000002lIAA", cancellationToken: Ct));

        Assert.Equal("InvalidJob", e.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Contains("750D0000000002lIAA", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("751D0000000004rIAA")]
    [InlineData("750D0000000002lIAB")]
    public async Task CloseJobAsync_InvalidId_ThrowsArgumentExceptionBeforeAnyRequest(string id)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        await h.ResetRequestsAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CloseJobAsync(id, cancellationToken: Ct));

        Assert.Equal(0, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
    }

    [Fact]
    public async Task CloseJobAsync_NegativeTimeout_ThrowsArgumentOutOfRange()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            h.Client.CloseJobAsync("750D0000000002lIAA", new CloseJobOptions { Timeout = TimeSpan.FromSeconds(-1) }, Ct));
    }
}
