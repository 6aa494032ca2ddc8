using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.Auth;

public sealed class OAuthTokenTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private static readonly string[] PasswordMembers = ["access_token", "instance_url", "id", "token_type", "issued_at", "signature"];
    private static readonly string[] ScopedMembers = ["access_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at"];

    private EmulatorOptions Options => fixture.Server.Options;

    private string BaseUrl => fixture.Server.BaseUri.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task Token_PasswordGrant_ReturnsSalesforceShapedBody()
    {
        using var response = await PostAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["username"] = Options.Username,
            ["password"] = Options.Password,
        });

        var body = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(PasswordMembers, JsonAssert.Names(body));
        var org = fixture.Server.State.OrgId;
        var user = fixture.Server.State.DefaultUser.Id;
        Assert.StartsWith(org[..15] + "!", body.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        Assert.Equal(BaseUrl, body.GetProperty("instance_url").GetString());
        Assert.Equal($"{BaseUrl}/id/{org}/{user}", body.GetProperty("id").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        var issued = body.GetProperty("issued_at").GetString()!;
        Assert.Equal(fixture.Server.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), issued);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Options.ClientSecret), Encoding.UTF8.GetBytes(body.GetProperty("id").GetString() + issued)));
        Assert.Equal(expected, body.GetProperty("signature").GetString());
        Assert.False(body.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Token_PasswordGrantWrongPassword_Returns400InvalidGrant()
    {
        using var response = await PostAsync(PasswordForm(password: "wrong"));
        await AssertOAuthErrorAsync(response, "invalid_grant", "authentication failure");
    }

    [Fact]
    public async Task Token_PasswordGrantUnknownUser_Returns400InvalidGrant()
    {
        using var response = await PostAsync(PasswordForm(username: "nobody@sfbulk.test"));
        await AssertOAuthErrorAsync(response, "invalid_grant", "authentication failure");
    }

    [Fact]
    public async Task Token_UnknownClientId_Returns400InvalidClientId()
    {
        using var response = await PostAsync(PasswordForm(clientId: "other-client"));
        await AssertOAuthErrorAsync(response, "invalid_client_id", "client identifier invalid");
    }

    [Fact]
    public async Task Token_WrongClientSecret_Returns400InvalidClient()
    {
        using var response = await PostAsync(PasswordForm(clientSecret: "nope"));
        await AssertOAuthErrorAsync(response, "invalid_client", "invalid client credentials");
    }

    [Fact]
    public async Task Token_UnknownGrantType_Returns400UnsupportedGrantType()
    {
        using var response = await PostAsync(new() { ["grant_type"] = "authorization_code_x" });
        await AssertOAuthErrorAsync(response, "unsupported_grant_type", "grant type not supported");
    }

    [Fact]
    public async Task Token_ClientCredentialsInForm_ReturnsScopedBody()
    {
        using var response = await PostAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
        });

        var body = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(ScopedMembers, JsonAssert.Names(body));
        Assert.Equal("api", body.GetProperty("scope").GetString());
        Assert.EndsWith("/" + fixture.Server.State.DefaultUser.Id, body.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_ClientCredentialsWithBasicAuth_ReturnsToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "services/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Options.ClientId}:{Options.ClientSecret}")));
        using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var body = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(ScopedMembers, JsonAssert.Names(body));
    }

    [Fact]
    public async Task Token_ClientCredentialsWrongSecret_Returns400InvalidClient()
    {
        using var response = await PostAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = "bad",
        });
        await AssertOAuthErrorAsync(response, "invalid_client", "invalid client credentials");
    }

    [Fact]
    public async Task Token_RefreshTokenGrant_ReturnsNewAccessToken()
    {
        var refresh = fixture.Server.State.Sessions.CreateRefreshToken(fixture.Server.State.DefaultUser);
        using var response = await PostAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["refresh_token"] = refresh,
        });

        var body = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(ScopedMembers, JsonAssert.Names(body));
        Assert.NotNull(fixture.Server.State.Sessions.Validate(body.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task Token_RefreshTokenUnknown_Returns400InvalidGrant()
    {
        using var response = await PostAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Options.ClientId,
            ["refresh_token"] = "5AepUnknown",
        });
        await AssertOAuthErrorAsync(response, "invalid_grant", "expired access/refresh token");
    }

    [Fact]
    public async Task Token_PasswordGrant_AccessTokenWorksAsBulkV2Bearer()
    {
        var token = await fixture.LoginAsync();
        using var request = RawApi.V2Request(HttpMethod.Get, "services/data/v66.0/jobs/ingest", token);
        using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static async Task AssertOAuthErrorAsync(HttpResponseMessage response, string error, string description)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{{\"error\":\"{error}\",\"error_description\":\"{description}\"}}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private Dictionary<string, string> PasswordForm(string? username = null, string? password = null, string? clientId = null, string? clientSecret = null) => new()
    {
        ["grant_type"] = "password",
        ["client_id"] = clientId ?? Options.ClientId,
        ["client_secret"] = clientSecret ?? Options.ClientSecret,
        ["username"] = username ?? Options.Username,
        ["password"] = password ?? Options.Password,
    };

    private async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await fixture.Http.PostAsync("services/oauth2/token", content, TestContext.Current.CancellationToken);
    }
}
