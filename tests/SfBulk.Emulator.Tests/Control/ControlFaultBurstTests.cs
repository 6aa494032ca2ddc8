using System.Net;
using SfBulk.Emulator.Control;
using static SfBulk.Emulator.Tests.Infrastructure.RawApi;

namespace SfBulk.Emulator.Tests.Control;

/// <summary>Runs of faults (<c>burst</c>) and responses that arrive after the work was done (<c>latencyAfter</c>).</summary>
public sealed class ControlFaultBurstTests
{
    [Fact]
    public async Task Burst_EveryFourWithBurstThree_FaultsRunsOfThree()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1GetJob}}","kind":"requestLimitExceeded","every":4,"burst":3}""");

        var faulted = new List<int>();
        for (var i = 1; i <= 12; i++)
        {
            var reply = await GetV1JobAsync(env.Http, token, jobId);
            if (reply.Status != HttpStatusCode.OK)
            {
                Assert.Equal("ExceededQuota", XmlValue(reply.Body, "exceptionCode"));
                faulted.Add(i);
            }
        }

        Assert.Equal([4, 5, 6, 8, 9, 10, 12], faulted);
        var rule = (await SendAsync(env.Http, HttpMethod.Get, "_emulator/faults")).Json.GetProperty("rules")[0];
        Assert.Equal(3, rule.GetProperty("burst").GetInt32());
        Assert.Equal(7, rule.GetProperty("applied").GetInt32());
    }

    [Fact]
    public void TryFire_BurstWithCount_CountCapsTheRun()
    {
        var rule = new FaultRule("f1", new FaultRuleSpec("*", FaultKind.Status, 503, Rate: null, Count: 4, Every: 5, 0, 0, null, null, null, Burst: 3));

        var fired = Enumerable.Range(1, 20).Where(_ => rule.TryFire()).ToArray();

        Assert.Equal([5, 6, 7, 10], fired);
        Assert.Equal(0, rule.Remaining);
    }

    [Fact]
    public void TryFire_SeededRateWithBurst_IsReproducible()
    {
        static int[] Run()
        {
            var rule = new FaultRule("f", new FaultRuleSpec("*", FaultKind.Status, 503, 0.01, null, null, 0, 9, null, null, null, 5));
            return [.. Enumerable.Range(1, 500).Where(_ => rule.TryFire())];
        }

        var first = Run();

        Assert.Equal(first, Run());
        Assert.NotEmpty(first);
        Assert.True(first.Length >= 5, string.Join(",", first));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("\"3\"")]
    public async Task Post_InvalidBurst_Returns400(string value)
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);

        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/faults", $$"""{"route":"*","kind":"status","burst":{{value}}}""");

        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Contains("'burst'", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LatencyAfter_ClientGivesUp_JobIsClosedAnyway()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1UpdateJob}}","kind":"latencyAfter","latencyMs":5000,"count":1}""");
        using var impatient = new HttpClient { BaseAddress = env.Server.BaseUri, Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => SetV1JobStateAsync(impatient, token, jobId, "Closed"));

        Assert.Equal("Closed", XmlValue((await GetV1JobAsync(env.Http, token, jobId)).AssertStatus(HttpStatusCode.OK).Body, "state"));
    }

    [Fact]
    public async Task LatencyAfter_PatientClient_GetsTheEndpointsAnswerLate()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        await env.AddFaultAsync($$"""{"route":"{{EmulatorRoutes.BulkV1UpdateJob}}","kind":"latencyAfter","latencyMs":300}""");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var reply = await SetV1JobStateAsync(env.Http, token, jobId, "Closed");

        Assert.True(watch.ElapsedMilliseconds >= 280, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal("Closed", XmlValue(reply.AssertStatus(HttpStatusCode.OK).Body, "state"));
        var rule = (await SendAsync(env.Http, HttpMethod.Get, "_emulator/faults")).Json.GetProperty("rules")[0];
        Assert.Equal("latencyAfter", rule.GetProperty("kind").GetString());
        Assert.Equal(300, rule.GetProperty("latencyMs").GetInt32());
    }
}
