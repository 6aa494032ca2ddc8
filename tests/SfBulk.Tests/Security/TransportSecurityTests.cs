using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using SfBulk.Authentication;
using SfBulk.Connection;
using SfBulk.Http;
using SfBulk.Models;
using SfBulk.Tests.BadInput;

namespace SfBulk.Tests.Security;

/// <summary>HTTPS for non-loopback hosts, certificate validation always on, redirects never carry the session elsewhere.</summary>
public sealed class TransportSecurityTests
{
    private const string JobId = "750R0000000zlh9IAA";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("port")]
    [InlineData("host")]
    [InlineData("scheme")]
    public async Task Redirect_ToAnotherOrigin_RefusedAndTheSessionNeverArrivesThere(string differs)
    {
        await using var target = await CannedServer.StartAsync(differs == "host" ? "localhost" : "127.0.0.1");
        target.Returns(200, "application/xml", "<jobInfo><id>750R0000000zlh9IAA</id><state>Open</state></jobInfo>");
        await using var origin = await CannedServer.StartAsync();
        origin.Answer = c =>
        {
            c.Response.StatusCode = 307;
            var to = new Uri(target.BaseUri, c.Request.Path.Value);
            // "scheme": same host and port as the origin, other scheme (a change of scheme is a change of origin).
            c.Response.Headers.Location = differs == "scheme"
                ? new UriBuilder(c.Request.Scheme == "http" ? "https" : "http", c.Request.Host.Host, c.Request.Host.Port ?? 80, c.Request.Path.Value).Uri.ToString()
                : to.ToString();
            return Task.CompletedTask;
        };
        using var connection = CannedConnection.Create(origin);

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => new BulkJobClient(connection).GetJobAsync(JobId, BulkApi.V1, Ct));

        Assert.Equal(SfBulkErrorCodes.RedirectRefused, e.ErrorCode);
        Assert.Empty(target.Requests);
        Assert.Contains(origin.Requests, r => r.Headers.Contains(Canaries.SessionId, StringComparison.Ordinal));
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    [Fact]
    public async Task Redirect_OfTheCloseRequestToAnotherOrigin_RefusedAndNotReplayed()
    {
        await using var target = await CannedServer.StartAsync("localhost");
        await using var origin = await CannedServer.StartAsync();
        origin.Answer = c =>
        {
            c.Response.StatusCode = 308;
            c.Response.Headers.Location = new Uri(target.BaseUri, c.Request.Path.Value).ToString();
            return Task.CompletedTask;
        };
        using var connection = CannedConnection.Create(origin);

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() =>
            new BulkJobClient(connection).CloseJobAsync(JobId, new CloseJobOptions { Api = BulkApi.V1 }, Ct));

        Assert.Equal(SfBulkErrorCodes.RedirectRefused, e.ErrorCode);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task LoginAnswer_PlainHttpInstanceUrl_RefusedBeforeTheSessionIsSentThere()
    {
        await using var evil = await CannedServer.StartAsync();
        await using var login = await CannedServer.StartAsync();
        login.Returns(200, "application/json", """{"access_token":"00DCANARY000000!AQ4AQCanarySession9d1e","instance_url":"http://instance.example.com"}""");
        using var connection = new SalesforceConnection(new SalesforceConnectionOptions
        {
            LoginUrl = login.BaseUri,
            Credential = new ClientCredentialsCredential("client", Canaries.ClientSecret),
            Retry = new SalesforceRetryOptions { Enabled = false },
        });

        var e = await Assert.ThrowsAsync<SalesforceLoginException>(() => new BulkJobClient(connection).GetJobAsync(JobId, BulkApi.V1, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
        Assert.Contains("https", e.Message, StringComparison.Ordinal);
        Assert.Single(login.Requests);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    [Fact]
    public async Task Https_SelfSignedCertificate_RefusedAsNetworkErrorBeforeAnyRequest()
    {
        using var certificate = SelfSigned();
        await using var server = await CannedServer.StartAsync(certificate: certificate);
        server.Returns(200, "application/xml", "<jobInfo><id>750R0000000zlh9IAA</id><state>Open</state></jobInfo>");
        using var connection = CannedConnection.Create(server);

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => new BulkJobClient(connection).GetJobAsync(JobId, BulkApi.V1, Ct));

        Assert.Equal(SfBulkErrorCodes.NetworkError, e.ErrorCode);
        Assert.Empty(server.Requests);
        Assert.Contains(Chain(e), x => x is System.Security.Authentication.AuthenticationException);
    }

    [Fact]
    public void Handler_NoCertificateCallbackNoAutoRedirectNoCookies()
    {
        using var handler = SalesforceHttpHandler.Create(null);

        Assert.Null(handler.SslOptions.RemoteCertificateValidationCallback);
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
    }

    [Fact]
    public void Sources_NeverDisableCertificateValidation()
    {
        string[] forbidden = ["ServerCertificateCustomValidationCallback", "RemoteCertificateValidationCallback", "DangerousAcceptAnyServerCertificateValidator", "CheckCertificateRevocationList = false"];
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var word in forbidden)
            {
                Assert.False(text.Contains(word, StringComparison.Ordinal), $"{Path.GetRelativePath(root, file)} uses {word}.");
            }
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "sfbulk.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (sfbulk.slnx) was not found above the test output.");
    }
}
