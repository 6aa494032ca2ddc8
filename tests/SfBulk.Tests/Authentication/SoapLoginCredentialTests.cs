using SfBulk.Emulator;
using System.Net;
using SfBulk.Authentication;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Authentication;

public sealed class SoapLoginCredentialTests
{
    [Fact]
    public async Task ConnectAsync_GoodPasswordAndToken_LogsInAt64AndSessionWorksWithBulkV1At66()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.SecurityToken = "TOKEN123");
        var jobId = await emulator.OpenJobAsync();
        var credential = new SoapLoginCredential(emulator.Options.Username, emulator.Options.Password, "TOKEN123");
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(credential));
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(emulator.BaseUri, await connection.ConnectAsync(ct));
        var response = await connection.SendAsync(JobRequests.GetV1Job(jobId), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("66.0", connection.ApiVersion);
        Assert.Equal(SoapLoginCredential.DefaultLoginApiVersion, credential.LoginApiVersion);
        Assert.Equal(1, await emulator.RequestsAsync(EmulatorRoutes.SoapLogin));
    }

    [Fact]
    public async Task ConnectAsync_WrongPassword_ThrowsLoginExceptionWithInvalidLogin()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(new SoapLoginCredential(emulator.Options.Username, "wrong")));

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("INVALID_LOGIN", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("security token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_LoginVersion65_ThrowsUnsupportedApiVersionWithAdvice()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var credential = new SoapLoginCredential(emulator.Options.Username, emulator.Options.Password, loginApiVersion: "65.0");
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(credential));

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("UNSUPPORTED_API_VERSION", ex.ErrorCode);
        Assert.Contains("OAuth", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_BulkV1Expiry_SoapLoginRepeated()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobId = await emulator.OpenJobAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(new SoapLoginCredential(emulator.Options.Username, emulator.Options.Password)));
        var ct = TestContext.Current.CancellationToken;
        await connection.SendAsync(JobRequests.GetV1Job(jobId), ct);
        await emulator.ExpireAllSessionsAsync();

        var response = await connection.SendAsync(JobRequests.GetV1Job(jobId), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await emulator.RequestsAsync(EmulatorRoutes.SoapLogin));
    }
}
