using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.Auth;

/// <summary>JWT bearer flow against an emulator started with the test certificate in its options.</summary>
public sealed class JwtBearerTests : IAsyncLifetime
{
    private const string Grant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static readonly string[] JwtMembers = ["access_token", "scope", "instance_url", "id", "token_type"];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));
    private readonly RSA _key = RSA.Create(2048);
    private EmulatorServer _emulator = null!;
    private HttpClient _http = null!;
    private TestEmulator _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestEmulator.StartAsync(o =>
        {
            o.TimeProvider = _time;
            o.JwtCertificatePem = CertificatePem(_key);
        });
        (_emulator, _http) = (_host.Server, _host.Http);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task Token_JwtBearerValidAssertion_ReturnsTokenWithoutSignature()
    {
        using var response = await PostAsync(Assertion(_key));

        var body = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(JwtMembers, JsonAssert.Names(body));
        Assert.Equal($"{_emulator.BaseUri.GetLeftPart(UriPartial.Authority)}/id/{_emulator.State.OrgId}/{_emulator.State.DefaultUser.Id}", body.GetProperty("id").GetString());
        Assert.NotNull(_emulator.State.Sessions.Validate(body.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task Token_JwtBearerOwnBaseUrlAudience_ReturnsToken()
    {
        using var response = await PostAsync(Assertion(_key, aud: _emulator.BaseUri.ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_JwtBearerSignedByOtherKey_Returns400InvalidAssertion()
    {
        using var other = RSA.Create(2048);
        using var response = await PostAsync(Assertion(other));
        await OAuthTokenTests.AssertOAuthErrorAsync(response, "invalid_grant", "invalid assertion");
    }

    [Fact]
    public async Task Token_JwtBearerExpired_Returns400ExpiredAuthorizationCode()
    {
        using var response = await PostAsync(Assertion(_key, exp: _time.GetUtcNow().AddMinutes(-5)));
        await OAuthTokenTests.AssertOAuthErrorAsync(response, "invalid_grant", "expired authorization code");
    }

    [Fact]
    public async Task Token_JwtBearerWrongAudience_Returns400AudienceInvalid()
    {
        using var response = await PostAsync(Assertion(_key, aud: "https://example.com"));
        await OAuthTokenTests.AssertOAuthErrorAsync(response, "invalid_grant", "audience is invalid");
    }

    [Fact]
    public async Task Token_JwtBearerUnknownSubject_Returns400NotApproved()
    {
        using var response = await PostAsync(Assertion(_key, sub: "ghost@sfbulk.test"));
        await OAuthTokenTests.AssertOAuthErrorAsync(response, "invalid_grant", "user hasn't approved this consumer");
    }

    [Fact]
    public async Task Token_JwtBearerWrongIssuer_Returns400InvalidClientId()
    {
        using var response = await PostAsync(Assertion(_key, iss: "someone-else"));
        await OAuthTokenTests.AssertOAuthErrorAsync(response, "invalid_client_id", "client identifier invalid");
    }

    [Fact]
    public async Task Token_JwtBearerHs256Header_Returns400InvalidAssertion()
    {
        using var response = await PostAsync(Assertion(_key, alg: "HS256"));
        await OAuthTokenTests.AssertOAuthErrorAsync(response, "invalid_grant", "invalid assertion");
    }

    [Fact]
    public async Task Token_JwtBearerGarbageAssertion_Returns400InvalidAssertion()
    {
        using var response = await PostAsync("not-a-jwt");
        await OAuthTokenTests.AssertOAuthErrorAsync(response, "invalid_grant", "invalid assertion");
    }

    [Fact]
    public async Task RegisterJwtCertificate_NewKey_ReplacesOldOne()
    {
        using var next = RSA.Create(2048);
        using (var register = await _http.PostAsync("_emulator/oauth/jwt-certificate", new StringContent(next.ExportSubjectPublicKeyInfoPem()), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, register.StatusCode);
        }

        using (var newKey = await PostAsync(Assertion(next)))
        {
            Assert.Equal(HttpStatusCode.OK, newKey.StatusCode);
        }

        using var oldKey = await PostAsync(Assertion(_key));
        await OAuthTokenTests.AssertOAuthErrorAsync(oldKey, "invalid_grant", "invalid assertion");
    }

    [Fact]
    public async Task RegisterJwtCertificate_NotPem_Returns400()
    {
        using var response = await _http.PostAsync("_emulator/oauth/jwt-certificate", new StringContent("hello"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string CertificatePem(RSA key)
    {
        var request = new CertificateRequest("CN=sfbulk-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string Assertion(RSA key, string? iss = null, string? sub = null, string aud = "https://login.salesforce.com", DateTimeOffset? exp = null, string alg = "RS256")
    {
        var expSeconds = (exp ?? _time.GetUtcNow().AddMinutes(3)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var header = Base64Url(Encoding.UTF8.GetBytes($"{{\"alg\":\"{alg}\"}}"));
        var payload = Base64Url(Encoding.UTF8.GetBytes(
            $"{{\"iss\":\"{iss ?? _emulator.Options.ClientId}\",\"sub\":\"{sub ?? _emulator.Options.Username}\",\"aud\":\"{aud}\",\"exp\":{expSeconds}}}"));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Base64Url(signature);
    }

    private async Task<HttpResponseMessage> PostAsync(string assertion)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = Grant, ["assertion"] = assertion });
        return await _http.PostAsync("services/oauth2/token", form, TestContext.Current.CancellationToken);
    }
}
