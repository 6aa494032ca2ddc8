using System.Net;
using SfBulk.Emulator.Control;
using static SfBulk.Emulator.Tests.Infrastructure.RawApi;

namespace SfBulk.Emulator.Tests.Control;

/// <summary>When rules fire: rate (seeded), count, every, and their order.</summary>
public sealed class ControlFaultScheduleTests
{
    [Fact]
    public async Task Count_Two_FaultsNextTwoRequestsThenStops()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"status","count":2}""");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await GetV1JobAsync(env.Http, token, jobId)).Status);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        var rule = (await SendAsync(env.Http, HttpMethod.Get, "_emulator/faults")).Json.GetProperty("rules")[0];
        Assert.Equal(4, rule.GetProperty("matched").GetInt32());
        Assert.Equal(2, rule.GetProperty("applied").GetInt32());
        Assert.Equal(0, rule.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Every_Three_FaultsEveryThirdRequest()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"status","status":500,"every":3}""");

        var faulted = new List<int>();
        for (var i = 1; i <= 9; i++)
        {
            if ((await GetV1JobAsync(env.Http, token, jobId)).Status == HttpStatusCode.InternalServerError)
            {
                faulted.Add(i);
            }
        }

        Assert.Equal([3, 6, 9], faulted);
    }

    [Fact]
    public async Task Rate_Seeded_FollowsTheSeedsRandomSequence()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"status","rate":0.3,"seed":42}""");
        var random = new Random(42);

        var expected = new List<bool>();
        var actual = new List<bool>();
        for (var i = 0; i < 30; i++)
        {
            expected.Add(random.NextDouble() < 0.3);
            actual.Add((await GetV1JobAsync(env.Http, token, jobId)).Status == HttpStatusCode.ServiceUnavailable);
        }

        Assert.Equal(expected, actual);
        Assert.Contains(true, actual);
        Assert.Contains(false, actual);
    }

    [Fact]
    public async Task Rules_TwoMatching_FirstAddedWins()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"status","status":500,"count":1}""");
        await env.AddFaultAsync("""{"route":"*","kind":"status","status":502}""");

        Assert.Equal(HttpStatusCode.InternalServerError, (await GetV1JobAsync(env.Http, token, jobId)).Status);
        Assert.Equal(HttpStatusCode.BadGateway, (await GetV1JobAsync(env.Http, token, jobId)).Status);
    }

    [Fact]
    public async Task Rule_OtherRoute_IsNotApplied()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1UpdateJob}}","kind":"status"}""");

        (await GetV1JobAsync(env.Http, token, jobId)).AssertStatus(HttpStatusCode.OK);
        (await SetV1JobStateAsync(env.Http, token, jobId, "Closed")).AssertStatus(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public void TryFire_RateEveryAndCount_CombineInThatOrder()
    {
        var rule = new FaultRule("f1", new FaultRuleSpec("*", FaultKind.Status, 503, Rate: 1.0, Count: 2, Every: 2, 0, 0, null, null, null));

        var fired = Enumerable.Range(1, 10).Where(_ => rule.TryFire()).Count();

        Assert.Equal(2, fired);
        Assert.Equal(10, rule.Matched);
        Assert.Equal(2, rule.Applied);
        Assert.Equal(0, rule.Remaining);
    }

    [Fact]
    public void Pick_NoRules_ReturnsNull()
    {
        var injector = new FaultInjector();
        Assert.Null(injector.Pick("GET /services/async/{version}/job/{jobId}"));
        Assert.Empty(injector.Rules);
    }
}
