using SfBulk.Emulator;
using System.Net;
using SfBulk.Authentication;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Authentication;

public sealed class OAuthCredentialTests
{
    [Fact]
    public async Task ConnectAsync_PasswordFlowGood_ReturnsInstanceUrl()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.PasswordCredential()));

        Assert.Equal(emulator.BaseUri, await connection.ConnectAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConnectAsync_PasswordFlowWrongPassword_ThrowsInvalidGrant()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var credential = new UsernamePasswordCredential(emulator.Options.ClientId, emulator.Options.ClientSecret, emulator.Options.Username, "nope");
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(credential));

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("invalid_grant", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("authentication failure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_ClientCredentialsGood_ReturnsInstanceUrl()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));

        Assert.Equal(emulator.BaseUri, await connection.ConnectAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConnectAsync_ClientCredentialsWrongSecret_ThrowsInvalidClient()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(new ClientCredentialsCredential(emulator.Options.ClientId, "bad")));

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("invalid_client", ex.ErrorCode);
    }

    [Fact]
    public async Task ConnectAsync_ClientCredentialsWrongClientId_ThrowsInvalidClientId()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(new ClientCredentialsCredential("unknown-app", emulator.Options.ClientSecret)));

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("invalid_client_id", ex.ErrorCode);
        Assert.Contains("consumer key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_ClientCredentialsAtLoginSalesforceCom_RefusedBeforeSending()
    {
        using var connection = new SalesforceConnection(new SalesforceConnectionOptions { Credential = new ClientCredentialsCredential("id", "secret") });

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Contains("My Domain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_UnknownRefreshToken_ThrowsInvalidGrant()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(new RefreshTokenCredential(emulator.Options.ClientId, "5Aep-not-issued")));

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("invalid_grant", ex.ErrorCode);
    }

    [Fact]
    public async Task ConnectAsync_IssuedRefreshToken_LogsInAndRefreshesAfterExpiry()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var mint = await emulator.Http.PostAsync("_emulator/oauth/refresh-token", new StringContent("""{"username":"admin@sfbulk.test"}"""), TestContext.Current.CancellationToken);
        mint.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await mint.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var refreshToken = doc.RootElement.GetProperty("refresh_token").GetString()!;
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(new RefreshTokenCredential(emulator.Options.ClientId, refreshToken, emulator.Options.ClientSecret)));

        Assert.Equal(emulator.BaseUri, await connection.ConnectAsync(TestContext.Current.CancellationToken));
        await emulator.ExpireAllSessionsAsync();
        await emulator.ResetRequestsAsync();
        var response = await connection.SendAsync(JobRequests.ListV2Jobs(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }

    [Fact]
    public async Task ConnectAsync_ExternalSession_NoLoginRequest()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var session = await SessionRefreshTests.LoginAsync(emulator);
        await emulator.ResetRequestsAsync();
        using var connection = SalesforceConnection.FromExternalSession(emulator.BaseUri, session);

        var response = await connection.SendAsync(JobRequests.ListV2Jobs(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }
}
