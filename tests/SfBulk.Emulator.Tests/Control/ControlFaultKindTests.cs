using System.Diagnostics;
using System.Net;
using System.Text;
using SfBulk.Emulator.Tests.Infrastructure;
using static SfBulk.Emulator.Tests.Infrastructure.RawApi;

namespace SfBulk.Emulator.Tests.Control;

/// <summary>Each fault kind, over real HTTP, in each API's error dialect.</summary>
public sealed class ControlFaultKindTests
{
    private const string V1Xml503 =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n" +
        " <exceptionCode>InternalServerError</exceptionCode>\n <exceptionMessage>The server is temporarily unavailable. Try again later.</exceptionMessage>\n</error>";

    [Fact]
    public async Task Status_BulkV1Route_Returns503XmlErrorWithRetryAfter()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"status","status":503,"retryAfterSeconds":7}""");

        var reply = await GetV1JobAsync(env.Http, token, jobId);

        reply.AssertStatus(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("application/xml", reply.ContentType);
        Assert.Equal("7", string.Join(",", reply.Headers.GetValues("Retry-After")));
        Assert.Equal(V1Xml503, reply.Body);
    }

    [Fact]
    public async Task Status_WithoutRetryAfter_SendsNoRetryAfterHeader()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"status"}""");

        var reply = await GetV1JobAsync(env.Http, token, jobId);

        reply.AssertStatus(HttpStatusCode.ServiceUnavailable);
        Assert.False(reply.Headers.Contains("Retry-After"));
        Assert.Equal(V1Xml503, reply.Body);
    }

    [Fact]
    public async Task Status_BulkV1JsonJob_ReturnsJsonError()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        using var create = RawApi.V1Request(HttpMethod.Post, "services/async/66.0/job", token,
            new StringContent("""{"operation":"insert","object":"Account","contentType":"JSON"}""", Encoding.UTF8, "application/json"));
        var created = await ReadAsync(await env.Http.SendAsync(create, TestContext.Current.CancellationToken));
        Assert.True(created.Status is HttpStatusCode.OK or HttpStatusCode.Created, created.Body);
        var jobId = created.Json.GetProperty("id").GetString()!;
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"status","status":500,"message":"Boom"}""");

        var reply = await GetV1JobAsync(env.Http, token, jobId);

        reply.AssertStatus(HttpStatusCode.InternalServerError);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal("""{"exceptionCode":"InternalServerError","exceptionMessage":"Boom"}""", reply.Body);
    }

    [Fact]
    public async Task Status_BulkV2Route_Returns503JsonArray()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV2JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV2GetIngestJob}}","kind":"status","status":503,"retryAfterSeconds":2}""");

        var reply = await GetV2JobAsync(env.Http, token, jobId);

        reply.AssertStatus(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("application/json; charset=UTF-8", reply.ContentType);
        Assert.Equal("2", string.Join(",", reply.Headers.GetValues("Retry-After")));
        Assert.Equal("""[{"message":"The server is temporarily unavailable. Try again later.","errorCode":"SERVER_UNAVAILABLE"}]""", reply.Body);
    }

    [Fact]
    public async Task Status_TokenRoute_ReturnsOAuthError()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.OAuthToken}}","kind":"status","status":500}""");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" });

        var reply = await ReadAsync(await env.Http.PostAsync("services/oauth2/token", form, TestContext.Current.CancellationToken));

        reply.AssertStatus(HttpStatusCode.InternalServerError);
        Assert.Equal("""{"error":"server_error","error_description":"An unexpected error occurred."}""", reply.Body);
    }

    [Fact]
    public async Task RequestLimitExceeded_BulkV2Route_Returns403RequestLimitExceeded()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV2JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV2GetIngestJob}}","kind":"requestLimitExceeded"}""");

        var reply = await GetV2JobAsync(env.Http, token, jobId);

        reply.AssertStatus(HttpStatusCode.Forbidden);
        Assert.Equal("""[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""", reply.Body);
    }

    [Fact]
    public async Task RequestLimitExceeded_BulkV1Route_Returns400ExceededQuota()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"requestLimitExceeded"}""");

        var reply = await GetV1JobAsync(env.Http, token, jobId);

        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n" +
            " <exceptionCode>ExceededQuota</exceptionCode>\n <exceptionMessage>TotalRequests Limit exceeded.</exceptionMessage>\n</error>",
            reply.Body);
    }

    [Fact]
    public async Task Latency_Matching_DelaysThenAnswersNormally()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"latency","latencyMs":400}""");

        var watch = Stopwatch.StartNew();
        var reply = await GetV1JobAsync(env.Http, token, jobId);

        Assert.True(watch.ElapsedMilliseconds >= 380, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal("Open", XmlValue(reply.AssertStatus(HttpStatusCode.OK).Body, "state"));
    }

    [Fact]
    public async Task Latency_ClientTimeoutShorter_ClientTimesOut()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"latency","latencyMs":5000}""");
        using var impatient = new HttpClient { BaseAddress = env.Server.BaseUri, Timeout = TimeSpan.FromMilliseconds(200) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => GetV1JobAsync(impatient, token, jobId));
    }

    [Fact]
    public async Task DropBefore_Close_AbortsConnectionAndJobStaysOpen()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1UpdateJob}}","kind":"dropBefore","count":1}""");

        using var fresh = new HttpClient { BaseAddress = env.Server.BaseUri };
        await Assert.ThrowsAsync<HttpRequestException>(() => SetV1JobStateAsync(fresh, token, jobId, "Closed"));

        Assert.Equal("Open", XmlValue((await GetV1JobAsync(env.Http, token, jobId)).AssertStatus(HttpStatusCode.OK).Body, "state"));
        var counts = (await SendAsync(env.Http, HttpMethod.Get, "_emulator/requests")).Json.GetProperty("routes");
        Assert.Equal(1, counts.GetProperty(EmulatorRoutes.BulkV1UpdateJob).GetInt32());
    }

    [Fact]
    public async Task DropAfter_Close_AbortsConnectionButJobIsClosed()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1UpdateJob}}","kind":"dropAfter","count":1}""");

        using var fresh = new HttpClient { BaseAddress = env.Server.BaseUri };
        await Assert.ThrowsAsync<HttpRequestException>(() => SetV1JobStateAsync(fresh, token, jobId, "Closed"));

        Assert.Equal("Closed", XmlValue((await GetV1JobAsync(env.Http, token, jobId)).AssertStatus(HttpStatusCode.OK).Body, "state"));
        var second = await SetV1JobStateAsync(env.Http, token, jobId, "Closed");
        second.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal("InvalidJobState", XmlValue(second.Body, "exceptionCode"));
    }

    [Fact]
    public async Task DropAfter_Login_SessionIsCreatedButNeverDelivered()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.OAuthToken}}","kind":"dropAfter","count":1}""");

        using var fresh = new HttpClient { BaseAddress = env.Server.BaseUri };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = env.Server.Options.ClientId,
            ["client_secret"] = env.Server.Options.ClientSecret,
            ["username"] = env.Server.Options.Username,
            ["password"] = env.Server.Options.Password,
        });

        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.PostAsync("services/oauth2/token", form, TestContext.Current.CancellationToken));

        Assert.Equal("""{"expired":1}""", (await SendAsync(env.Http, HttpMethod.Post, "_emulator/sessions/expire")).Body);
    }

    [Fact]
    public async Task ExpireSession_BulkV1_Returns400InvalidSessionIdAndSessionStaysExpired()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var other = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"expireSession","count":1}""");

        var reply = await GetV1JobAsync(env.Http, token, jobId);

        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal("InvalidSessionId", XmlValue(reply.Body, "exceptionCode"));
        (await GetV1JobAsync(env.Http, token, jobId)).AssertStatus(HttpStatusCode.BadRequest);
        (await GetV1JobAsync(env.Http, other, jobId)).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ExpireSession_BulkV2_Returns401InvalidSessionId()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV2JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV2GetIngestJob}}","kind":"expireSession"}""");

        var reply = await GetV2JobAsync(env.Http, token, jobId);

        reply.AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Equal("INVALID_SESSION_ID", reply.Json[0].GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Wildcard_AppliesToApiRoutesButNotControlRoutes()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        await env.AddFaultAsync("""{"route":"*","kind":"status","status":502}""");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" });
        (await ReadAsync(await env.Http.PostAsync("services/oauth2/token", form, TestContext.Current.CancellationToken))).AssertStatus(HttpStatusCode.BadGateway);
        (await GetV1JobAsync(env.Http, token, "750R0000000001AAA")).AssertStatus(HttpStatusCode.BadGateway);
        (await SendAsync(env.Http, HttpMethod.Get, "_emulator/health")).AssertStatus(HttpStatusCode.OK);
    }
}
