using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV1;

public sealed class ClassicJobSeedTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private readonly BulkV1Client _v1 = new(fixture);

    [Fact]
    public async Task Seed_TenThousandOldOpenJobs_ReturnsIdsFastAndJobsAreVisible()
    {
        var watch = Stopwatch.StartNew();
        var (response, ids) = await SeedAsync("{\"count\":10000,\"state\":\"Open\",\"createdBy\":\"integration@sfbulk.test\",\"ageSeconds\":90000}");
        watch.Stop();
        var session = _v1.NewSession();
        var job = await _v1.GetJobXmlAsync(session, ids[9_999]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(10_000, ids.Distinct().Count());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"seeding took {watch.Elapsed}");
        Assert.Equal("Open", BulkV1Client.Value(job, "state"));
        Assert.Equal(fixture.Server.State.FindUser("integration@sfbulk.test")!.Id, BulkV1Client.Value(job, "createdById"));
        var expected = (fixture.Server.Clock.GetUtcNow() - TimeSpan.FromSeconds(90_000)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, BulkV1Client.Value(job, "createdDate"));
    }

    [Fact]
    public async Task Seed_ChunkedJobWithFailingChunk_RunsChunksOverTimeAndFailsThatChunk()
    {
        var (_, ids) = await SeedAsync("{\"operation\":\"query\",\"object\":\"Account\",\"pkChunking\":{\"chunkSize\":100000},\"chunks\":40,\"chunkDurationSeconds\":30,\"failChunks\":[3]}");
        var session = _v1.NewSession();
        _v1.Advance(TimeSpan.FromSeconds(1.5) + TimeSpan.FromSeconds(1));
        var early = await _v1.GetJobXmlAsync(session, ids[0]);
        _v1.Advance(TimeSpan.FromSeconds(30 * 10));
        var done = await _v1.GetJobXmlAsync(session, ids[0]);
        var batches = await _v1.GetBatchesXmlAsync(session, ids[0]);

        Assert.Equal("41", BulkV1Client.Value(early, "numberBatchesTotal"));
        Assert.Equal("4", BulkV1Client.Value(early, "numberBatchesInProgress"));
        Assert.Equal("36", BulkV1Client.Value(early, "numberBatchesQueued"));
        Assert.Equal("39", BulkV1Client.Value(done, "numberBatchesCompleted"));
        Assert.Equal("1", BulkV1Client.Value(done, "numberBatchesFailed"));
        Assert.Equal("Open", BulkV1Client.Value(done, "state"));
        Assert.Equal("NotProcessed", BulkV1Client.Value(batches[0], "state"));
        Assert.Equal("Failed", BulkV1Client.Value(batches[3], "state"));
        Assert.Contains("QUERY_TIMEOUT", BulkV1Client.Value(batches[3], "stateMessage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_ChunkedJobOnAnObjectWithoutChunking_FailsItsBatchWithoutChunks()
    {
        var (_, ids) = await SeedAsync("{\"operation\":\"query\",\"object\":\"EmailMessage\",\"pkChunking\":true}");
        var session = _v1.NewSession();
        _v1.Advance(TimeSpan.FromSeconds(5));
        var job = await _v1.GetJobXmlAsync(session, ids[0]);
        var batches = await _v1.GetBatchesXmlAsync(session, ids[0]);

        var batch = Assert.Single(batches);
        Assert.Equal("Failed", BulkV1Client.Value(batch, "state"));
        Assert.Contains("PK chunking is not supported for the object EmailMessage", BulkV1Client.Value(batch, "stateMessage"), StringComparison.Ordinal);
        Assert.Equal("1", BulkV1Client.Value(job, "numberBatchesFailed"));
        Assert.Equal("Open", BulkV1Client.Value(job, "state"));
    }

    [Fact]
    public async Task Seed_ClosedJob_CloseAgainReturnsInvalidJobState()
    {
        var (_, ids) = await SeedAsync("{\"state\":\"Closed\",\"contentType\":\"JSON\"}");

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{ids[0]}", _v1.NewSession(), "{\"state\":\"Closed\"}", BulkV1Client.JsonType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"exceptionCode\":\"InvalidJobState\",\"exceptionMessage\":\"Closing already closed Job not allowed\"}", body);
    }

    [Fact]
    public async Task Seed_IngestBatches_ShowCompletedCountsAndResults()
    {
        var (_, ids) = await SeedAsync("{\"batches\":2,\"recordsPerBatch\":5,\"failedRecordsPerBatch\":1,\"ageSeconds\":3600}");
        var session = _v1.NewSession();

        var job = await _v1.GetJobXmlAsync(session, ids[0]);
        var batch = BulkV1Client.Value((await _v1.GetBatchesXmlAsync(session, ids[0]))[0], "id");
        var (_, results) = await _v1.CallAsync(HttpMethod.Get, $"job/{ids[0]}/batch/{batch}/result", session);

        Assert.Equal("2", BulkV1Client.Value(job, "numberBatchesCompleted"));
        Assert.Equal("10", BulkV1Client.Value(job, "numberRecordsProcessed"));
        Assert.Equal("2", BulkV1Client.Value(job, "numberRecordsFailed"));
        Assert.Equal(6, results.TrimEnd('\n').Split('\n').Length);
    }

    [Theory]
    [InlineData("{\"count\":0}")]
    [InlineData("{\"state\":\"Weird\"}")]
    [InlineData("{\"createdBy\":\"nobody@example.com\"}")]
    [InlineData("{\"unknown\":1}")]
    [InlineData("not json")]
    public async Task Seed_InvalidBody_Returns400WithError(string body)
    {
        var (response, ids) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(JsonDocument.Parse(ids).RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Seed_ControlSurfaceDisabled_IsNotMapped()
    {
        await using var host = await TestEmulator.StartAsync(new TestEmulatorOptions { RealClock = true, Emulator = o => o.EnableControlSurface = false });
        var (emulator, http) = (host.Server, host.Http);
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("_emulator/jobs/classic", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(HttpResponseMessage Response, List<string> Ids)> SeedAsync(string body)
    {
        var (response, text) = await PostAsync(body);
        Assert.True(response.IsSuccessStatusCode, text);
        return (response, [.. JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.GetString()!)]);
    }

    private async Task<(HttpResponseMessage Response, string Body)> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await fixture.Http.PostAsync("_emulator/jobs/classic", content, TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
