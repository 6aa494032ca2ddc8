using System.Text;
using SfBulk.Http;
using SfBulk.Models;
using SfBulk.Wire;

namespace SfBulk.Tests;

/// <summary>Creates jobs through the library's own connection (<see cref="TestEmulator.Connection"/>), as a user's code would.</summary>
internal static class JobRequests
{
    public static async Task<JobInfo> CreateV1JobAsync(this TestEmulator emulator, string contentType = "CSV", string operation = "insert")
    {
        var body = contentType == "JSON"
            ? Encoding.UTF8.GetBytes($"{{\"operation\":\"{operation}\",\"object\":\"Account\",\"contentType\":\"JSON\"}}")
            : Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"{WireXml.Namespace}\"><operation>{operation}</operation><object>Account</object><contentType>{contentType}</contentType></jobInfo>");
        var request = new ApiRequest(
            HttpMethod.Post,
            "services/async/66.0/job",
            ApiFamily.BulkV1,
            body,
            contentType == "JSON" ? RequestBodies.JsonContentType : RequestBodies.XmlContentType);
        return await SendForJobAsync(emulator, request);
    }

    public static Task<JobInfo> CreateV2IngestJobAsync(this TestEmulator emulator) => SendForJobAsync(emulator, new ApiRequest(
        HttpMethod.Post,
        "services/data/v66.0/jobs/ingest",
        ApiFamily.Rest,
        "{\"object\":\"Account\",\"operation\":\"insert\",\"contentType\":\"CSV\",\"lineEnding\":\"LF\"}"u8.ToArray(),
        RequestBodies.JsonContentType));

    public static Task<JobInfo> CreateV2QueryJobAsync(this TestEmulator emulator) => SendForJobAsync(emulator, new ApiRequest(
        HttpMethod.Post,
        "services/data/v66.0/jobs/query",
        ApiFamily.Rest,
        "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\"}"u8.ToArray(),
        RequestBodies.JsonContentType));

    /// <summary>Uploads CSV rows to a 2.0 ingest job (<c>PUT …/batches</c>).</summary>
    public static async Task UploadAsync(this TestEmulator emulator, string jobId, string csv = "Name\nAcme\n")
    {
        var response = await emulator.Connection.SendAsync(
            new ApiRequest(HttpMethod.Put, "services/data/v66.0/jobs/ingest/" + jobId + "/batches", ApiFamily.Rest, Encoding.UTF8.GetBytes(csv), "text/csv"),
            TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccess, Encoding.UTF8.GetString(response.Body));
    }

    /// <summary>
    /// Creates a PK-chunked Bulk 1.0 query job through the API itself (<c>Sforce-Enable-PKChunking: TRUE</c>) and adds
    /// its one query batch; returns the job id.
    /// </summary>
    public static async Task<string> CreateChunkedQueryJobAsync(this TestEmulator emulator, string sobject)
    {
        var ct = TestContext.Current.CancellationToken;
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><operation>query</operation><object>"
            + sobject + "</object><contentType>CSV</contentType></jobInfo>";
        var create = new ApiRequest(HttpMethod.Post, "services/async/66.0/job", ApiFamily.BulkV1, Encoding.UTF8.GetBytes(body), "application/xml; charset=UTF-8", "application/xml")
        {
            Headers = new Dictionary<string, string> { ["Sforce-Enable-PKChunking"] = "TRUE" },
        };
        var created = await emulator.Connection.SendAsync(create, ct);
        Assert.True(created.IsSuccess, Encoding.UTF8.GetString(created.Body));
        var id = System.Xml.Linq.XElement.Parse(Encoding.UTF8.GetString(created.Body)).Elements().First(e => e.Name.LocalName == "id").Value;
        var batch = new ApiRequest(HttpMethod.Post, "services/async/66.0/job/" + id + "/batch", ApiFamily.BulkV1, Encoding.UTF8.GetBytes("SELECT Id FROM " + sobject), "text/csv; charset=UTF-8", "application/xml");
        var added = await emulator.Connection.SendAsync(batch, ct);
        Assert.True(added.IsSuccess, Encoding.UTF8.GetString(added.Body));
        return id;
    }

    /// <summary>GET a Bulk 1.0 job, for tests of the connection's own send path.</summary>
    public static ApiRequest GetV1Job(string jobId, bool idempotent = true) =>
        new(HttpMethod.Get, "services/async/66.0/job/" + jobId, ApiFamily.BulkV1, Accept: "application/xml", IsIdempotent: idempotent);

    /// <summary>Get All Jobs (ingest), for tests of the connection's own send path.</summary>
    public static ApiRequest ListV2Jobs() =>
        new(HttpMethod.Get, "services/data/v66.0/jobs/ingest", ApiFamily.Rest, Accept: "application/json", IsIdempotent: true);

    private static async Task<JobInfo> SendForJobAsync(TestEmulator emulator, ApiRequest request)
    {
        var response = await emulator.Connection.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccess, Encoding.UTF8.GetString(response.Body));
        return JobInfoWire.Parse(response.Body, response);
    }
}
