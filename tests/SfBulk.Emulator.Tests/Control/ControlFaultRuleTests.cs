using System.Net;
using static SfBulk.Emulator.Tests.Infrastructure.RawApi;

namespace SfBulk.Emulator.Tests.Control;

/// <summary>Adding, listing and removing fault rules.</summary>
public sealed class ControlFaultRuleTests
{
    [Fact]
    public async Task Post_FullRule_Returns201WithIdAndLocation()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/faults",
            """{"route":"POST /services/async/{version}/job/{jobId}","kind":"status","status":503,"rate":0.1,"count":5,"every":300,"seed":42,"retryAfterSeconds":30}""");

        reply.AssertStatus(HttpStatusCode.Created);
        Assert.Equal("/_emulator/faults/f1", reply.Headers.Location?.OriginalString);
        Assert.Equal(
            """{"id":"f1","route":"POST /services/async/{version}/job/{jobId}","kind":"status","status":503,"rate":0.1,"count":5,"every":300,"seed":42,"retryAfterSeconds":30,"matched":0,"applied":0,"remaining":5}""",
            reply.Body);
    }

    [Fact]
    public async Task Post_LowerCaseMethodWithoutSlash_NormalizesRoute()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/faults", """{"route":"get services/async/{version}/job/{jobId}","kind":"dropBefore"}""");
        Assert.Equal(
            """{"id":"f1","route":"GET /services/async/{version}/job/{jobId}","kind":"dropBefore","seed":0,"matched":0,"applied":0}""",
            reply.AssertStatus(HttpStatusCode.Created).Body);
    }

    [Theory]
    [InlineData("""{"kind":"status"}""", "'route' is required: \"*\" or \"METHOD /pattern\" as listed by GET /_emulator/requests.")]
    [InlineData("""{"route":"*","kind":"explode"}""", "'kind' must be one of status, requestLimitExceeded, latency, latencyAfter, dropBefore, dropAfter, expireSession.")]
    [InlineData("""{"route":"*","kind":"latency"}""", "A latency fault needs 'latencyMs'.")]
    [InlineData("""{"route":"*","kind":"status","status":200}""", "Invalid value for 'status'.")]
    [InlineData("""{"route":"*","kind":"status","rate":0}""", "Invalid value for 'rate'.")]
    [InlineData("""{"route":"*","kind":"status","rate":1.5}""", "Invalid value for 'rate'.")]
    [InlineData("""{"route":"*","kind":"status","count":0}""", "Invalid value for 'count'.")]
    [InlineData("""{"route":"*","kind":"status","every":"3"}""", "Invalid value for 'every'.")]
    [InlineData("""{"route":"*","kind":"status","latencyMs":-5}""", "Invalid value for 'latencyMs'.")]
    [InlineData("""{"route":"*","kind":"status","retryAfter":5}""", "Unknown member 'retryAfter'.")]
    public async Task Post_InvalidRule_Returns400WithReason(string body, string error)
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/faults", body);
        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal(error, reply.Json.GetProperty("error").GetString());
        Assert.Equal("""{"rules":[]}""", (await SendAsync(env.Http, HttpMethod.Get, "_emulator/faults")).Body);
    }

    [Fact]
    public async Task Post_UnknownRoute_Returns400ListingKnownRoutes()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/faults", """{"route":"GET /services/async/{version}/jobs","kind":"status"}""");
        reply.AssertStatus(HttpStatusCode.BadRequest);
        var error = reply.Json.GetProperty("error").GetString()!;
        Assert.StartsWith("Unknown route 'GET /services/async/{version}/jobs'. Known routes: ", error, StringComparison.Ordinal);
        Assert.Contains(EmulatorRoutes.BulkV1GetJob, error, StringComparison.Ordinal);
        Assert.Contains(EmulatorRoutes.OAuthToken, error, StringComparison.Ordinal);
        Assert.DoesNotContain("/_emulator", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ControlRoute_Returns400()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/faults", """{"route":"GET /_emulator/health","kind":"status"}""");
        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.StartsWith("Unknown route 'GET /_emulator/health'.", reply.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Faults_ListsRulesInOrderWithCounters()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"status","status":500,"every":2}""");
        await env.AddFaultAsync("""{"route":"*","kind":"latency","latencyMs":1,"count":1}""");
        for (var i = 0; i < 3; i++)
        {
            await GetV1JobAsync(env.Http, token, jobId);
        }

        var reply = await SendAsync(env.Http, HttpMethod.Get, "_emulator/faults");

        Assert.Equal(
            $$"""{"rules":[{"id":"f1","route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"status","status":500,"every":2,"seed":0,"matched":3,"applied":1},{"id":"f2","route":"*","kind":"latency","latencyMs":1,"count":1,"seed":0,"matched":2,"applied":1,"remaining":0}]}""",
            reply.AssertStatus(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task Delete_FaultById_Returns204ThenRuleIsGone()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        var id = await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"status"}""");
        (await GetV1JobAsync(env.Http, token, jobId)).AssertStatus(HttpStatusCode.ServiceUnavailable);

        (await SendAsync(env.Http, HttpMethod.Delete, "_emulator/faults/" + id)).AssertStatus(HttpStatusCode.NoContent);

        (await GetV1JobAsync(env.Http, token, jobId)).AssertStatus(HttpStatusCode.OK);
        var again = await SendAsync(env.Http, HttpMethod.Delete, "_emulator/faults/" + id);
        again.AssertStatus(HttpStatusCode.NotFound);
        Assert.Equal("""{"error":"No fault rule 'f1'."}""", again.Body);
    }

    [Fact]
    public async Task Delete_AllFaults_ReturnsRemovedCount()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await env.AddFaultAsync("""{"route":"*","kind":"status"}""");
        await env.AddFaultAsync("""{"route":"*","kind":"dropBefore"}""");

        var reply = await SendAsync(env.Http, HttpMethod.Delete, "_emulator/faults");

        Assert.Equal("""{"removed":2}""", reply.AssertStatus(HttpStatusCode.OK).Body);
        Assert.Equal("""{"rules":[]}""", (await SendAsync(env.Http, HttpMethod.Get, "_emulator/faults")).Body);
        (await SendAsync(env.Http, HttpMethod.Get, "_emulator/health")).AssertStatus(HttpStatusCode.OK);
    }
}
