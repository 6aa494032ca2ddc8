using SfBulk.Emulator;
using System.Net;
using SfBulk.Authentication;

namespace SfBulk.Tests.Connection;

public sealed class SessionRefreshTests
{
    [Fact]
    public async Task SendAsync_BulkV1SessionIdleExpired_RefreshesOnceAndResends()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobId = await emulator.OpenJobAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.OK, (await connection.SendAsync(JobRequests.GetV1Job(jobId), ct)).StatusCode);
        emulator.ExpireByIdleTimeout();
        await emulator.ResetRequestsAsync();

        var response = await connection.SendAsync(JobRequests.GetV1Job(jobId), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
        Assert.Equal(2, await emulator.RequestsAsync(EmulatorRoutes.BulkV1GetJob));
    }

    [Fact]
    public async Task SendAsync_RestSessionExpiredThroughControlSurface_RefreshesAndResends()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.PasswordCredential()));
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await connection.SendAsync(JobRequests.ListV2Jobs(), ct)).StatusCode);
        await emulator.ExpireAllSessionsAsync();
        await emulator.ResetRequestsAsync();

        var response = await connection.SendAsync(JobRequests.ListV2Jobs(), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }

    [Fact]
    public async Task SendAsync_ConcurrentRequestsAfterExpiry_ShareExactlyOneLogin()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobId = await emulator.OpenJobAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        var ct = TestContext.Current.CancellationToken;
        await connection.ConnectAsync(ct);
        emulator.ExpireByIdleTimeout();
        await emulator.ResetRequestsAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            i % 2 == 0 ? connection.SendAsync(JobRequests.GetV1Job(jobId), ct) : connection.SendAsync(JobRequests.ListV2Jobs(), ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }

    [Fact]
    public async Task SendAsync_ConcurrentFirstRequests_LogInOnce()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => connection.SendAsync(JobRequests.ListV2Jobs(), ct)));

        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }

    [Fact]
    public async Task SendAsync_ExternalSessionExpired_ThrowsExternalSessionExpiredWithoutLogin()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobId = await emulator.OpenJobAsync();
        var session = await LoginAsync(emulator);
        using var connection = SalesforceConnection.FromExternalSession(emulator.BaseUri, session);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await connection.SendAsync(JobRequests.GetV1Job(jobId), ct)).StatusCode);
        emulator.ExpireByIdleTimeout();
        await emulator.ResetRequestsAsync();

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.SendAsync(JobRequests.GetV1Job(jobId), ct));

        Assert.Equal(SfBulkErrorCodes.ExternalSessionExpired, ex.ErrorCode);
        Assert.Contains("external session expired", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("cannot be refreshed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
        Assert.Equal(0, await emulator.RequestsAsync(EmulatorRoutes.SoapLogin));
        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.BulkV1GetJob));
    }

    [Fact]
    public async Task WithSession_NotExternalAndExpired_RefreshesThroughConnectionCredential()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var session = await LoginAsync(emulator);
        using var shared = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        using var perCall = shared.WithSession(emulator.BaseUri, session, externalSessionIdUsed: false);
        await emulator.ExpireAllSessionsAsync();
        await emulator.ResetRequestsAsync();

        var response = await perCall.SendAsync(JobRequests.ListV2Jobs(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }

    [Fact]
    public async Task WithSession_External_UsesGivenSessionWithoutLogin()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var session = await LoginAsync(emulator);
        using var shared = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        using var perCall = shared.WithSession(emulator.BaseUri, session, externalSessionIdUsed: true);
        await emulator.ResetRequestsAsync();

        var response = await perCall.SendAsync(JobRequests.ListV2Jobs(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
        Assert.False(perCall.CanRefreshSession);
    }

    /// <summary>Obtains a session the way another system would.</summary>
    internal static async Task<string> LoginAsync(TestEmulator emulator)
    {
        using var other = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials(), "other"));
        return (await other.GetSessionAsync(null, TestContext.Current.CancellationToken)).AccessToken;
    }
}
