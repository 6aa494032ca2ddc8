using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SfBulk.Authentication;
using SfBulk.Connection;
using SfBulk.Emulator;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Authentication;

public sealed class JwtBearerCredentialTests
{
    private static (string PrivateKeyPem, string CertificatePem) CreateKeyAndCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=sfbulk-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (rsa.ExportPkcs8PrivateKeyPem(), certificate.ExportCertificatePem());
    }

    [Fact]
    public async Task ConnectAsync_KeyMatchesUploadedCertificate_LogsIn()
    {
        var (key, certificate) = CreateKeyAndCertificate();
        await using var emulator = await TestEmulator.StartAsync(o => o.JwtCertificatePem = certificate);
        var credential = JwtBearerCredential.FromPrivateKey(emulator.Options.ClientId, emulator.Options.Username, key);
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(credential));
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(emulator.BaseUri, await connection.ConnectAsync(ct));
        Assert.Equal(HttpStatusCode.OK, (await connection.SendAsync(JobRequests.ListV2Jobs(), ct)).StatusCode);
    }

    [Fact]
    public async Task ConnectAsync_LoginRetriedAfterAssertionExpired_SignsFreshAssertion()
    {
        var (key, certificate) = CreateKeyAndCertificate();
        await using var emulator = await TestEmulator.StartAsync(o => o.JwtCertificatePem = certificate);
        await emulator.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.OAuthToken}}","kind":"status","status":503,"count":1}""");
        var options = emulator.ConnectionOptions(JwtBearerCredential.FromPrivateKey(emulator.Options.ClientId, emulator.Options.Username, key));
        options.TimeProvider = emulator.Time;
        options.Retry = new SalesforceRetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };

        // The busy login service answers the first attempt after 4 minutes: the first assertion has expired by the retry.
        using var client = new HttpClient(new ClockAdvancingHandler(emulator.Time, TimeSpan.FromMinutes(4)));
        using var connection = new SalesforceConnection(options, null, () => client, null);

        Assert.Equal(emulator.BaseUri, await connection.ConnectAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, await emulator.RequestsAsync(EmulatorRoutes.OAuthToken));
    }

    /// <summary>Passes requests to the emulator; the clock moves on by <paramref name="advance"/> during the first one.</summary>
    private sealed class ClockAdvancingHandler(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, TimeSpan advance) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _requests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (Interlocked.Increment(ref _requests) == 1)
            {
                time.Advance(advance);
            }

            return response;
        }
    }

    [Fact]
    public async Task ConnectAsync_KeyFile_ReadAtLogin()
    {
        var (key, certificate) = CreateKeyAndCertificate();
        var file = Path.Combine(Path.GetTempPath(), "sfbulk-jwt-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(file, key, TestContext.Current.CancellationToken);
        try
        {
            await using var emulator = await TestEmulator.StartAsync(o => o.JwtCertificatePem = certificate);
            using var connection = new SalesforceConnection(emulator.ConnectionOptions(JwtBearerCredential.FromKeyFile(emulator.Options.ClientId, emulator.Options.Username, file)));

            Assert.Equal(emulator.BaseUri, await connection.ConnectAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ConnectAsync_KeyDoesNotMatchCertificate_ThrowsInvalidGrant()
    {
        var (_, certificate) = CreateKeyAndCertificate();
        var (otherKey, _) = CreateKeyAndCertificate();
        await using var emulator = await TestEmulator.StartAsync(o => o.JwtCertificatePem = certificate);
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(JwtBearerCredential.FromPrivateKey(emulator.Options.ClientId, emulator.Options.Username, otherKey)));

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("invalid_grant", ex.ErrorCode);
    }

    [Fact]
    public async Task ConnectAsync_UnknownUser_ThrowsInvalidGrantWithApprovalHint()
    {
        var (key, certificate) = CreateKeyAndCertificate();
        await using var emulator = await TestEmulator.StartAsync(o => o.JwtCertificatePem = certificate);
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(JwtBearerCredential.FromPrivateKey(emulator.Options.ClientId, "nobody@sfbulk.test", key)));

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("invalid_grant", ex.ErrorCode);
        Assert.Contains("approved", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_MissingKeyFile_ThrowsLoginExceptionWithoutPath()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(JwtBearerCredential.FromKeyFile(emulator.Options.ClientId, emulator.Options.Username, "/nonexistent/key.pem")));

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal(SfBulkErrorCodes.InvalidArgument, ex.ErrorCode);
    }

    [Fact]
    public void FromPrivateKey_NotAKey_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => JwtBearerCredential.FromPrivateKey("cid", "user", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
    }

    [Theory]
    [InlineData("https://login.salesforce.com", "https://login.salesforce.com")]
    [InlineData("https://acme.my.salesforce.com", "https://login.salesforce.com")]
    [InlineData("https://test.salesforce.com", "https://test.salesforce.com")]
    [InlineData("https://acme--uat.sandbox.my.salesforce.com", "https://test.salesforce.com")]
    [InlineData("http://127.0.0.1:5123/", "http://127.0.0.1:5123")]
    public void DefaultAudience_LoginUrl_MapsToSalesforceAudience(string loginUrl, string audience)
    {
        Assert.Equal(audience, JwtAssertion.DefaultAudience(new Uri(loginUrl)));
    }
}
