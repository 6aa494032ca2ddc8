using SfBulk.Emulator;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SfBulk.Http;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Http;

public sealed class RetryTests
{
    private const string V1PostRoute = "POST /services/async/{version}/job/{jobId}";

    private static ApiRequest CloseV1Job(string jobId) => new(
        HttpMethod.Post,
        "services/async/66.0/job/" + jobId,
        ApiFamily.BulkV1,
        Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><state>Closed</state></jobInfo>"),
        "application/xml; charset=UTF-8",
        "application/xml");

    [Fact]
    public async Task SendAsync_GetHitsTwo503s_RetriedUntilSuccess()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobId = await emulator.OpenJobAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        await connection.ConnectAsync(TestContext.Current.CancellationToken);
        await emulator.AddFaultAsync("""{"route":"GET /services/async/{version}/job/{jobId}","kind":"status","status":503,"count":2}""");

        var response = await connection.SendAsync(JobRequests.GetV1Job(jobId), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, await emulator.RequestsAsync(EmulatorRoutes.BulkV1GetJob));
    }

    [Fact]
    public async Task SendAsync_GetConnectionDroppedOnce_RetriedUntilSuccess()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        await connection.ConnectAsync(TestContext.Current.CancellationToken);
        await emulator.AddFaultAsync("""{"route":"GET /services/data/v{version}/jobs/ingest","kind":"dropBefore","count":1}""");

        var response = await connection.SendAsync(JobRequests.ListV2Jobs(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SendAsync_Get503Persistent_ReturnsLast503AfterMaxRetries()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobId = await emulator.OpenJobAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        await connection.ConnectAsync(TestContext.Current.CancellationToken);
        await emulator.AddFaultAsync("""{"route":"GET /services/async/{version}/job/{jobId}","kind":"status","status":503}""");

        var response = await connection.SendAsync(JobRequests.GetV1Job(jobId), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(4, await emulator.RequestsAsync(EmulatorRoutes.BulkV1GetJob));
    }

    [Fact]
    public async Task SendAsync_CloseHits503_NotReplayed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobId = await emulator.OpenJobAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        await connection.ConnectAsync(TestContext.Current.CancellationToken);
        await emulator.AddFaultAsync("""{"route":"POST /services/async/{version}/job/{jobId}","kind":"status","status":503,"count":1}""");

        var response = await connection.SendAsync(CloseV1Job(jobId), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, await emulator.RequestsAsync(V1PostRoute));
    }

    [Fact]
    public async Task SendAsync_CloseConnectionDroppedAfterProcessing_ThrowsNetworkErrorWithoutReplay()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobId = await emulator.OpenJobAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        await connection.ConnectAsync(TestContext.Current.CancellationToken);
        await emulator.AddFaultAsync("""{"route":"POST /services/async/{version}/job/{jobId}","kind":"dropAfter","count":1}""");

        var ex = await Assert.ThrowsAsync<SalesforceRestException>(() => connection.SendAsync(CloseV1Job(jobId), TestContext.Current.CancellationToken));

        Assert.Equal(SfBulkErrorCodes.NetworkError, ex.ErrorCode);
        Assert.Equal("POST", ex.RequestMethod);
        Assert.NotNull(ex.InnerException);
        Assert.Equal(1, await emulator.RequestsAsync(V1PostRoute));
    }

    [Fact]
    public async Task SendAsync_RetriesDisabled_GetNotRetried()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobId = await emulator.OpenJobAsync();
        var options = emulator.ConnectionOptions(emulator.ClientCredentials());
        options.Retry.Enabled = false;
        using var connection = new SalesforceConnection(options);
        await connection.ConnectAsync(TestContext.Current.CancellationToken);
        await emulator.AddFaultAsync("""{"route":"GET /services/async/{version}/job/{jobId}","kind":"status","status":503,"count":1}""");

        var response = await connection.SendAsync(JobRequests.GetV1Job(jobId), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.BulkV1GetJob));
    }

    [Fact]
    public async Task SendAsync_RetryAfterHeader_WaitHonoured()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var options = emulator.ConnectionOptions(emulator.ClientCredentials());
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        using var connection = new SalesforceConnection(options);
        await connection.ConnectAsync(TestContext.Current.CancellationToken);
        await emulator.AddFaultAsync("""{"route":"GET /services/data/v{version}/jobs/ingest","kind":"status","status":429,"count":1,"retryAfterSeconds":1}""");

        var watch = Stopwatch.StartNew();
        var response = await connection.SendAsync(JobRequests.ListV2Jobs(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {watch.Elapsed}");
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsNetworkErrorWithMethodUrlAndInner()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = new Uri($"http://127.0.0.1:{port}/");
        using var connection = SalesforceConnection.FromExternalSession(url, "00Dx!token");

        var ex = await Assert.ThrowsAsync<SalesforceRestException>(() => connection.SendAsync(JobRequests.GetV1Job("750000000000001AAA", idempotent: false), TestContext.Current.CancellationToken));

        Assert.Equal(SfBulkErrorCodes.NetworkError, ex.ErrorCode);
        Assert.Equal("GET", ex.RequestMethod);
        Assert.Equal(new Uri(url, "services/async/66.0/job/750000000000001AAA"), ex.RequestUri);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Null(ex.StatusCode);
    }
}
