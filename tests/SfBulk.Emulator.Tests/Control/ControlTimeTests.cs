using System.Net;
using static SfBulk.Emulator.Tests.Infrastructure.RawApi;

namespace SfBulk.Emulator.Tests.Control;

public sealed class ControlTimeTests
{
    [Fact]
    public async Task Time_Get_ReturnsEmulatedNowAndScale()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Get, "_emulator/time");
        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("""{"now":"2026-11-02T09:30:00.000Z","scale":1}""", reply.Body);
    }

    [Fact]
    public async Task Advance_Seconds_MovesClockForward()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/time/advance", """{"seconds":90.5}""");
        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("""{"now":"2026-11-02T09:31:30.500Z","scale":1}""", reply.Body);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 31, 30, 500, TimeSpan.Zero), env.Server.Clock.GetUtcNow());
    }

    [Theory]
    [InlineData("""{"seconds":-1}""", "'seconds' must be between 0 and 315360000.")]
    [InlineData("""{"seconds":"10"}""", "The body must be {\"seconds\": <number>}.")]
    [InlineData("""{"secs":10}""", "The body must be {\"seconds\": <number>}.")]
    [InlineData("", "A JSON object body is required.")]
    public async Task Advance_InvalidBody_Returns400(string body, string error)
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/time/advance", body);
        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal(error, reply.Json.GetProperty("error").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero), env.Server.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Advance_MalformedJson_Returns400()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/time/advance", "{\"seconds\":");
        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.StartsWith("Malformed JSON: ", reply.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scale_Valid_SpeedsUpClock()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/time/scale", """{"scale":60}""");
        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("""{"now":"2026-11-02T09:30:00.000Z","scale":60}""", reply.Body);
        env.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("""{"now":"2026-11-02T09:32:00.000Z","scale":60}""", (await SendAsync(env.Http, HttpMethod.Get, "_emulator/time")).Body);
    }

    [Fact]
    public async Task Scale_Fraction_IsWrittenAsDecimal()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/time/scale", """{"scale":0.5}""");
        Assert.Equal("""{"now":"2026-11-02T09:30:00.000Z","scale":0.5}""", reply.AssertStatus(HttpStatusCode.OK).Body);
    }

    [Theory]
    [InlineData("""{"scale":0}""")]
    [InlineData("""{"scale":100001}""")]
    public async Task Scale_OutOfRange_Returns400(string body)
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/time/scale", body);
        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal("""{"error":"'scale' must be above 0 and at most 100000."}""", reply.Body);
        Assert.Equal(1, env.Server.Clock.Scale);
    }
}
