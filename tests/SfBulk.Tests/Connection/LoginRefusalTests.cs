using System.Net;
using SfBulk.Authentication;
using SfBulk.Connection;
using SfBulk.Emulator;

namespace SfBulk.Tests.Connection;

/// <summary>Logins cannot lock a user out: a refused login is remembered, and a refused fresh session is not retried per request.</summary>
public sealed class LoginRefusalTests
{
    private const string ListV2JobsRoute = "GET /services/data/v{version}/jobs/ingest";

    [Fact]
    public async Task SendAsync_ClientSecretRefused_LaterCallsFailAtOnceWithSameExceptionAndNoLogin()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(new ClientCredentialsCredential(emulator.Options.ClientId, "not-the-secret")));
        var ct = TestContext.Current.CancellationToken;

        var first = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.SendAsync(JobRequests.ListV2Jobs(), ct));
        var second = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.SendAsync(JobRequests.ListV2Jobs(), ct));
        var third = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(ct));

        Assert.Equal("invalid_client", first.ErrorCode);
        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
        Assert.Equal(0, await emulator.RequestsAsync(ListV2JobsRoute));
    }

    [Fact]
    public async Task SendAsync_SoapPasswordRefused_OneLoginRequestForManyCalls()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(new SoapLoginCredential(emulator.Options.Username, "wrong-password")));
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 5; i++)
        {
            var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.SendAsync(JobRequests.ListV2Jobs(), ct));
            Assert.Equal("INVALID_LOGIN", ex.ErrorCode);
        }

        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.SoapLogin));
    }

    [Fact]
    public async Task WithSession_SharedCredentialRefused_PerCallConnectionsDoNotLogInAgain()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var shared = new SalesforceConnection(emulator.ConnectionOptions(new ClientCredentialsCredential(emulator.Options.ClientId, "not-the-secret")));
        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<SalesforceLoginException>(() => shared.ConnectAsync(ct));
        await emulator.ResetRequestsAsync();

        using var perCall = shared.WithSession(emulator.BaseUri, "00Dexpired!AQsession", externalSessionIdUsed: false);
        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => perCall.SendAsync(JobRequests.ListV2Jobs(), ct));

        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.Equal(0, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }

    [Fact]
    public async Task SendAsync_FreshSessionRefusedAgain_LaterCallsFailAtOnceWithoutLoginPerRequest()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync($$"""{"route":"{{ListV2JobsRoute}}","kind":"expireSession"}""");
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        var ct = TestContext.Current.CancellationToken;

        var first = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.SendAsync(JobRequests.ListV2Jobs(), ct));
        var logins = await emulator.RequestsAsync(EmulatorRoutes.OAuthToken);
        for (var i = 0; i < 4; i++)
        {
            Assert.Same(first, await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.SendAsync(JobRequests.ListV2Jobs(), ct)));
        }

        Assert.Equal(2, logins);
        Assert.Equal(2, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
        Assert.Equal(2, await emulator.RequestsAsync(ListV2JobsRoute));
    }

    [Fact]
    public async Task SendAsync_LoginServiceFailedOnce_IsNotRememberedAsRefusal()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.OAuthToken}}","kind":"status","status":500,"count":1}""");
        var options = emulator.ConnectionOptions(emulator.ClientCredentials());
        options.Retry = new SalesforceRetryOptions { Enabled = false };
        using var connection = new SalesforceConnection(options);
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.SendAsync(JobRequests.ListV2Jobs(), ct));
        var response = await connection.SendAsync(JobRequests.ListV2Jobs(), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }
}
