using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SfBulk.Emulator.State;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV2;

/// <summary>Get All Jobs; every test gets a fresh org so counts are exact.</summary>
public sealed class GetAllJobsTests : IAsyncLifetime
{
    private static readonly string[] ClassicMembers = ["id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "jobType", "lineEnding", "columnDelimiter"];
    private static readonly string[] IngestMembers = ["id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "jobType", "contentUrl", "lineEnding", "columnDelimiter"];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));
    private EmulatorServer _emulator = null!;
    private HttpClient _http = null!;
    private TestEmulator _host = null!;
    private string _token = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestEmulator.StartAsync(o => o.TimeProvider = _time);
        (_emulator, _http) = (_host.Server, _host.Http);
        _token = _emulator.State.Sessions.Create(_emulator.State.DefaultUser).Token;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task List_2500IngestJobs_ReturnsThreePagesOf1000()
    {
        var seeded = await SeedAsync(2500, "V2Ingest");

        var (pages, ids) = await ListAllAsync("services/data/v66.0/jobs/ingest");

        Assert.Equal([1000, 1000, 500], pages.Select(p => p.GetProperty("records").GetArrayLength()));
        Assert.Equal([false, false, true], pages.Select(p => p.GetProperty("done").GetBoolean()));
        Assert.Matches(@"^/services/data/v66\.0/jobs/ingest\?queryLocator=01g[0-9A-Za-z]{15}-1000$", pages[0].GetProperty("nextRecordsUrl").GetString());
        Assert.Matches(@"-2000$", pages[1].GetProperty("nextRecordsUrl").GetString());
        Assert.Equal(JsonValueKind.Null, pages[2].GetProperty("nextRecordsUrl").ValueKind);
        Assert.Equal(seeded, ids);
        Assert.Equal(IngestMembers, JsonAssert.Names(pages[0].GetProperty("records")[0]));
    }

    [Fact]
    public async Task List_JobsAddedWhilePaging_LocatorStaysStable()
    {
        var seeded = await SeedAsync(1500, "V2Ingest");
        using var first = await _http.SendAsync(HttpMethod.Get, "services/data/v66.0/jobs/ingest", _token);
        var page1 = await JsonAssert.JsonAsync(first, HttpStatusCode.OK);
        var added = await SeedAsync(10, "V2Ingest");

        using var second = await _http.SendAsync(HttpMethod.Get, page1.GetProperty("nextRecordsUrl").GetString()!.TrimStart('/'), _token);
        var page2 = await JsonAssert.JsonAsync(second, HttpStatusCode.OK);

        var ids = page1.GetProperty("records").EnumerateArray().Concat(page2.GetProperty("records").EnumerateArray()).Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.True(page2.GetProperty("done").GetBoolean());
        Assert.Equal([.. seeded, .. added], ids);
    }

    [Fact]
    public async Task List_ClassicJobs_AppearInBothListsAndV2JobsOnlyInTheirOwn()
    {
        var classicQuery = AddClassicJob(_emulator, "query", pk: true);
        var classicInsert = AddClassicJob(_emulator, "insert", pk: false);
        var ingest = (await SeedAsync(1, "V2Ingest"))[0];
        var query = (await SeedAsync(1, "V2Query"))[0];

        var (_, ingestIds) = await ListAllAsync("services/data/v66.0/jobs/ingest");
        var (queryPages, queryIds) = await ListAllAsync("services/data/v66.0/jobs/query");

        Assert.Equal([classicQuery, classicInsert, ingest], ingestIds);
        Assert.Equal([classicQuery, classicInsert, query], queryIds);
        var classic = queryPages[0].GetProperty("records")[0];
        Assert.Equal(ClassicMembers, JsonAssert.Names(classic));
        Assert.Equal("Classic", classic.GetProperty("jobType").GetString());
        Assert.Equal("Open", classic.GetProperty("state").GetString());
    }

    [Fact]
    public async Task List_JobTypeClassicAndPkChunking_FiltersToChunkedClassicJobs()
    {
        var chunked = AddClassicJob(_emulator, "query", pk: true);
        AddClassicJob(_emulator, "query", pk: false);
        await SeedAsync(3, "V2Query");

        var (_, ids) = await ListAllAsync("services/data/v66.0/jobs/query?jobType=Classic&isPkChunkingEnabled=true");
        Assert.Equal([chunked], ids);
        var (_, v2) = await ListAllAsync("services/data/v66.0/jobs/query?jobType=V2Query");
        Assert.Equal(3, v2.Count);
    }

    [Fact]
    public async Task List_ConcurrencyModeSerial_ReturnsOnlySerialJobs()
    {
        var serial = AddClassicJob(_emulator, "insert", pk: false, mode: "Serial");
        AddClassicJob(_emulator, "insert", pk: false);

        var (_, ids) = await ListAllAsync("services/data/v66.0/jobs/ingest?concurrencyMode=serial");
        Assert.Equal([serial], ids);
    }

    [Fact]
    public async Task List_InvalidJobType_Returns400()
    {
        using var response = await _http.SendAsync(HttpMethod.Get, "services/data/v66.0/jobs/ingest?jobType=V2Query", _token);
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALIDPARAMETER");
    }

    [Fact]
    public async Task List_UnknownQueryLocator_Returns400()
    {
        using var response = await _http.SendAsync(HttpMethod.Get, "services/data/v66.0/jobs/ingest?queryLocator=01gR00000000zzzAAA-1000", _token);
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_QUERY_LOCATOR");
    }

    [Fact]
    public async Task List_10000Jobs_TenPagesQuickly()
    {
        await SeedAsync(10_000, "V2Query");
        var watch = Stopwatch.StartNew();

        var (pages, ids) = await ListAllAsync("services/data/v66.0/jobs/query");

        watch.Stop();
        Assert.Equal(10, pages.Count);
        Assert.Equal(10_000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Listing took {watch.Elapsed}");
    }

    [Fact]
    public async Task Seed_UnknownKind_Returns400()
    {
        using var response = await _http.PostAsync("_emulator/jobs/v2", new StringContent("{\"kind\":\"Classic\"}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_SEED");
    }

    [Fact]
    public async Task Seed_AgeAndState_AppliedToJobs()
    {
        var id = (await SeedAsync(1, "V2Ingest", "\"state\":\"UploadComplete\",\"ageSeconds\":3600,\"createdBy\":\"integration@sfbulk.test\""))[0];

        using var response = await _http.SendAsync(HttpMethod.Get, $"services/data/v66.0/jobs/ingest/{id}", _token);
        var job = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("UploadComplete", job.GetProperty("state").GetString());
        Assert.Equal(IngestJobTests.FormatDate(_time.GetUtcNow().AddHours(-1)), job.GetProperty("createdDate").GetString());
        Assert.Equal(_emulator.State.FindUser("integration@sfbulk.test")!.Id, job.GetProperty("createdById").GetString());
    }

    /// <summary>Adds a Bulk 1.0 job straight into the org state.</summary>
    internal static string AddClassicJob(EmulatorServer emulator, string operation, bool pk, string mode = "Parallel")
    {
        var state = emulator.State;
        var id = state.NewJobId(out var sequence);
        state.AddJob(new EmulatedJob(id, JobKind.Classic, state.Now, JobStates.Open)
        {
            Sequence = sequence,
            Operation = operation,
            Object = "Account",
            CreatedById = state.DefaultUser.Id,
            ApiVersion = "64.0",
            ContentType = "CSV",
            ConcurrencyMode = mode,
            PkChunking = pk ? new PkChunkingSettings(PkChunkingSettings.DefaultChunkSize, null, null) : null,
            LastModified = state.Now,
        });
        return id;
    }

    private async Task<List<string>> SeedAsync(int count, string kind, string extra = "")
    {
        var body = $"{{\"count\":{count},\"kind\":\"{kind}\"" + (extra.Length > 0 ? "," + extra : string.Empty) + "}";
        using var response = await _http.PostAsync("_emulator/jobs/v2", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var ids = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
        return [.. ids.EnumerateArray().Select(e => e.GetString()!)];
    }

    private async Task<(List<JsonElement> Pages, List<string> Ids)> ListAllAsync(string path)
    {
        var pages = new List<JsonElement>();
        string? next = path;
        while (next is not null)
        {
            using var response = await _http.SendAsync(HttpMethod.Get, next.TrimStart('/'), _token);
            var page = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
            pages.Add(page);
            next = page.GetProperty("nextRecordsUrl").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextRecordsUrl").GetString();
        }

        return (pages, [.. pages.SelectMany(p => p.GetProperty("records").EnumerateArray()).Select(r => r.GetProperty("id").GetString()!)]);
    }
}
