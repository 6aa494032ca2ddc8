using System.Net;
using System.Text.Json;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV2;

public sealed class QueryJobTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private const string Jobs = "services/data/v66.0/jobs/query";
    private static readonly string[] CreateMembers = ["id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "lineEnding", "columnDelimiter"];
    private static readonly string[] InfoMembers = ["id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "jobType", "lineEnding", "columnDelimiter", "numberRecordsProcessed", "retries", "totalProcessingTime", "isPkChunkingSupported"];

    private HttpClient Http => fixture.Http;

    private TimeSpan UntilComplete => fixture.Server.Options.BatchQueueDelay + fixture.Server.Options.BatchProcessingTime;

    [Fact]
    public async Task Create_ValidQuery_Returns200UploadComplete()
    {
        var token = await fixture.LoginAsync();
        using var response = await Http.SendAsync(HttpMethod.Post, Jobs, token, "{\"operation\":\"query\",\"query\":\"SELECT Id, Name FROM Lead\",\"contentType\":\"CSV\"}");
        var job = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(CreateMembers, JsonAssert.Names(job));
        Assert.Equal("UploadComplete", job.GetProperty("state").GetString());
        Assert.Equal("Lead", job.GetProperty("object").GetString());
        Assert.Equal("query", job.GetProperty("operation").GetString());
    }

    [Fact]
    public async Task Get_AfterProcessingTime_ReportsJobCompleteWithRecordCount()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id FROM Lead");
        Assert.Equal("UploadComplete", (await GetAsync(token, id)).GetProperty("state").GetString());
        fixture.Time.Advance(fixture.Server.Options.BatchQueueDelay);
        Assert.Equal("InProgress", (await GetAsync(token, id)).GetProperty("state").GetString());
        fixture.Time.Advance(fixture.Server.Options.BatchProcessingTime);

        var job = await GetAsync(token, id);
        Assert.Equal(InfoMembers, JsonAssert.Names(job));
        Assert.Equal("JobComplete", job.GetProperty("state").GetString());
        Assert.Equal("V2Query", job.GetProperty("jobType").GetString());
        Assert.Equal(20, job.GetProperty("numberRecordsProcessed").GetInt64());
    }

    [Fact]
    public async Task Results_MaxRecords8Of20_PagesWithLocatorsAndNullOnLastPage()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id, Name FROM Lead");
        fixture.Time.Advance(UntilComplete);

        var rows = new List<string>();
        string? locator = null;
        var counts = new List<string>();
        var locators = new List<string>();
        do
        {
            var path = $"{Jobs}/{id}/results?maxRecords=8" + (locator is null ? string.Empty : "&locator=" + locator);
            using var response = await Http.SendAsync(HttpMethod.Get, path, token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            counts.Add(response.Headers.GetValues("Sforce-NumberOfRecords").Single());
            locator = response.Headers.GetValues("Sforce-Locator").Single();
            locators.Add(locator);
            var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("\"Id\",\"Name\"", lines[0]);
            rows.AddRange(lines.Skip(1));
        }
        while (locator != "null");

        Assert.Equal(["8", "8", "4"], counts);
        Assert.Equal(["OA", "MTY", "null"], locators);
        Assert.Equal(20, rows.Distinct(StringComparer.Ordinal).Count());
        Assert.Matches("^\"00Q[0-9A-Za-z]{15}\",\"Lead 1\"$", rows[0]);
    }

    [Fact]
    public async Task Results_LimitClause_CapsRecordCount()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id FROM Account WHERE Name != null LIMIT 5");
        fixture.Time.Advance(UntilComplete);

        using var response = await Http.SendAsync(HttpMethod.Get, $"{Jobs}/{id}/results", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("Sforce-NumberOfRecords").Single());
        Assert.Equal("null", response.Headers.GetValues("Sforce-Locator").Single());
        Assert.Equal(6, (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Results_OtherApiVersionThanJob_Returns409()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id FROM Lead");
        fixture.Time.Advance(UntilComplete);

        using var response = await Http.SendAsync(HttpMethod.Get, $"services/data/v64.0/jobs/query/{id}/results", token);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Results_JobNotComplete_Returns400InvalidJobState()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id FROM Lead");
        using var response = await Http.SendAsync(HttpMethod.Get, $"{Jobs}/{id}/results", token);
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALIDJOBSTATE");
    }

    [Fact]
    public async Task Abort_InProgressJob_Returns200Aborted()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id FROM Contact");
        fixture.Time.Advance(fixture.Server.Options.BatchQueueDelay);

        using var response = await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"Aborted\"}");
        var job = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(CreateMembers, JsonAssert.Names(job));
        Assert.Equal("Aborted", job.GetProperty("state").GetString());
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Aborted", (await GetAsync(token, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Abort_CompletedJob_Returns400WithDocumentedBody()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id FROM Lead");
        fixture.Time.Advance(UntilComplete);

        using var response = await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"Aborted\"}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[{\"errorCode\":\"INVALIDJOBSTATE\",\"message\":\"Aborting already Completed Job not allowed\"}]", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Abort_AbortedJob_Returns400InvalidJobState()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id FROM Lead");
        (await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"Aborted\"}")).Dispose();

        using var response = await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"Aborted\"}");
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALIDJOBSTATE", "Aborting already Aborted Job not allowed");
    }

    [Fact]
    public async Task Patch_UploadCompleteOnQueryJob_Returns400InvalidJobState()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id FROM Lead");
        using var response = await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"UploadComplete\"}");
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALIDJOBSTATE", "Invalid state UploadComplete: a query job can only be set to Aborted");
    }

    [Fact]
    public async Task Delete_UploadCompleteJob_Returns400ApiError()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id FROM Lead");
        using var response = await Http.SendAsync(HttpMethod.Delete, $"{Jobs}/{id}", token);
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "API_ERROR", "Error encountered when deleting the job because the job is not terminated");
    }

    [Fact]
    public async Task Delete_CompletedJob_Returns204ThenNotFound()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token, "SELECT Id FROM Lead");
        fixture.Time.Advance(UntilComplete);

        using (var delete = await Http.SendAsync(HttpMethod.Delete, $"{Jobs}/{id}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var get = await Http.SendAsync(HttpMethod.Get, $"{Jobs}/{id}", token);
        Assert.Equal("[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]", await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Create_UnknownObject_Returns400InvalidType()
    {
        var token = await fixture.LoginAsync();
        using var response = await Http.SendAsync(HttpMethod.Post, Jobs, token, "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Widget\"}");
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_TYPE");
    }

    [Fact]
    public async Task Create_BadOperation_Returns400JsonParserError()
    {
        var token = await fixture.LoginAsync();
        using var response = await Http.SendAsync(HttpMethod.Post, Jobs, token, "{\"operation\":\"insert\",\"query\":\"SELECT Id FROM Lead\"}");
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "JSON_PARSER_ERROR");
    }

    private async Task<string> CreateAsync(string token, string soql)
    {
        using var response = await Http.SendAsync(HttpMethod.Post, Jobs, token, JsonSerializer.Serialize(new Dictionary<string, string> { ["operation"] = "query", ["query"] = soql }));
        return (await JsonAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> GetAsync(string token, string id)
    {
        using var response = await Http.SendAsync(HttpMethod.Get, $"{Jobs}/{id}", token);
        return await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
    }
}
