using System.Net;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.Auth;

public sealed class SessionExpiryTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private const string Expired = "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

    [Fact]
    public async Task BulkV2_IdleLongerThanTimeout_Returns401InvalidSessionId()
    {
        var token = await fixture.LoginAsync();
        fixture.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        using var request = RawApi.V2Request(HttpMethod.Get, "services/data/v66.0/jobs/ingest", token);
        using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Expired, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task BulkV2_RequestWithinTimeout_ResetsIdleTimer()
    {
        var token = await fixture.LoginAsync();
        for (var i = 0; i < 3; i++)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(90));
            using var request = RawApi.V2Request(HttpMethod.Get, "services/data/v66.0/jobs/query", token);
            using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic Zm9vOmJhcg==")]
    public async Task BulkV2_MissingOrUnknownToken_Returns401InvalidSessionId(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "services/data/v66.0/jobs/ingest");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Expired, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task BulkV1_SessionIdleExpired_Returns400InvalidSessionIdFromSameStore()
    {
        var token = await fixture.LoginAsync();
        fixture.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        using var request = RawApi.V1Request(HttpMethod.Get, "services/async/64.0/job/750R00000000001AAA", token);
        using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidSessionId</exceptionCode>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkV1_FreshOAuthToken_PassesSessionCheck()
    {
        var token = await fixture.LoginAsync();

        using var request = RawApi.V1Request(HttpMethod.Get, "services/async/64.0/job/750R00000000001AAA", token);
        using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.DoesNotContain("InvalidSessionId", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
