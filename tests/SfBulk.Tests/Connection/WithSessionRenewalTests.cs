using SfBulk.Emulator;
using System.Net;

namespace SfBulk.Tests.Connection;

/// <summary>A per-call session is renewed through the shared connection only for the shared connection's own org.</summary>
public sealed class WithSessionRenewalTests
{
    private const string ListV2JobsRoute = "GET /services/data/v{version}/jobs/ingest";

    [Fact]
    public async Task WithSession_ExpiredSessionOfAnotherHost_NotRenewedWithSharedCredentials()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var session = await SessionRefreshTests.LoginAsync(emulator);
        using var shared = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        var otherHost = new UriBuilder(emulator.BaseUri) { Host = "localhost" }.Uri;
        using var perCall = shared.WithSession(otherHost, session, externalSessionIdUsed: false);
        await emulator.ExpireAllSessionsAsync();
        await emulator.ResetRequestsAsync();
        var ct = TestContext.Current.CancellationToken;

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => perCall.SendAsync(JobRequests.ListV2Jobs(), ct));

        Assert.Equal(SfBulkErrorCodes.ExternalSessionExpired, ex.ErrorCode);
        Assert.Contains("never lends", ex.Message, StringComparison.Ordinal);
        Assert.Contains("http://localhost:", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await emulator.RequestsAsync(ListV2JobsRoute));
    }

    [Fact]
    public async Task WithSession_ExpiredSessionOfSameHost_RenewedThroughSharedSessionWithoutSecondLogin()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var session = await SessionRefreshTests.LoginAsync(emulator);
        using var shared = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        var ct = TestContext.Current.CancellationToken;
        await emulator.ExpireAllSessionsAsync();
        await shared.ConnectAsync(ct);
        await emulator.ResetRequestsAsync();

        using var first = shared.WithSession(emulator.BaseUri, session, externalSessionIdUsed: false);
        using var second = shared.WithSession(emulator.BaseUri, session, externalSessionIdUsed: false);
        Assert.Equal(HttpStatusCode.OK, (await first.SendAsync(JobRequests.ListV2Jobs(), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.SendAsync(JobRequests.ListV2Jobs(), ct)).StatusCode);

        Assert.Equal(0, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }
}
