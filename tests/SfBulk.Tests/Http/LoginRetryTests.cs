using SfBulk.Emulator;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Http;

/// <summary>A login is sent again when the login service is busy or unreachable, never when it refuses.</summary>
public sealed class LoginRetryTests
{
    [Theory]
    [InlineData("""{"route":"POST /services/oauth2/token","kind":"status","status":503,"count":2}""", 3)]
    [InlineData("""{"route":"POST /services/oauth2/token","kind":"dropBefore","count":1}""", 2)]
    [InlineData("""{"route":"POST /services/oauth2/token","kind":"dropAfter","count":1}""", 2)]
    public async Task ConnectAsync_LoginServiceBusyOrUnreachable_LoginSentAgain(string fault, long expectedLogins)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync(fault);
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));

        await connection.ConnectAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expectedLogins, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }

    [Fact]
    public async Task ConnectAsync_LoginAnswers500_NotSentAgain()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync("""{"route":"POST /services/oauth2/token","kind":"status","status":500,"count":1}""");
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));

        await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }
}
