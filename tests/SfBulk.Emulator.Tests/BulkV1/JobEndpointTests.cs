using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV1;

public sealed class JobEndpointTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private readonly BulkV1Client _v1 = new(fixture);

    internal static readonly string[] JobInfoOrder =
    [
        "id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType",
        "numberBatchesQueued", "numberBatchesInProgress", "numberBatchesCompleted", "numberBatchesFailed", "numberBatchesTotal",
        "numberRecordsProcessed", "numberRetries", "apiVersion", "numberRecordsFailed", "totalProcessingTime",
        "apiActiveProcessingTime", "apexProcessingTime",
    ];

    [Fact]
    public async Task CreateJob_XmlBody_ReturnsOpenJobInfoInDocOrder()
    {
        var session = _v1.NewSession();
        var (response, body) = await _v1.CallAsync(HttpMethod.Post, "job", session, BulkV1Client.JobXml("insert", "Account", "CSV"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n <id>750", body, StringComparison.Ordinal);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal(JobInfoOrder, root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Open", BulkV1Client.Value(root, "state"));
        Assert.Equal("CSV", BulkV1Client.Value(root, "contentType"));
        Assert.Equal("Parallel", BulkV1Client.Value(root, "concurrencyMode"));
        Assert.Equal("66.0", BulkV1Client.Value(root, "apiVersion"));
        Assert.Equal(fixture.Server.State.DefaultUser.Id, BulkV1Client.Value(root, "createdById"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$", BulkV1Client.Value(root, "createdDate"));
        Assert.Equal("0", BulkV1Client.Value(root, "numberBatchesTotal"));
    }

    [Fact]
    public async Task CreateJob_JsonBody_ReturnsJsonJobInfoWithNumericApiVersion()
    {
        var session = _v1.NewSession();
        var (response, body) = await _v1.CallAsync(HttpMethod.Post, "job", session, "{ \"operation\" : \"insert\", \"object\" : \"Account\", \"contentType\" : \"JSON\" }", BulkV1Client.JsonType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"apiVersion\": 66.0,", body, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(body);
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty("numberBatchesTotal").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$", doc.RootElement.GetProperty("createdDate").GetString());
        Assert.Equal("Open", doc.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task CreateJob_TrailingSlashPath_ReturnsJob()
    {
        var (response, body) = await _v1.CallAsync(HttpMethod.Post, "job/", _v1.NewSession(), BulkV1Client.JobXml("query", "Account", "CSV"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("query", BulkV1Client.Value(XDocument.Parse(body).Root!, "operation"));
    }

    [Fact]
    public async Task CreateJob_UpsertWithoutExternalId_ReturnsInvalidJobExactBody()
    {
        var (response, body) = await _v1.CallAsync(HttpMethod.Post, "job", _v1.NewSession(), BulkV1Client.JobXml("upsert", "Contact", "CSV"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n <exceptionCode>InvalidJob</exceptionCode>\n <exceptionMessage>External ID was blank for Contact. An External ID must be specified for upsert.</exceptionMessage>\n</error>",
            body);
    }

    [Fact]
    public async Task CreateJob_JsonBodyInvalidOperation_ReturnsJsonInvalidJobUnableToParse()
    {
        var (response, body) = await _v1.CallAsync(HttpMethod.Post, "job", _v1.NewSession(), "{\"operation\":\"INSERT\",\"object\":\"Account\",\"contentType\":\"JSON\"}", BulkV1Client.JsonType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"exceptionCode\":\"InvalidJob\",\"exceptionMessage\":\"Unable to parse Job\"}", body);
    }

    [Fact]
    public async Task CreateJob_ReadOnlyFieldInBody_ReturnsInvalidJobCannotBeSpecified()
    {
        var extra = "  <createdById>005R0000000001AAAA</createdById>\n";
        var (response, body) = await _v1.CallAsync(HttpMethod.Post, "job", _v1.NewSession(), BulkV1Client.JobXml("insert", "Account", "CSV", extra), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidJob</exceptionCode>\n <exceptionMessage>CreatedById cannot be specified</exceptionMessage>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateJob_DoctypeInBody_ReturnsInvalidXmlWithoutExpandingEntities()
    {
        const string evil = "<?xml version=\"1.0\"?><!DOCTYPE jobInfo [<!ENTITY x \"EXPANDED\">]><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><operation>insert</operation><object>&x;</object></jobInfo>";
        var (response, body) = await _v1.CallAsync(HttpMethod.Post, "job", _v1.NewSession(), evil, BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidXML</exceptionCode>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("EXPANDED", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TRUE")]
    [InlineData("false")]
    [InlineData("chunkSize=50000; startRow=00130000000xEftMGH")]
    [InlineData("chunkSize=250000;")]
    [InlineData("chunkSize=100000; parent=Case")]
    public async Task CreateJob_ValidPkChunkingHeader_ReturnsOpenJob(string header)
    {
        var (response, body) = await _v1.CallAsync(HttpMethod.Post, "job", _v1.NewSession(), BulkV1Client.JobXml("query", "Account", "CSV"), BulkV1Client.XmlType, ("Sforce-Enable-PKChunking", header));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Open", BulkV1Client.Value(XDocument.Parse(body).Root!, "state"));
    }

    [Theory]
    [InlineData("chunkSize=250001")]
    [InlineData("chunkSize=0")]
    [InlineData("chunkSize=abc")]
    [InlineData("startRow=notAnId")]
    [InlineData("maybe")]
    public async Task CreateJob_InvalidPkChunkingHeader_ReturnsInvalidJob(string header)
    {
        var (response, body) = await _v1.CallAsync(HttpMethod.Post, "job", _v1.NewSession(), BulkV1Client.JobXml("query", "Account", "CSV"), BulkV1Client.XmlType, ("Sforce-Enable-PKChunking", header));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<exceptionCode>InvalidJob</exceptionCode>", body, StringComparison.Ordinal);
        Assert.Contains("Sforce-Enable-PKChunking", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJob_MissingSession_Returns400InvalidSessionIdExactDocBody()
    {
        var (response, body) = await _v1.CallAsync(HttpMethod.Get, "job/750R0000000001AAAA", session: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n <exceptionCode>InvalidSessionId</exceptionCode>\n <exceptionMessage>Invalid session id</exceptionMessage>\n</error>",
            body);
    }

    [Fact]
    public async Task GetJob_UnknownSession_Returns400InvalidSessionId()
    {
        var (response, body) = await _v1.CallAsync(HttpMethod.Post, "job", "00Dbogus!AQbogus", BulkV1Client.JobXml("insert", "Account", "CSV"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidSessionId</exceptionCode>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJob_ExpiredSessionOnJsonJob_Returns400JsonInvalidSessionId()
    {
        var id = await _v1.CreateJobAsync(_v1.NewSession(), contentType: "JSON");
        var session = _v1.NewSession();
        _v1.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{id}", session);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"exceptionCode\":\"InvalidSessionId\",\"exceptionMessage\":\"Invalid session id\"}", body);
    }

    [Fact]
    public async Task GetJob_FifteenCharacterId_ReturnsSameJob()
    {
        var session = _v1.NewSession();
        var id = await _v1.CreateJobAsync(session);

        var root = await _v1.GetJobXmlAsync(session, id[..15]);

        Assert.Equal(id, BulkV1Client.Value(root, "id"));
    }

    [Theory]
    [InlineData("750R0000000zzzzAAA")]
    [InlineData("not-an-id")]
    [InlineData("750R0000000001AZZZ")]
    public async Task GetJob_UnknownOrMalformedId_ReturnsInvalidJob(string id)
    {
        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{id}", _v1.NewSession());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"<exceptionCode>InvalidJob</exceptionCode>\n <exceptionMessage>Invalid job id: {id}</exceptionMessage>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJob_InvalidVersion_ReturnsInvalidVersion()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "services/async/abc/job/750R0000000001AAAA");
        request.Headers.Add("X-SFDC-Session", _v1.NewSession());
        using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidVersion</exceptionCode>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT", "job/750R0000000001AAAA", "GET, POST")]
    [InlineData("DELETE", "job/750R0000000001AAAA", "GET, POST")]
    [InlineData("PATCH", "job", "POST")]
    [InlineData("GET", "job", "POST")]
    [InlineData("POST", "job/750R0000000001AAAA/batch/751R0000000001AAAA", "GET")]
    public async Task Job_OtherMethod_Returns405(string method, string path, string allow)
    {
        var (response, _) = await _v1.CallAsync(new HttpMethod(method), path, _v1.NewSession(), "x", "text/plain");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, response.Content.Headers.Allow.Count > 0 ? string.Join(", ", response.Content.Headers.Allow) : response.Headers.GetValues("Allow").Single());
    }
}
