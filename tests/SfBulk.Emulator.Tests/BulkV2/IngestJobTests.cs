using System.Net;
using System.Text.Json;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV2;

public sealed class IngestJobTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private const string Jobs = "services/data/v66.0/jobs/ingest";
    private const string CreateBody = "{\"object\":\"Account\",\"operation\":\"insert\",\"contentType\":\"CSV\",\"lineEnding\":\"LF\",\"columnDelimiter\":\"COMMA\"}";
    private static readonly string[] CreateMembers = ["id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "contentUrl", "lineEnding", "columnDelimiter"];
    private static readonly string[] InfoMembers = ["id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "jobType", "contentUrl", "lineEnding", "columnDelimiter", "numberRecordsProcessed", "numberRecordsFailed", "retries", "totalProcessingTime", "apiActiveProcessingTime", "apexProcessingTime"];

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Create_ValidBody_Returns200OpenJobInfo()
    {
        var token = await fixture.LoginAsync();
        using var response = await Http.SendAsync(HttpMethod.Post, Jobs, token, CreateBody);
        var raw = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var job = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(CreateMembers, JsonAssert.Names(job));
        var id = job.GetProperty("id").GetString()!;
        Assert.StartsWith("750", id, StringComparison.Ordinal);
        Assert.Equal(18, id.Length);
        Assert.Equal("Open", job.GetProperty("state").GetString());
        Assert.Equal(fixture.Server.State.DefaultUser.Id, job.GetProperty("createdById").GetString());
        Assert.Equal(FormatDate(fixture.Server.Clock.GetUtcNow()), job.GetProperty("createdDate").GetString());
        Assert.Contains("\"apiVersion\":66.0,", raw, StringComparison.Ordinal);
        Assert.Equal($"services/data/v66.0/jobs/ingest/{id}/batches", job.GetProperty("contentUrl").GetString());
    }

    [Fact]
    public async Task Create_UnknownObject_Returns400InvalidJob()
    {
        var token = await fixture.LoginAsync();
        using var response = await Http.SendAsync(HttpMethod.Post, Jobs, token, "{\"object\":\"Nope__c\",\"operation\":\"insert\"}");
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALIDJOB", "InvalidJob : Unable to find object: Nope__c");
    }

    [Fact]
    public async Task Create_MalformedJson_Returns400JsonParserError()
    {
        var token = await fixture.LoginAsync();
        using var response = await Http.SendAsync(HttpMethod.Post, Jobs, token, "{\"object\":");
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "JSON_PARSER_ERROR");
    }

    [Fact]
    public async Task Lifecycle_UploadCloseAndWait_CompletesWithCountsAndResults()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token);
        using (var upload = await Http.UploadCsvAsync($"{Jobs}/{id}/batches", token, "Name,Industry\nAcme,Energy\n,Retail\n\"Big, Co\",Media\n"))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            Assert.Equal(string.Empty, await upload.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        using (var close = await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"UploadComplete\"}"))
        {
            var closed = await JsonAssert.JsonAsync(close, HttpStatusCode.OK);
            Assert.Equal("UploadComplete", closed.GetProperty("state").GetString());
        }

        Assert.Equal("UploadComplete", (await GetAsync(token, id)).GetProperty("state").GetString());
        fixture.Time.Advance(fixture.Server.Options.BatchQueueDelay);
        Assert.Equal("InProgress", (await GetAsync(token, id)).GetProperty("state").GetString());
        fixture.Time.Advance(fixture.Server.Options.BatchProcessingTime);
        var done = await GetAsync(token, id);
        Assert.Equal(InfoMembers, JsonAssert.Names(done));
        Assert.Equal("JobComplete", done.GetProperty("state").GetString());
        Assert.Equal("V2Ingest", done.GetProperty("jobType").GetString());
        Assert.Equal(3, done.GetProperty("numberRecordsProcessed").GetInt64());
        Assert.Equal(1, done.GetProperty("numberRecordsFailed").GetInt64());
        Assert.Equal(2000, done.GetProperty("totalProcessingTime").GetInt64());

        var success = await CsvAsync(token, $"{Jobs}/{id}/successfulResults/");
        var lines = success.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"sf__Id\",\"sf__Created\",Name,Industry", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches("^\"001[0-9A-Za-z]{15}\",\"true\",\"Acme\",\"Energy\"$", lines[1]);
        Assert.EndsWith(",\"true\",\"Big, Co\",\"Media\"", lines[2], StringComparison.Ordinal);

        var failed = await CsvAsync(token, $"{Jobs}/{id}/failedResults/");
        Assert.Equal("\"sf__Id\",\"sf__Error\",Name,Industry\n\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"\",\"Retail\"\n", failed);
        Assert.Equal("Name,Industry\n", await CsvAsync(token, $"{Jobs}/{id}/unprocessedrecords/"));
    }

    [Fact]
    public async Task Upload_JobNotOpen_Returns400InvalidJobState()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token);
        (await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"UploadComplete\"}")).Dispose();

        using var response = await Http.UploadCsvAsync($"{Jobs}/{id}/batches", token, "Name\nX\n");
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALIDJOBSTATE");
    }

    [Fact]
    public async Task Upload_CrlfDataOnLfJob_FailsJobWithLineEndingMessage()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token);
        (await Http.UploadCsvAsync($"{Jobs}/{id}/batches", token, "Name\r\nAcme\r\n")).Dispose();
        (await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"UploadComplete\"}")).Dispose();
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var job = await GetAsync(token, id);
        Assert.Equal("Failed", job.GetProperty("state").GetString());
        Assert.Equal("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF", job.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Abort_OpenJob_Returns200AbortedAndUnprocessedRecords()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token);
        (await Http.UploadCsvAsync($"{Jobs}/{id}/batches", token, "Name\nAcme\n")).Dispose();

        using var response = await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"Aborted\"}");
        var job = await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(CreateMembers, JsonAssert.Names(job));
        Assert.Equal("Aborted", job.GetProperty("state").GetString());
        Assert.Equal("Name\nAcme\n", await CsvAsync(token, $"{Jobs}/{id}/unprocessedrecords"));
    }

    [Fact]
    public async Task Abort_CompletedJob_Returns400InvalidJobState()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token);
        (await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"UploadComplete\"}")).Dispose();
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        using var response = await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"Aborted\"}");
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALIDJOBSTATE", "Aborting already Completed Job not allowed");
    }

    [Fact]
    public async Task Close_AlreadyAborted_Returns400InvalidJobState()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token);
        (await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"Aborted\"}")).Dispose();

        using var response = await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"UploadComplete\"}");
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALIDJOBSTATE", "Closing already Aborted Job not allowed");
    }

    [Fact]
    public async Task Delete_OpenJob_Returns400ApiError()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token);
        using var response = await Http.SendAsync(HttpMethod.Delete, $"{Jobs}/{id}", token);
        await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "API_ERROR", "Error encountered when deleting the job because the job is not terminated");
    }

    [Fact]
    public async Task Delete_AbortedJob_Returns204ThenGetReturns404()
    {
        var token = await fixture.LoginAsync();
        var id = await CreateAsync(token);
        (await Http.SendAsync(HttpMethod.Patch, $"{Jobs}/{id}", token, "{\"state\":\"Aborted\"}")).Dispose();

        using (var delete = await Http.SendAsync(HttpMethod.Delete, $"{Jobs}/{id}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            Assert.Equal(string.Empty, await delete.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        using var get = await Http.SendAsync(HttpMethod.Get, $"{Jobs}/{id}", token);
        await JsonAssert.ErrorAsync(get, HttpStatusCode.NotFound, "NOT_FOUND", "The requested resource does not exist");
    }

    [Fact]
    public async Task Get_QueryJobIdOnIngestRoute_Returns404()
    {
        var token = await fixture.LoginAsync();
        using var create = await Http.SendAsync(HttpMethod.Post, "services/data/v66.0/jobs/query", token, "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Lead\"}");
        var id = (await JsonAssert.JsonAsync(create, HttpStatusCode.OK)).GetProperty("id").GetString();

        using var response = await Http.SendAsync(HttpMethod.Get, $"{Jobs}/{id}", token);
        await JsonAssert.ErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Get_ClassicJobId_Returns404()
    {
        var token = await fixture.LoginAsync();
        var classic = GetAllJobsTests.AddClassicJob(fixture.Server, "insert", pk: false);

        using var response = await Http.SendAsync(HttpMethod.Get, $"{Jobs}/{classic}", token);
        await JsonAssert.ErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND", "The requested resource does not exist");
    }

    [Fact]
    public async Task Get_Version40_Returns404()
    {
        var token = await fixture.LoginAsync();
        using var response = await Http.SendAsync(HttpMethod.Get, "services/data/v40.0/jobs/ingest", token);
        await JsonAssert.ErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    internal static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + ".000+0000";

    private async Task<string> CreateAsync(string token)
    {
        using var response = await Http.SendAsync(HttpMethod.Post, Jobs, token, CreateBody);
        return (await JsonAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> GetAsync(string token, string id)
    {
        using var response = await Http.SendAsync(HttpMethod.Get, $"{Jobs}/{id}", token);
        return await JsonAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    private async Task<string> CsvAsync(string token, string path)
    {
        using var response = await Http.SendAsync(HttpMethod.Get, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
