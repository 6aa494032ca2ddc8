using System.Net;
using System.Xml.Linq;
using SfBulk.Emulator.Identity;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV1;

public sealed class PkChunkingTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private static readonly TimeSpan ChunkingDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Queue = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Processing = TimeSpan.FromSeconds(2);
    private readonly BulkV1Client _v1 = new(fixture);

    [Fact]
    public async Task ChunkedQuery_AfterChunkingDelay_OriginalNotProcessedAndChunkBatchesAppear()
    {
        var (session, job, original) = await StartAsync("chunkSize=20000", "SELECT Id, Name FROM Contact");
        var before = await _v1.GetBatchesXmlAsync(session, job);
        _v1.Advance(ChunkingDelay);

        var batches = await _v1.GetBatchesXmlAsync(session, job);
        var jobInfo = await _v1.GetJobXmlAsync(session, job);

        Assert.Single(before);
        Assert.Equal(4, batches.Count);
        Assert.Equal(original, BulkV1Client.Value(batches[0], "id"));
        Assert.Equal("NotProcessed", BulkV1Client.Value(batches[0], "state"));
        Assert.NotEqual(BulkV1Client.Value(batches[0], "createdDate"), BulkV1Client.Value(batches[0], "systemModstamp"));
        Assert.All(batches.Skip(1), b => Assert.Equal("Queued", BulkV1Client.Value(b, "state")));
        Assert.All(batches.Skip(1), b => Assert.Equal(BulkV1Client.Value(batches[0], "systemModstamp"), BulkV1Client.Value(b, "createdDate")));
        Assert.Equal("3", BulkV1Client.Value(jobInfo, "numberBatchesQueued"));
        Assert.Equal("4", BulkV1Client.Value(jobInfo, "numberBatchesTotal"));
        Assert.Equal("Open", BulkV1Client.Value(jobInfo, "state"));
    }

    [Fact]
    public async Task ChunkedQuery_AllChunksDone_TotalCountsNotProcessedOriginalInNeitherCompletedNorFailed()
    {
        var (session, job, _) = await StartAsync("chunkSize=20000", "SELECT Id FROM Contact");
        _v1.Advance(ChunkingDelay + Queue + Processing);

        var jobInfo = await _v1.GetJobXmlAsync(session, job);

        Assert.Equal("Open", BulkV1Client.Value(jobInfo, "state"));
        Assert.Equal("3", BulkV1Client.Value(jobInfo, "numberBatchesCompleted"));
        Assert.Equal("0", BulkV1Client.Value(jobInfo, "numberBatchesFailed"));
        Assert.Equal("0", BulkV1Client.Value(jobInfo, "numberBatchesQueued"));
        Assert.Equal("0", BulkV1Client.Value(jobInfo, "numberBatchesInProgress"));
        Assert.Equal("4", BulkV1Client.Value(jobInfo, "numberBatchesTotal"));
        Assert.Equal("50000", BulkV1Client.Value(jobInfo, "numberRecordsProcessed"));
    }

    [Fact]
    public async Task ChunkedQuery_DefaultChunkSize_RunsFourChunksAtATime()
    {
        var (session, job, _) = await StartAsync("TRUE", "SELECT Id FROM Account");
        _v1.Advance(ChunkingDelay + Queue);

        var jobInfo = await _v1.GetJobXmlAsync(session, job);

        Assert.Equal("11", BulkV1Client.Value(jobInfo, "numberBatchesTotal"));
        Assert.Equal("4", BulkV1Client.Value(jobInfo, "numberBatchesInProgress"));
        Assert.Equal("6", BulkV1Client.Value(jobInfo, "numberBatchesQueued"));
    }

    [Fact]
    public async Task ChunkResult_SecondAndLastChunk_ReturnTheirIdRanges()
    {
        var (session, job, _) = await StartAsync("chunkSize=20000", "SELECT Id, Name FROM Contact");
        _v1.Advance(ChunkingDelay + Queue + Processing);
        var batches = await _v1.GetBatchesXmlAsync(session, job);

        var second = await ResultAsync(session, job, BulkV1Client.Value(batches[2], "id"));
        var last = await ResultAsync(session, job, BulkV1Client.Value(batches[3], "id"));
        var (_, request) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{BulkV1Client.Value(batches[2], "id")}/request", session);

        var secondLines = second.TrimEnd('\n').Split('\n');
        Assert.Equal(20_001, secondLines.Length);
        Assert.Equal($"\"{SalesforceIds.Create("003", 20_001)}\",\"Contact 20001\"", secondLines[1]);
        Assert.Equal(10_001, last.TrimEnd('\n').Split('\n').Length);
        Assert.Equal($"SELECT Id, Name FROM Contact WHERE Id >= '{SalesforceIds.Create("003", 20_001)}' AND Id < '{SalesforceIds.Create("003", 40_001)}'", request);
    }

    [Fact]
    public async Task ChunkedQuery_WithLimit_EachChunkHonoursLimit()
    {
        var (session, job, _) = await StartAsync("chunkSize=20000", "SELECT Id FROM Contact LIMIT 7");
        _v1.Advance(ChunkingDelay + Queue + Processing);
        var batches = await _v1.GetBatchesXmlAsync(session, job);

        var body = await ResultAsync(session, job, BulkV1Client.Value(batches[2], "id"));

        Assert.Equal(8, body.TrimEnd('\n').Split('\n').Length);
        Assert.Equal("7", BulkV1Client.Value(batches[2], "numberRecordsProcessed"));
    }

    [Fact]
    public async Task ChunkedQuery_UnsupportedObject_OriginalFailedWithoutChunks()
    {
        var (session, job, _) = await StartAsync("TRUE", "SELECT Id FROM EmailMessage", "EmailMessage");
        _v1.Advance(ChunkingDelay);

        var batches = await _v1.GetBatchesXmlAsync(session, job);

        var only = Assert.Single(batches);
        Assert.Equal("Failed", BulkV1Client.Value(only, "state"));
        Assert.Contains("EmailMessage", BulkV1Client.Value(only, "stateMessage"), StringComparison.Ordinal);
        Assert.Equal("1", BulkV1Client.Value(await _v1.GetJobXmlAsync(session, job), "numberBatchesFailed"));
    }

    [Fact]
    public async Task AbortJob_WhileChunking_OriginalNotProcessedAndNoChunksAppear()
    {
        var (session, job, _) = await StartAsync("chunkSize=20000", "SELECT Id FROM Contact");
        _v1.Advance(Queue);

        var (response, _) = await _v1.CallAsync(HttpMethod.Post, $"job/{job}", session, BulkV1Client.StateXml("Aborted"), BulkV1Client.XmlType);
        _v1.Advance(ChunkingDelay * 5);
        var batches = await _v1.GetBatchesXmlAsync(session, job);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("NotProcessed", BulkV1Client.Value(Assert.Single(batches), "state"));
    }

    [Fact]
    public async Task CloseJob_AfterChunksComplete_ReturnsClosed()
    {
        var (session, job, _) = await StartAsync("chunkSize=25000", "SELECT Id FROM Contact");
        _v1.Advance(ChunkingDelay + Queue + Processing);

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{job}", session, BulkV1Client.StateXml("Closed"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal("Closed", BulkV1Client.Value(root, "state"));
        Assert.Equal("2", BulkV1Client.Value(root, "numberBatchesCompleted"));
        Assert.Equal("3", BulkV1Client.Value(root, "numberBatchesTotal"));
    }

    private async Task<(string Session, string Job, string Original)> StartAsync(string header, string soql, string objectName = "Contact")
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, "query", objectName, "CSV", header);
        var original = await _v1.AddBatchAsync(session, job, soql, "text/csv; charset=UTF-8");
        return (session, job, original);
    }

    private async Task<string> ResultAsync(string session, string job, string batch)
    {
        var (_, list) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result", session);
        var resultId = XDocument.Parse(list).Root!.Element(BulkV1Client.Ns + "result")!.Value;
        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result/{resultId}", session);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        return body;
    }
}
