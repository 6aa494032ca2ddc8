using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SfBulk.Emulator.Tests.Infrastructure;
using static SfBulk.Emulator.Tests.Infrastructure.RawApi;

namespace SfBulk.Emulator.Tests.Control;

/// <summary>The defaults that keep another local program, or a web page, from driving the emulator's org.</summary>
public sealed class ControlGuardTests
{
    [Fact]
    public async Task Control_WithoutOrWithWrongToken_Returns401WithoutEchoingIt()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        using var bare = new HttpClient { BaseAddress = env.Server.BaseUri };

        var none = await SendAsync(bare, HttpMethod.Get, "_emulator/requests");
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "_emulator/jobs/classic") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        wrong.Headers.Add(EmulatorServer.ControlTokenHeader, "0123456789abcdef0123456789abcdef");
        var wrongReply = await ReadAsync(await bare.SendAsync(wrong, TestContext.Current.CancellationToken));

        none.AssertStatus(HttpStatusCode.Unauthorized);
        wrongReply.AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Contains(EmulatorServer.ControlTokenHeader, none.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", wrongReply.Body, StringComparison.Ordinal);
        Assert.Equal(0, env.Server.State.JobCount);
        (await SendAsync(env.Http, HttpMethod.Get, "_emulator/requests")).AssertStatus(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("_emulator/oauth/refresh-token")]
    [InlineData("_emulator/oauth/jwt-certificate")]
    [InlineData("_emulator/jobs/v2")]
    [InlineData("_emulator/time/advance")]
    public async Task ControlPost_WithoutToken_Returns401(string path)
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        using var bare = new HttpClient { BaseAddress = env.Server.BaseUri };
        (await SendAsync(bare, HttpMethod.Post, path, "{}")).AssertStatus(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ControlToken_IsNewAtEveryStart()
    {
        await using var first = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await using var second = await TestEmulator.StartAsync(SharedEmulator.Settings);
        Assert.Matches("^[0-9a-f]{32}$", first.Server.ControlToken);
        Assert.NotEqual(first.Server.ControlToken, second.Server.ControlToken);
        Assert.Contains(first.Server.ControlToken, EmulatorBanner.Control(first.Server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_RequireControlTokenFalse_AnswersWithoutToken()
    {
        await using var host = await TestEmulator.StartAsync(new TestEmulatorOptions { RealClock = true, Emulator = o => o.RequireControlToken = false });
        var (emulator, http) = (host.Server, host.Http);
        using (var bare = new HttpClient { BaseAddress = emulator.BaseUri })
        {
            (await SendAsync(bare, HttpMethod.Get, "_emulator/health")).AssertStatus(HttpStatusCode.OK);
            Assert.Contains("--open-control", EmulatorBanner.Control(emulator), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("10.0.0.1")]
    public async Task Request_HostNotLoopback_Returns421(string host)
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        foreach (var path in (string[])["_emulator/health", "services/async/66.0/job/750R0000000001AAA"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = host + ":" + env.Server.BaseUri.Port;
            var reply = await ReadAsync(await env.Http.SendAsync(request, TestContext.Current.CancellationToken));
            reply.AssertStatus(HttpStatusCode.MisdirectedRequest);
        }
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task Request_HostLoopbackName_IsServed(string host)
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, "_emulator/health");
        request.Headers.Host = host + ":" + env.Server.BaseUri.Port;
        (await ReadAsync(await env.Http.SendAsync(request, TestContext.Current.CancellationToken))).AssertStatus(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("_emulator/faults", false)]
    [InlineData("_emulator/faults", true)]
    [InlineData("_emulator/oauth/jwt-certificate", false)]
    [InlineData("_emulator/oauth/jwt-certificate", true)]
    [InlineData("services/Soap/u/64.0", false)]
    [InlineData("services/Soap/u/64.0", true)]
    [InlineData("services/oauth2/token", false)]
    [InlineData("services/oauth2/token", true)]
    public async Task Post_BodyAbove64KB_Returns413(string path, bool chunked)
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var body = new byte[(64 * 1024) + 1];
        Array.Fill(body, (byte)' ');
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(
            path.Contains("Soap", StringComparison.Ordinal) ? "text/xml" : path.Contains("oauth2", StringComparison.Ordinal) ? "application/x-www-form-urlencoded" : "application/json");
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        var reply = await ReadAsync(await env.Http.SendAsync(request, TestContext.Current.CancellationToken));
        reply.AssertStatus(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_SmallControlBody_IsStillRead()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/jobs/classic", """{"count":2}""");
        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(2, reply.Json.GetArrayLength());
    }

    [Fact]
    public void Options_OrgSizeDefaults_AreTheDocumentedMaxima()
    {
        var options = new EmulatorOptions();
        Assert.Equal(500_000, options.MaxJobs);
        Assert.Equal(2_000_000, options.MaxBatches);
        Assert.True(options.RequireControlToken);
    }

    [Fact]
    public async Task Seed_BeyondMaxJobs_Returns400AndCreatesNone()
    {
        await using var host = await TestEmulator.StartAsync(new TestEmulatorOptions { RealClock = true, Emulator = o => o.MaxJobs = 3 });
        var (emulator, http) = (host.Server, host.Http);
        (await SendAsync(http, HttpMethod.Post, "_emulator/jobs/classic", """{"count":2}""")).AssertStatus(HttpStatusCode.OK);
        var classic = await SendAsync(http, HttpMethod.Post, "_emulator/jobs/classic", """{"count":2}""");
        var v2 = await SendAsync(http, HttpMethod.Post, "_emulator/jobs/v2", """{"count":2}""");

        classic.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Contains("at most 3 jobs (EmulatorOptions.MaxJobs)", classic.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
        v2.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal(2, emulator.State.JobCount);
    }

    [Fact]
    public async Task CreateJob_OrgFull_AnswersInTheApisDialect()
    {
        await using var host = await TestEmulator.StartAsync(new TestEmulatorOptions { RealClock = true, Emulator = o => o.MaxJobs = 1 });
        var (emulator, http) = (host.Server, host.Http);
        var token = await LoginAsync(emulator, http);
        await CreateV1JobAsync(http, token);

        using var v1 = RawApi.V1Request(HttpMethod.Post, "services/async/66.0/job", token, new StringContent(
            """<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><operation>insert</operation><object>Account</object><contentType>CSV</contentType></jobInfo>""",
            Encoding.UTF8,
            "application/xml"));
        var v1Reply = await ReadAsync(await http.SendAsync(v1, TestContext.Current.CancellationToken));
        using var v2 = RawApi.V2Request(HttpMethod.Post, "services/data/v66.0/jobs/ingest", token,
            new StringContent("""{"object":"Account","operation":"insert"}""", Encoding.UTF8, "application/json"));
        var v2Reply = await ReadAsync(await http.SendAsync(v2, TestContext.Current.CancellationToken));

        v1Reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal("ExceededQuota", XmlValue(v1Reply.Body, "exceptionCode"));
        Assert.Contains("EmulatorOptions.MaxJobs", v1Reply.Body, StringComparison.Ordinal);
        v2Reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal("LIMIT_EXCEEDED", v2Reply.Json[0].GetProperty("errorCode").GetString());
        Assert.Equal(1, emulator.State.JobCount);
    }

    [Fact]
    public async Task Seed_BeyondMaxBatches_Returns400WithTheLimit()
    {
        await using var host = await TestEmulator.StartAsync(new TestEmulatorOptions { RealClock = true, Emulator = o => o.MaxBatches = 5 });
        var (emulator, http) = (host.Server, host.Http);
        (await SendAsync(http, HttpMethod.Post, "_emulator/jobs/classic", """{"batches":5}""")).AssertStatus(HttpStatusCode.OK);
        var reply = await SendAsync(http, HttpMethod.Post, "_emulator/jobs/classic", """{"batches":1}""");

        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Contains("at most 5 batches (EmulatorOptions.MaxBatches)", reply.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Logs the default user of an emulator started with custom options in; returns the access token.</summary>
    private static async Task<string> LoginAsync(EmulatorServer emulator, HttpClient http)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = emulator.Options.ClientId,
            ["client_secret"] = emulator.Options.ClientSecret,
            ["username"] = emulator.Options.Username,
            ["password"] = emulator.Options.Password,
        });
        using var response = await http.PostAsync("services/oauth2/token", form, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }
}
