using System.Net;
using System.Text.Json;
using SfBulk.Emulator.Tests.Infrastructure;
using static SfBulk.Emulator.Tests.Infrastructure.RawApi;

namespace SfBulk.Emulator.Tests.Allocations;

/// <summary>The limits resource, the Sforce-Limit-Info header and the counters behind them.</summary>
public sealed class AllocationTests
{
    private const string LimitsPath = "services/data/v66.0/limits";

    [Fact]
    public async Task Limits_FreshOrg_ListsBulkAllocationsWithMaxAndRemaining()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();

        var reply = await GetLimitsAsync(env, token);

        reply.AssertStatus(HttpStatusCode.OK);
        var root = reply.Json;
        Assert.Equal(15_000, root.GetProperty("DailyBulkApiBatches").GetProperty("Max").GetInt64());
        Assert.Equal(15_000, root.GetProperty("DailyBulkApiBatches").GetProperty("Remaining").GetInt64());
        Assert.Equal(10_000, root.GetProperty("DailyBulkV2QueryJobs").GetProperty("Max").GetInt64());
        Assert.Equal(976_562, root.GetProperty("DailyBulkV2QueryFileStorageMB").GetProperty("Max").GetInt64());
        Assert.Equal(5_000_000, root.GetProperty("DailyApiRequests").GetProperty("Max").GetInt64());
        Assert.Equal(5_000_000 - 1, root.GetProperty("DailyApiRequests").GetProperty("Remaining").GetInt64());
        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task LimitInfoHeader_EachRestRequest_CountsUpByOne()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();

        var first = await GetLimitsAsync(env, token);
        var second = await GetV2JobAsync(env.Http, token, "7508Z00000ABCDEAAA");

        Assert.Equal("api-usage=1/5000000", Header(first));
        Assert.Equal(HttpStatusCode.NotFound, second.Status);
        Assert.Equal("api-usage=2/5000000", Header(second));
    }

    [Fact]
    public async Task LimitInfoHeader_BulkV1AndLogin_NoHeaderButV1Counts()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var job = await CreateV1JobAsync(env.Http, token);
        var read = await GetV1JobAsync(env.Http, token, job);

        var limits = await GetLimitsAsync(env, token);

        Assert.False(read.Headers.Contains("Sforce-Limit-Info"));
        Assert.Equal("api-usage=3/5000000", Header(limits));
    }

    [Fact]
    public async Task DailyApiRequests_Spent_RestAnswers403AndBulkV1ExceededQuota()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var job = await CreateV1JobAsync(env.Http, token);
        await SetAsync(env, """{"DailyApiRequests":{"max":10,"used":9}}""");

        var last = await GetV1JobAsync(env.Http, token, job);
        var refusedV1 = await GetV1JobAsync(env.Http, token, job);
        var refusedRest = await GetLimitsAsync(env, token);
        var control = await SendAsync(env.Http, HttpMethod.Get, "_emulator/limits");

        last.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.BadRequest, refusedV1.Status);
        Assert.Equal("ExceededQuota", XmlValue(refusedV1.Body, "exceptionCode"));
        Assert.Equal(HttpStatusCode.Forbidden, refusedRest.Status);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", refusedRest.Json[0].GetProperty("errorCode").GetString());
        Assert.Equal("api-usage=10/10", Header(refusedRest));
        Assert.Equal(0, control.Json.GetProperty("DailyApiRequests").GetProperty("remaining").GetInt64());
    }

    [Fact]
    public async Task DailyApiRequests_After24Hours_UsageRollsOut()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        await SetAsync(env, """{"DailyApiRequests":{"max":10,"used":10}}""");
        var refused = await GetLimitsAsync(env, token);
        env.Time.Advance(TimeSpan.FromHours(23));
        var stillRefused = await GetLimitsAsync(env, await env.LoginAsync());
        env.Time.Advance(TimeSpan.FromHours(1));

        var reply = await GetLimitsAsync(env, await env.LoginAsync());

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(HttpStatusCode.Forbidden, stillRefused.Status);
        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("api-usage=1/10", Header(reply));
    }

    [Fact]
    public async Task DailyBulkApiBatches_EachBatchAndEachPkChunk_Counted()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var v1 = new BulkV1Client(env);
        var session = v1.NewSession();
        var ingest = await v1.CreateJobAsync(session);
        await v1.AddBatchAsync(session, ingest, "Name\nAcme\n", "text/csv");
        var query = await v1.CreateJobAsync(session, "query", "Contact", "CSV", pkChunking: "chunkSize=20000");
        await v1.AddBatchAsync(session, query, "SELECT Id FROM Contact", "text/csv");

        var control = await SendAsync(env.Http, HttpMethod.Get, "_emulator/limits");

        // One ingest batch, the original query batch and three chunks of 20,000 of the 50,000 contacts.
        Assert.Equal(5, control.Json.GetProperty("DailyBulkApiBatches").GetProperty("used").GetInt64());
    }

    [Fact]
    public async Task DailyBulkApiBatches_Spent_AddBatchAnswersExceededQuota()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var v1 = new BulkV1Client(env);
        var session = v1.NewSession();
        var job = await v1.CreateJobAsync(session);
        await SetAsync(env, """{"DailyBulkApiBatches":{"max":100,"used":100}}""");

        var (response, body) = await v1.CallAsync(HttpMethod.Post, $"job/{job}/batch", session, "Name\nAcme\n", "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ExceededQuota", XmlValue(body, "exceptionCode"));
    }

    [Fact]
    public async Task DailyBulkV2QueryJobs_EachQueryJobCounted_RefusedWhenSpent()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        await SetAsync(env, """{"DailyBulkV2QueryJobs":{"max":2}}""");
        const string body = """{"operation":"query","query":"SELECT Id FROM Lead"}""";

        using var first = await env.Http.SendAsync(HttpMethod.Post, "services/data/v66.0/jobs/query", token, body);
        using var second = await env.Http.SendAsync(HttpMethod.Post, "services/data/v66.0/jobs/query", token, body);
        var third = await ReadAsync(await env.Http.SendAsync(HttpMethod.Post, "services/data/v66.0/jobs/query", token, body));
        var limits = await GetLimitsAsync(env, token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, third.Status);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", third.Json[0].GetProperty("errorCode").GetString());
        Assert.Equal(0, limits.Json.GetProperty("DailyBulkV2QueryJobs").GetProperty("Remaining").GetInt64());
        Assert.True(limits.Json.GetProperty("DailyBulkV2QueryFileStorageMB").GetProperty("Remaining").GetInt64() < 976_562);
    }

    [Fact]
    public async Task Maxima_SetAtStart_ShownByLimitsResource()
    {
        await using var host = await TestEmulator.StartAsync(new TestEmulatorOptions { RealClock = true, Emulator = o => o.AllocationMaxima["DailyApiRequests"] = 15_000 });
        var (emulator, http) = (host.Server, host.Http);
        var control = await SendAsync(http, HttpMethod.Get, "_emulator/limits");

        Assert.Equal(15_000, control.AssertStatus(HttpStatusCode.OK).Json.GetProperty("DailyApiRequests").GetProperty("max").GetInt64());
    }

    [Fact]
    public async Task Maxima_UnknownNameAtStart_Refused()
    {
        var options = new EmulatorOptions();
        options.AllocationMaxima["DailyApiCalls"] = 1;

        await Assert.ThrowsAsync<ArgumentException>(async () => await EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("""{"DailyApiCalls":{"max":1}}""")]
    [InlineData("""{"DailyApiRequests":{"max":-1}}""")]
    [InlineData("""{"DailyApiRequests":{"limit":1}}""")]
    [InlineData("""{"DailyApiRequests":5}""")]
    public async Task Control_BadBody_400AndNothingChanged(string body)
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);

        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/limits", body);
        var control = await SendAsync(env.Http, HttpMethod.Get, "_emulator/limits");

        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal(5_000_000, control.Json.GetProperty("DailyApiRequests").GetProperty("max").GetInt64());
    }

    [Fact]
    public async Task Control_Delete_ZeroesUsageKeepsMaxima()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await SetAsync(env, """{"DailyApiRequests":{"max":50,"used":40}}""");

        (await SendAsync(env.Http, HttpMethod.Delete, "_emulator/limits")).AssertStatus(HttpStatusCode.NoContent);
        var control = await SendAsync(env.Http, HttpMethod.Get, "_emulator/limits");

        var requests = control.Json.GetProperty("DailyApiRequests");
        Assert.Equal(50, requests.GetProperty("max").GetInt64());
        Assert.Equal(0, requests.GetProperty("used").GetInt64());
    }

    [Fact]
    public async Task Limits_NoSession_401()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);

        var reply = await GetLimitsAsync(env, "not-a-session");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    private static async Task<Reply> GetLimitsAsync(TestEmulator env, string token)
    {
        using var request = RawApi.V2Request(HttpMethod.Get, LimitsPath, token);
        return await ReadAsync(await env.Http.SendAsync(request));
    }

    private static async Task SetAsync(TestEmulator env, string json) =>
        (await SendAsync(env.Http, HttpMethod.Post, "_emulator/limits", json)).AssertStatus(HttpStatusCode.OK);

    private static string? Header(Reply reply) =>
        reply.Headers.TryGetValues("Sforce-Limit-Info", out var values) ? string.Join(",", values) : null;
}
