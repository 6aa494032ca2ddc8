using System.Net;
using System.Text.Json;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV1;

/// <summary>Bulk API 1.0 routes answer only for Bulk API 1.0 (Classic) jobs; clients detect the API from this.</summary>
public sealed class CrossApiTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private readonly BulkV1Client _v1 = new(fixture);

    [Fact]
    public async Task GetJob_IdOfV2IngestJob_AnswersInvalidJob()
    {
        var session = _v1.NewSession();
        using var create = await fixture.Http.SendAsync(HttpMethod.Post, "services/data/v66.0/jobs/ingest", session, """{"object":"Account","operation":"insert"}""");
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        using var doc = JsonDocument.Parse(await create.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var id = doc.RootElement.GetProperty("id").GetString()!;

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{id}", session);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidJob</exceptionCode>", body, StringComparison.Ordinal);
    }
}
