using System.Net;
using SfBulk.Emulator;
using SfBulk.Jobs;
using SfBulk.Models;
using SfBulk.Tests.BadInput;

namespace SfBulk.Tests.Jobs;

/// <summary>
/// Closes answered in ways the emulator never answers (canned answers from a real loopback server): a 1.0 route that
/// shows a job of another API, a 2.0 "not found" refusal without HTTP 404, a JSON job that refuses an XML close with
/// an XML body, two routes that both refuse; and the requests a close spends on each (reports carry them).
/// </summary>
public sealed class CloseEdgeAnswerTests : IAsyncLifetime
{
    private const string Ns = "http://www.force.com/2009/06/asyncapi/dataload";
    private const string V1GetRoute = "GET /services/async/{version}/job/{jobId}";
    private static readonly string Id = JobId.Normalize("750R00000000021");

    private readonly Dictionary<string, Queue<Answer>> _answers = new(StringComparer.Ordinal);
    private CannedServer _server = null!;
    private SalesforceConnection _connection = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await CannedServer.StartAsync();
        _server.Answer = AnswerAsync;
        _connection = CannedConnection.Create(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _connection.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("V2Ingest", "Open", "jobType V2Ingest, state Open")]
    [InlineData(null, "UploadComplete", "jobType none, state UploadComplete")]
    public async Task CloseJobAsync_V1RouteShowsAJobOfAnotherApi_SaysExactlyThatItWasNotChangedThere(string? jobType, string state, string shown)
    {
        On("POST", "v1", Xml(200, V1Job(state, jobType: jobType)));

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => Client().CloseJobAsync(Id, new CloseJobOptions { Api = BulkApi.V1 }, Ct));

        Assert.Equal($"Bulk API 1.0 answered for job {Id} with a job of another API ({shown}); it was not changed through this route.", e.Message);
        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
        Assert.Equal(["POST v1"], Sent());
    }

    [Fact]
    public async Task CloseJobAsync_QueryRouteShowsAnIngestJobAndNoRouteHoldsIt_NoSuchJobRatherThanAQueryJob()
    {
        On("GET", "query", Json(200, V2Job("V2Ingest", "Open")));

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => Client().CloseJobAsync(Id, cancellationToken: Ct));

        Assert.StartsWith($"No Bulk API job {Id} was found: Bulk API 1.0 answered 'InvalidJob'", e.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidJob", e.ErrorCode);
        Assert.Equal(["POST v1", "PATCH ingest", "GET query"], Sent());
    }

    [Fact]
    public async Task CloseJobAsync_V2RefusalCodedNotFoundWithout404_NoSuchJobWithoutReadingIt()
    {
        On("PATCH", "ingest", Json(400, """[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]"""));

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => Client().CloseJobAsync(Id, new CloseJobOptions { Api = BulkApi.V2 }, Ct));

        Assert.StartsWith($"No Bulk API 2.0 job {Id} was found: neither ingest nor query jobs hold it ('NOT_FOUND')", e.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal(["PATCH ingest", "GET query"], Sent());
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("ZIP_JSON")]
    public async Task CloseJobAsync_JsonJobRefusesTheXmlCloseInXml_SaysItAgainInJsonAndCloses(string contentType)
    {
        On("POST", "v1", Xml(400, V1Error("InvalidRequest", "Unsupported content type")), Json(200, V1JobJson("Closed", contentType)));
        On("GET", "v1", Xml(200, V1Job("Open", contentType: contentType)));

        var result = await Client().CloseJobAsync(Id, new CloseJobOptions { Api = BulkApi.V1, Dialect = BulkDialect.Xml }, Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.False(result.WasAlreadyInRequestedState);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(BulkJobState.Closed, result.Job.State);
        Assert.Equal(["POST v1", "GET v1", "POST v1"], Sent());
        var closes = _server.Requests.Where(r => r.Method == "POST").Select(r => r.Headers).ToList();
        Assert.Contains("Content-Type: application/xml", closes[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: application/json", closes[1], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CloseJobAsync_V1AnswerLeavesA1Point0JobWithBatchesOpen_FailsAfterOneRequest()
    {
        // A job with a batch is surely a 1.0 job: the 2.0 routes are not asked.
        On("POST", "v1", Xml(200, V1Job("Open", batches: 1)));

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => Client().CloseJobAsync(Id, cancellationToken: Ct));

        Assert.Equal($"Bulk API 1.0 answered the request for job {Id} with the job in state Open: it was not changed.", e.Message);
        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
        Assert.Equal(["POST v1"], Sent());
    }

    [Fact]
    public async Task CloseJobAsync_V1RefusalOfAnOpenJobWithNoBatch_LooksOnBothV2RoutesThenThrowsTheRefusal()
    {
        // An open 1.0 read with no batch may be a 2.0 job the 1.0 route shows: both 2.0 routes are asked, once each.
        On("POST", "v1", Xml(400, V1Error("InvalidJobState", "Job is being processed")));
        On("GET", "v1", Xml(200, V1Job("Open")));

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => Client().CloseJobAsync(Id, cancellationToken: Ct));

        Assert.Equal("InvalidJobState", e.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal(["POST v1", "GET v1", "PATCH ingest", "GET query"], Sent());
    }

    [Fact]
    public async Task CloseJobAsync_TwoRoutesRefuse_TheFirstRoutesRefusalIsReported()
    {
        On("POST", "v1", Xml(400, V1Error("InvalidJobState", "Job is being processed")));
        On("GET", "v1", Xml(200, V1Job("Open")));
        On("PATCH", "ingest", Json(200, V2Job("V2Ingest", "Open")));

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => Client().CloseJobAsync(Id, cancellationToken: Ct));

        Assert.Equal("InvalidJobState", e.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("POST", e.RequestMethod);
        Assert.Equal(["POST v1", "GET v1", "PATCH ingest", "GET query"], Sent());
    }

    [Theory]
    [InlineData(BulkApi.V1)]
    [InlineData(BulkApi.Auto)]
    public async Task CloseJobAsync_RefusedAndNoAnswerToTheRead_TheRefusalStandsAndNoOtherRouteIsAsked(BulkApi api)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var id = (await h.SeedClassicAsync(new { state = "Failed", batches = 1 }))[0];
        await h.AddFaultAsync(V1GetRoute, "dropBefore", count: 100);
        await h.ResetRequestsAsync();

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(id, new CloseJobOptions { Api = api }, Ct));

        Assert.Equal("InvalidJobState", e.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.DoesNotContain("No Bulk API", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, await h.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
        Assert.Equal(0, await h.RequestsAsync(EmulatorRoutes.BulkV2UpdateIngestJob));
        Assert.Equal(0, await h.RequestsAsync(EmulatorRoutes.BulkV2GetQueryJob));
        await h.ClearFaultsAsync();
        Assert.Equal(BulkJobState.Failed, (await h.Client.GetJobAsync(id, BulkApi.V1, Ct)).State);
    }

    private BulkJobClient Client() => new(_connection, new BulkJobClientOptions { CloseRetryDelay = TimeSpan.Zero });

    /// <summary>The requests that arrived, as "METHOD route" (v1, ingest or query).</summary>
    private List<string> Sent() => _server.Requests.Select(r => $"{r.Method} {Kind(r.Path)}").ToList();

    private void On(string method, string kind, params Answer[] answers) => _answers[$"{method} {kind}"] = new Queue<Answer>(answers);

    /// <summary>The next canned answer of the route (the last one repeats); a route with none answers 404 "not found".</summary>
    private async Task AnswerAsync(Microsoft.AspNetCore.Http.HttpContext c)
    {
        var kind = Kind(c.Request.Path.Value ?? string.Empty);
        Answer answer;
        lock (_answers)
        {
            answer = _answers.TryGetValue($"{c.Request.Method} {kind}", out var queue)
                ? queue.Count > 1 ? queue.Dequeue() : queue.Peek()
                : kind == "v1"
                    ? Xml(404, V1Error("InvalidJob", "Unable to find object: " + Id))
                    : Json(404, """[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]""");
        }

        c.Response.StatusCode = answer.Status;
        c.Response.ContentType = answer.ContentType;
        await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(c.Response, answer.Body, Ct);
    }

    private static string Kind(string path) =>
        path.Contains("/services/async/", StringComparison.Ordinal) ? "v1"
        : path.Contains("/jobs/ingest/", StringComparison.Ordinal) ? "ingest"
        : path.Contains("/jobs/query/", StringComparison.Ordinal) ? "query"
        : path;

    private static Answer Xml(int status, string body) => new(status, "application/xml", body);

    private static Answer Json(int status, string body) => new(status, "application/json", body);

    private static string V1Error(string code, string message) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><error xmlns=\"{Ns}\"><exceptionCode>{code}</exceptionCode><exceptionMessage>{message}</exceptionMessage></error>";

    private static string V1Job(string state, string contentType = "CSV", int batches = 0, string? jobType = null) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"{Ns}\"><id>{Id}</id><operation>insert</operation><object>Account</object>"
        + $"<createdById>005R0000000XyZaIAK</createdById><createdDate>2026-01-01T00:00:00.000Z</createdDate><systemModstamp>2026-01-01T00:00:00.000Z</systemModstamp>"
        + $"<state>{state}</state><concurrencyMode>Parallel</concurrencyMode><contentType>{contentType}</contentType>"
        + $"<numberBatchesQueued>0</numberBatchesQueued><numberBatchesInProgress>0</numberBatchesInProgress><numberBatchesCompleted>{batches}</numberBatchesCompleted>"
        + $"<numberBatchesFailed>0</numberBatchesFailed><numberBatchesTotal>{batches}</numberBatchesTotal><numberRecordsProcessed>0</numberRecordsProcessed>"
        + $"<numberRetries>0</numberRetries><apiVersion>66.0</apiVersion>{(jobType is null ? string.Empty : $"<jobType>{jobType}</jobType>")}</jobInfo>";

    private static string V1JobJson(string state, string contentType) =>
        $$"""{"id":"{{Id}}","operation":"insert","object":"Account","createdById":"005R0000000XyZaIAK","createdDate":"2026-01-01T00:00:00.000+0000","systemModstamp":"2026-01-01T00:00:00.000+0000","state":"{{state}}","concurrencyMode":"Parallel","contentType":"{{contentType}}","numberBatchesQueued":0,"numberBatchesInProgress":0,"numberBatchesCompleted":0,"numberBatchesFailed":0,"numberBatchesTotal":0,"numberRecordsProcessed":0,"numberRetries":0,"apiVersion":66.0}""";

    private static string V2Job(string jobType, string state) =>
        $$"""{"id":"{{Id}}","operation":"insert","object":"Account","createdById":"005R0000000XyZaIAK","createdDate":"2026-01-01T00:00:00.000+0000","systemModstamp":"2026-01-01T00:00:00.000+0000","state":"{{state}}","concurrencyMode":"Parallel","contentType":"CSV","apiVersion":66.0,"jobType":"{{jobType}}","lineEnding":"LF","columnDelimiter":"COMMA"}""";

    private sealed record Answer(int Status, string ContentType, string Body);
}
