using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using SfBulk.Emulator.Identity;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV1;

public sealed class QueryEndpointTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private static readonly TimeSpan RunTime = TimeSpan.FromMilliseconds(2500);
    private readonly BulkV1Client _v1 = new(fixture);

    [Fact]
    public async Task BatchResult_CompletedQuery_ReturnsResultListWithOneResultId()
    {
        var (session, job, batch) = await RunQueryAsync("CSV", "SELECT Id, Name FROM Lead");

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result", session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches("^<\\?xml version=\"1.0\" encoding=\"UTF-8\"\\?><result-list xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><result>752[0-9A-Za-z]{15}</result></result-list>$", body);
    }

    [Fact]
    public async Task QueryResult_CsvJob_ReturnsAllGeneratedRecords()
    {
        var (session, job, batch) = await RunQueryAsync("CSV", "SELECT Id, Name FROM Lead WHERE IsDeleted = false");
        var info = XDocument.Parse((await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}", session)).Body).Root!;

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result/{await ResultIdAsync(session, job, batch)}", session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = body.TrimEnd('\n').Split('\n');
        Assert.Equal("\"Id\",\"Name\"", lines[0]);
        Assert.Equal(21, lines.Length);
        Assert.Equal($"\"{SalesforceIds.Create("00Q", 17)}\",\"Lead 17\"", lines[17]);
        Assert.True(SalesforceIds.TryNormalize(lines[17][1..19], out _));
        Assert.Equal("20", BulkV1Client.Value(info, "numberRecordsProcessed"));
    }

    [Fact]
    public async Task QueryResult_LimitAndUnknownField_CapsRowsAndLeavesFieldEmpty()
    {
        var (session, job, batch) = await RunQueryAsync("CSV", "SELECT Name, Description__c FROM Merchandise__c LIMIT 5");

        var (_, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result/{await ResultIdAsync(session, job, batch)}", session);

        Assert.Equal("\"Name\",\"Description__c\"\n\"Merchandise__c 1\",\"\"\n\"Merchandise__c 2\",\"\"\n\"Merchandise__c 3\",\"\"\n\"Merchandise__c 4\",\"\"\n\"Merchandise__c 5\",\"\"\n", body);
    }

    [Fact]
    public async Task QueryResult_LimitZeroCsv_ReturnsRecordsNotFound()
    {
        var (session, job, batch) = await RunQueryAsync("CSV", "SELECT Id FROM Lead LIMIT 0");

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result/{await ResultIdAsync(session, job, batch)}", session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Records not found for this query", body);
    }

    [Fact]
    public async Task QueryResult_JsonJob_ReturnsRecordArrayWithAttributes()
    {
        var (session, job, batch) = await RunQueryAsync("JSON", "SELECT Id, Name, Industry FROM Lead LIMIT 2");
        var (listResponse, list) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result", session);
        var resultId = JsonDocument.Parse(list).RootElement[0].GetString();

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result/{resultId}", session);

        Assert.Equal("application/json", listResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        var first = doc.RootElement[0];
        Assert.Equal("Lead", first.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal(SalesforceIds.Create("00Q", 1), first.GetProperty("Id").GetString());
        Assert.Equal("Lead 1", first.GetProperty("Name").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("Industry").ValueKind);
    }

    [Fact]
    public async Task QueryResult_XmlJob_ReturnsQueryResultRecords()
    {
        var (session, job, batch) = await RunQueryAsync("XML", "SELECT Id, Name FROM Lead LIMIT 3");

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result/{await ResultIdAsync(session, job, batch)}", session);

        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var records = XDocument.Parse(body).Root!.Elements(BulkV1Client.Ns + "records").ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal("Lead 3", BulkV1Client.Value(records[2], "Name"));
    }

    [Fact]
    public async Task QueryBatch_UnknownObject_EndsFailedWithInvalidTypeMessage()
    {
        var (session, job, batch) = await RunQueryAsync("CSV", "SELECT Id FROM Widget");

        var root = XDocument.Parse((await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}", session)).Body).Root!;

        Assert.Equal("Failed", BulkV1Client.Value(root, "state"));
        Assert.StartsWith("InvalidBatch : Failed to process query: INVALID_TYPE: sObject type 'Widget' is not supported.", BulkV1Client.Value(root, "stateMessage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryResult_UnknownResultId_ReturnsInvalidBatch()
    {
        var (session, job, batch) = await RunQueryAsync("CSV", "SELECT Id FROM Lead");

        var (response, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result/752R0000000zzzzAAA", session);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidBatch</exceptionCode>", body, StringComparison.Ordinal);
    }

    private async Task<(string Session, string Job, string Batch)> RunQueryAsync(string contentType, string soql)
    {
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, "query", "Lead", contentType);
        var media = contentType switch { "CSV" => "text/csv; charset=UTF-8", "JSON" => "application/json", _ => "application/xml" };
        var batch = await _v1.AddBatchAsync(session, job, soql, media);
        _v1.Advance(RunTime);
        return (session, job, batch);
    }

    private async Task<string> ResultIdAsync(string session, string job, string batch)
    {
        var (_, body) = await _v1.CallAsync(HttpMethod.Get, $"job/{job}/batch/{batch}/result", session);
        return XDocument.Parse(body).Root!.Element(BulkV1Client.Ns + "result")!.Value;
    }
}
