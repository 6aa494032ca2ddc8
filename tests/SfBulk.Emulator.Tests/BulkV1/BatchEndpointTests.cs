using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV1;

public sealed class BatchEndpointTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private const string Csv = "Name,Description\nAcme,first\n,missing name\n\"Quoted, Inc.\",\"with \"\"quotes\"\"\"\n";
    private static readonly TimeSpan Queue = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Processing = TimeSpan.FromSeconds(2);

    private readonly BulkV1Client _v1 = new(fixture);

    private static readonly string[] BatchInfoOrder =
    [
        "id", "jobId", "state", "createdDate", "systemModstamp", "numberRecordsProcessed", "numberRecordsFailed",
        "totalProcessingTime", "apiActiveProcessingTime", "apexProcessingTime",
    ];

    [Fact]
    public async Task AddBatch_CsvRecords_ReturnsQueuedBatchInfoInDocOrder()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session);

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{job}/batch", session, Csv, "text/csv; charset=UTF-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><batchInfo\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n <id>751", body, StringComparison.Ordinal);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal(BatchInfoOrder, root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Queued", BulkV1Client.Value(root, "state"));
        Assert.Equal(job, BulkV1Client.Value(root, "jobId"));
        Assert.Equal("0", BulkV1Client.Value(root, "numberRecordsProcessed"));
    }

    [Fact]
    public async Task AddBatch_OverTime_MovesQueuedInProgressCompletedAndJobCountsFollow()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session);
        var batch = await _v1.AddBatchAsync(session, job, Csv, "text/csv");

        var queued = await _v1.GetJobXmlAsync(session, job);
        _v1.Advance(Queue);
        var running = await _v1.GetJobXmlAsync(session, job);
        _v1.Advance(Processing);
        var done = await _v1.GetJobXmlAsync(session, job);
        var (infoResponse, info) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}", session);

        Assert.Equal(("1", "0", "0", "1"), Counts(queued));
        Assert.Equal(("0", "1", "0", "1"), Counts(running));
        Assert.Equal(("0", "0", "1", "1"), Counts(done));
        Assert.Equal("3", BulkV1Client.Value(done, "numberRecordsProcessed"));
        Assert.Equal("1", BulkV1Client.Value(done, "numberRecordsFailed"));
        Assert.Equal("2000", BulkV1Client.Value(done, "totalProcessingTime"));
        Assert.Equal("Open", BulkV1Client.Value(done, "state"));
        Assert.Equal(HttpStatusCode.OK, infoResponse.StatusCode);
        var batchRoot = XDocument.Parse(info).Root!;
        Assert.Equal("Completed", BulkV1Client.Value(batchRoot, "state"));
        Assert.Equal("3", BulkV1Client.Value(batchRoot, "numberRecordsProcessed"));
        Assert.Equal(BulkV1Client.Value(done, "systemModstamp"), BulkV1Client.Value(batchRoot, "systemModstamp"));
    }

    [Theory]
    [InlineData("Parallel", 4)]
    [InlineData("Serial", 1)]
    public async Task AddBatch_SixBatches_RunAtMostSlotCountAtOnce(string mode, int slots)
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, concurrencyMode: mode);
        for (var i = 0; i < 6; i++)
        {
            await _v1.AddBatchAsync(session, job, "Name\nA\n", "text/csv");
        }

        _v1.Advance(Queue);
        var first = Counts(await _v1.GetJobXmlAsync(session, job));
        _v1.Advance(Processing * 6);
        var last = Counts(await _v1.GetJobXmlAsync(session, job));

        Assert.Equal(((6 - slots).ToString(), slots.ToString(), "0", "6"), first);
        Assert.Equal(("0", "0", "6", "6"), last);
    }

    [Fact]
    public async Task AbortJob_QueuedAndRunningBatches_QueuedNotProcessedRunningFinish()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, concurrencyMode: "Serial");
        var running = await _v1.AddBatchAsync(session, job, "Name\nA\n", "text/csv");
        var waiting = await _v1.AddBatchAsync(session, job, "Name\nB\n", "text/csv");
        _v1.Advance(Queue);

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{job}", session, BulkV1Client.StateXml("Aborted"), BulkV1Client.XmlType);
        _v1.Advance(Processing * 3);
        var batches = await _v1.GetBatchesXmlAsync(session, job);
        var after = await _v1.GetJobXmlAsync(session, job);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("0", "1", "0", "2"), Counts(XDocument.Parse(body).Root!));
        Assert.Equal([(running, "Completed"), (waiting, "NotProcessed")], batches.Select(b => (BulkV1Client.Value(b, "id"), BulkV1Client.Value(b, "state"))));
        Assert.Equal(("0", "0", "1", "2"), Counts(after));
        Assert.Equal("Aborted", BulkV1Client.Value(after, "state"));
    }

    [Fact]
    public async Task AddBatch_ClosedJob_ReturnsInvalidJobStateWithRealWording()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session);
        (await _v1.SendAsync(HttpMethod.Post, $"job/{job}", session, BulkV1Client.StateXml("Closed"), BulkV1Client.XmlType)).Dispose();

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{job}/batch", session, Csv, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<exceptionCode>InvalidJobState</exceptionCode>\n <exceptionMessage>Failed to create batch, since the Job is not Open. Current job state is 'Closed'</exceptionMessage>", body, StringComparison.Ordinal);
        Assert.Equal("Failed to create batch, since the Job is not Open. Current job state is 'Closed'", XDocument.Parse(body).Root!.Element(BulkV1Client.Ns + "exceptionMessage")!.Value);
    }

    [Fact]
    public async Task AddBatch_ContentTypeDiffersFromJob_ReturnsInvalidBatch()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session);

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{job}/batch", session, "[]", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<exceptionCode>InvalidBatch</exceptionCode>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddBatch_BodyOverTenMillionBytes_ReturnsInvalidBatch()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session);

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{job}/batch", session, "Name\n" + new string('a', 10_000_000), "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidBatch</exceptionCode>\n <exceptionMessage>Exceeded max size limit of 10000000</exceptionMessage>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddBatch_MoreThanTenThousandRecords_BatchEndsFailedWithStateMessage()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session);
        var batch = await _v1.AddBatchAsync(session, job, "Name\n" + string.Concat(Enumerable.Repeat("x\n", 10_001)), "text/csv");
        _v1.Advance(Queue + Processing);

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}", session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal(["id", "jobId", "state", "stateMessage", "createdDate"], root.Elements().Take(5).Select(e => e.Name.LocalName));
        Assert.Equal("Failed", BulkV1Client.Value(root, "state"));
        Assert.StartsWith("InvalidBatch : ", BulkV1Client.Value(root, "stateMessage"), StringComparison.Ordinal);
        Assert.Equal("1", BulkV1Client.Value(await _v1.GetJobXmlAsync(session, job), "numberBatchesFailed"));
    }

    [Fact]
    public async Task AddBatch_XmlRecordsWithDoctype_ReturnsInvalidXml()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, contentType: "XML");
        const string evil = "<?xml version=\"1.0\"?><!DOCTYPE sObjects [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><sObjects xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><sObject><Name>&x;</Name></sObject></sObjects>";

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{job}/batch", session, evil, "application/xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidXML</exceptionCode>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchInfo_UnknownBatch_ReturnsInvalidBatch()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session);

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/751R0000000zzzzAAA", session);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidBatch</exceptionCode>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchRequest_CsvBatch_ReturnsUploadedBytesAndType()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session);
        var batch = await _v1.AddBatchAsync(session, job, Csv, "text/csv; charset=UTF-8");

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch[..15]}/request", session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Csv, body);
    }

    [Fact]
    public async Task BatchResult_CsvIngest_ReturnsPerRecordResultsWithRequiredFieldMissing()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session);
        var batch = await _v1.AddBatchAsync(session, job, Csv, "text/csv");
        _v1.Advance(Queue + Processing);

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result", session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = body.TrimEnd('\n').Split('\n');
        Assert.Equal("\"Id\",\"Success\",\"Created\",\"Error\"", lines[0]);
        Assert.Matches("^\"001[0-9A-Za-z]{15}\",\"true\",\"true\",\"\"$", lines[1]);
        Assert.Equal("\"\",\"false\",\"false\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\"", lines[2]);
        Assert.Matches("^\"001[0-9A-Za-z]{15}\",\"true\",\"true\",\"\"$", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task BatchResult_XmlIngest_ReturnsResultsDocument()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, contentType: "XML");
        var records = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sObjects xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><sObject><Name>Acme</Name></sObject><sObject><Description>none</Description></sObject></sObjects>";
        var batch = await _v1.AddBatchAsync(session, job, records, "application/xml");
        _v1.Advance(Queue + Processing);

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result", session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var results = XDocument.Parse(body).Root!.Elements(BulkV1Client.Ns + "result").ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal("true", BulkV1Client.Value(results[0], "success"));
        Assert.StartsWith("001", BulkV1Client.Value(results[0], "id"), StringComparison.Ordinal);
        Assert.Equal("REQUIRED_FIELD_MISSING", results[1].Element(BulkV1Client.Ns + "errors")!.Element(BulkV1Client.Ns + "statusCode")!.Value);
    }

    [Fact]
    public async Task BatchResult_JsonIngest_ReturnsJsonArray()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, contentType: "JSON");
        var batch = await _v1.AddBatchAsync(session, job, "[{\"Name\":\"Acme\"},{\"Name\":\"\"}]", "application/json");
        _v1.Advance(Queue + Processing);

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result", session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(body);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.True(rows[0].GetProperty("success").GetBoolean());
        Assert.StartsWith("001", rows[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.False(rows[1].GetProperty("success").GetBoolean());
        Assert.Equal("REQUIRED_FIELD_MISSING", rows[1].GetProperty("errors")[0].GetProperty("statusCode").GetString());
    }

    [Fact]
    public async Task BatchResult_BatchNotCompleted_ReturnsInvalidBatch()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, contentType: "JSON");
        var batch = await _v1.AddBatchAsync(session, job, "[{\"Name\":\"Acme\"}]", "application/json");

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result", session);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"exceptionCode\":\"InvalidBatch\",\"exceptionMessage\":\"Batch not completed\"}", body);
    }

    [Fact]
    public async Task BatchList_JsonJob_ReturnsBatchInfoArrayWithJsonDates()
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, contentType: "JSON");
        var first = await _v1.AddBatchAsync(session, job, "[{\"Name\":\"A\"}]", "application/json");
        var second = await _v1.AddBatchAsync(session, job, "[{\"Name\":\"B\"}]", "application/json");

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch", session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(body);
        var list = doc.RootElement.GetProperty("batchInfo").EnumerateArray().ToList();
        Assert.Equal([first, second], list.Select(b => b.GetProperty("id").GetString()));
        Assert.Matches(@"\.000\+0000$", list[0].GetProperty("createdDate").GetString());
        Assert.Equal(JsonValueKind.Number, list[0].GetProperty("numberRecordsProcessed").ValueKind);
    }

    private static (string Queued, string InProgress, string Completed, string Total) Counts(XElement job) =>
        (BulkV1Client.Value(job, "numberBatchesQueued"), BulkV1Client.Value(job, "numberBatchesInProgress"),
         BulkV1Client.Value(job, "numberBatchesCompleted"), BulkV1Client.Value(job, "numberBatchesTotal"));
}
