using System.Net;
using System.Text.Json;
using SfBulk.Models;
using SfBulk.Ui.Tests.Infrastructure;

namespace SfBulk.Ui.Tests;

/// <summary>The gate of every request: token, cookie, Host, Origin, anti-forgery token, headers. Plain HTTP, no browser needed.</summary>
public sealed class SecurityTests
{
    [Theory]
    [InlineData("")]
    [InlineData("api/jobs")]
    [InlineData("app.js")]
    [InlineData("api/session")]
    public async Task Request_WithoutToken_IsRefused(string path)
    {
        await using var org = await UiOrg.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = org.BaseUri };

        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("750R", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WrongToken_IsRefusedAndSetsNoCookie()
    {
        await using var org = await UiOrg.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = org.BaseUri };

        using var response = await http.GetAsync("/?token=" + new string('A', 43), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Token_FirstVisit_ExchangedForHttpOnlyStrictCookieAndSecurityHeaders()
    {
        await using var org = await UiOrg.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        using var response = await http.GetAsync(org.LaunchUri, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(org.Server.Secrets.AccessToken, cookie, StringComparison.Ordinal);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ForeignHostHeader_IsRefused()
    {
        await using var org = await UiOrg.StartAsync();
        using var http = Signed(org);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/jobs");
        request.Headers.Host = "attacker.example:" + org.BaseUri.Port;

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_CrossOrigin_IsRefusedAndTheJobStaysOpen()
    {
        await using var org = await UiOrg.StartAsync();
        using var http = Signed(org);
        var id = org.Jobs.OpenClassic[9];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{id}/close") { Content = new StringContent("{}") };
        request.Headers.Add("Origin", "http://attacker.example");
        request.Headers.Add("X-SfBulk-Csrf", org.Server.Secrets.AntiForgeryToken);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(BulkJobState.Open, (await org.JobAsync(id)).State);
    }

    [Fact]
    public async Task Post_WithoutAntiForgeryToken_IsRefused()
    {
        await using var org = await UiOrg.StartAsync();
        using var http = Signed(org);
        var id = org.Jobs.OpenClassic[9];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{id}/close") { Content = new StringContent("{}") };
        request.Headers.Add("Origin", org.BaseUri.GetLeftPart(UriPartial.Authority));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(BulkJobState.Open, (await org.JobAsync(id)).State);
    }

    [Fact]
    public async Task Post_SameOriginWithToken_IsAccepted()
    {
        await using var org = await UiOrg.StartAsync();
        using var http = Signed(org);
        var id = org.Jobs.OpenClassic[9];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{id}/close") { Content = new StringContent("{}") };
        request.Headers.Add("Origin", org.BaseUri.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("X-SfBulk-Csrf", org.Server.Secrets.AntiForgeryToken);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BulkJobState.Closed, (await org.JobAsync(id)).State);
    }

    [Fact]
    public async Task Session_NeverCarriesTheSalesforceSession()
    {
        await using var org = await UiOrg.StartAsync();
        using var http = Signed(org);
        var sessionPrefix = await SessionIdPrefixAsync(org);

        var bodies = new List<string>
        {
            await http.GetStringAsync("api/session", TestContext.Current.CancellationToken),
            await http.GetStringAsync("api/jobs", TestContext.Current.CancellationToken),
            await http.GetStringAsync("", TestContext.Current.CancellationToken),
        };

        Assert.All(bodies, b => Assert.DoesNotContain(sessionPrefix, b, StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.DoesNotContain(org.Emulator.Options.Password, b, StringComparison.Ordinal));
    }

    /// <summary>A client holding the cookie the launch URL gives.</summary>
    private static HttpClient Signed(UiOrg org)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = org.BaseUri };
        using var response = http.GetAsync(org.LaunchUri, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return http;
    }

    /// <summary>Every session id of the org starts with the 15-character org id and '!' (like Salesforce's).</summary>
    private static async Task<string> SessionIdPrefixAsync(UiOrg org)
    {
        using var json = JsonDocument.Parse(await org.Http.GetStringAsync("_emulator/org", TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("orgId").GetString()![..15] + "!";
    }
}
