using System.Net;
using static SfBulk.Emulator.Tests.Infrastructure.RawApi;

namespace SfBulk.Emulator.Tests.Control;

public sealed class ControlSessionTests
{
    [Fact]
    public async Task Expire_NoBody_ExpiresEverySession()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var first = await env.LoginAsync();
        var second = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, first);

        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/sessions/expire");

        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("""{"expired":2}""", reply.Body);
        foreach (var token in new[] { first, second })
        {
            var job = await GetV1JobAsync(env.Http, token, jobId);
            job.AssertStatus(HttpStatusCode.BadRequest);
            Assert.Equal("InvalidSessionId", XmlValue(job.Body, "exceptionCode"));
        }
    }

    [Fact]
    public async Task Expire_Token_ExpiresOnlyThatSessionAndDoesNotEchoIt()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var doomed = await env.LoginAsync();
        var kept = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, kept);

        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/sessions/expire", $$"""{"token":"{{doomed}}"}""");

        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("""{"expired":1}""", reply.Body);
        Assert.DoesNotContain(doomed, reply.Body, StringComparison.Ordinal);
        Assert.Equal("InvalidSessionId", XmlValue((await GetV1JobAsync(env.Http, doomed, jobId)).AssertStatus(HttpStatusCode.BadRequest).Body, "exceptionCode"));
        Assert.Equal("Open", XmlValue((await GetV1JobAsync(env.Http, kept, jobId)).AssertStatus(HttpStatusCode.OK).Body, "state"));
    }

    [Fact]
    public async Task Expire_UnknownToken_ExpiresNone()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await env.LoginAsync();
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/sessions/expire", """{"token":"00Dnope!AQ"}""");
        Assert.Equal("""{"expired":0}""", reply.AssertStatus(HttpStatusCode.OK).Body);
    }

    [Theory]
    [InlineData("""{"token":""}""")]
    [InlineData("""{"token":42}""")]
    [InlineData("""{"user":"admin@sfbulk.test"}""")]
    [InlineData("""["token"]""")]
    public async Task Expire_InvalidBody_Returns400AndExpiresNothing(string body)
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = await CreateV1JobAsync(env.Http, token);
        var reply = await SendAsync(env.Http, HttpMethod.Post, "_emulator/sessions/expire", body);
        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.True(reply.Json.TryGetProperty("error", out _));
        (await GetV1JobAsync(env.Http, token, jobId)).AssertStatus(HttpStatusCode.OK);
    }
}
