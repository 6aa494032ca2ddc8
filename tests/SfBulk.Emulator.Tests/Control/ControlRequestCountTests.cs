using System.Net;
using static SfBulk.Emulator.Tests.Infrastructure.RawApi;

namespace SfBulk.Emulator.Tests.Control;

public sealed class ControlRequestCountTests
{
    [Fact]
    public async Task Requests_AfterApiCalls_CountsPerRoutePattern()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await GetV1JobAsync(env.Http, token, jobId);
        await GetV1JobAsync(env.Http, token, jobId[..15]);
        await SetV1JobStateAsync(env.Http, token, jobId, "Closed");

        var reply = await SendAsync(env.Http, HttpMethod.Get, "_emulator/requests");

        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(
            """{"total":5,"routes":{"GET /services/async/{version}/job/{jobId}":2,"POST /services/async/{version}/job":1,"POST /services/async/{version}/job/{jobId}":1,"POST /services/oauth2/token":1}}""",
            reply.Body);
    }

    [Fact]
    public async Task Requests_ControlAndUnknownPaths_AreNotCounted()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await SendAsync(env.Http, HttpMethod.Get, "_emulator/health");
        await SendAsync(env.Http, HttpMethod.Get, "_emulator/time");
        await SendAsync(env.Http, HttpMethod.Get, "services/nothing/here");

        var reply = await SendAsync(env.Http, HttpMethod.Get, "_emulator/requests");

        Assert.Equal("""{"total":0,"routes":{}}""", reply.AssertStatus(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task Requests_FailedApiCalls_AreCounted()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var job = await GetV1JobAsync(env.Http, "not-a-session", "750R0000000001AAA");
        job.AssertStatus(HttpStatusCode.BadRequest);

        var reply = await SendAsync(env.Http, HttpMethod.Get, "_emulator/requests");

        Assert.Equal("""{"total":1,"routes":{"GET /services/async/{version}/job/{jobId}":1}}""", reply.Body);
    }

    [Fact]
    public async Task Delete_Requests_ResetsCounters()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        await CreateV1JobAsync(env.Http, token);

        var reset = await SendAsync(env.Http, HttpMethod.Delete, "_emulator/requests");
        reset.AssertStatus(HttpStatusCode.NoContent);
        Assert.Equal("""{"total":0,"routes":{}}""", (await SendAsync(env.Http, HttpMethod.Get, "_emulator/requests")).Body);

        await CreateV1JobAsync(env.Http, token);
        Assert.Equal("""{"total":1,"routes":{"POST /services/async/{version}/job":1}}""", (await SendAsync(env.Http, HttpMethod.Get, "_emulator/requests")).Body);
    }

    [Fact]
    public async Task Requests_ConcurrentCalls_CountsEveryOne()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await SendAsync(env.Http, HttpMethod.Delete, "_emulator/requests");

        await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
            (await GetV1JobAsync(env.Http, token, jobId)).AssertStatus(HttpStatusCode.OK));

        var reply = await SendAsync(env.Http, HttpMethod.Get, "_emulator/requests");
        Assert.Equal("""{"total":200,"routes":{"GET /services/async/{version}/job/{jobId}":200}}""", reply.Body);
    }
}
