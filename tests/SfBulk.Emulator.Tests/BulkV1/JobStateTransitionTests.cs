using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV1;

/// <summary>Close and abort (the state-only job update) and the invalid transitions of protocol notes §2.3.</summary>
public sealed class JobStateTransitionTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private readonly BulkV1Client _v1 = new(fixture);

    [Fact]
    public async Task CloseJob_OpenJob_Returns200FullJobInfoClosed()
    {
        var session = _v1.NewSession();
        var id = await _v1.CreateJobAsync(session);
        _v1.Advance(TimeSpan.FromSeconds(5));

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", session, BulkV1Client.StateXml("Closed"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal(JobEndpointTests.JobInfoOrder, root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Closed", BulkV1Client.Value(root, "state"));
        Assert.NotEqual(BulkV1Client.Value(root, "createdDate"), BulkV1Client.Value(root, "systemModstamp"));
        Assert.Equal("Closed", BulkV1Client.Value(await _v1.GetJobXmlAsync(session, id), "state"));
    }

    [Fact]
    public async Task CloseJob_JsonJobJsonBody_ReturnsJsonClosed()
    {
        var session = _v1.NewSession();
        var id = await _v1.CreateJobAsync(session, contentType: "JSON");

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", session, "{ \"state\" : \"Closed\" }", BulkV1Client.JsonType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("Closed", doc.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task CloseJob_AlreadyClosed_ReturnsInvalidJobStateExactMessage()
    {
        var session = _v1.NewSession();
        var id = await _v1.CreateJobAsync(session);
        (await _v1.SendAsync(HttpMethod.Post, $"job/{id}", session, BulkV1Client.StateXml("Closed"), BulkV1Client.XmlType)).Dispose();

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", session, BulkV1Client.StateXml("Closed"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n <exceptionCode>InvalidJobState</exceptionCode>\n <exceptionMessage>Closing already closed Job not allowed</exceptionMessage>\n</error>",
            body);
    }

    [Fact]
    public async Task CloseJob_AlreadyAborted_ReturnsInvalidJobState()
    {
        var session = _v1.NewSession();
        var id = await _v1.CreateJobAsync(session, contentType: "JSON");
        (await _v1.SendAsync(HttpMethod.Post, $"job/{id}", session, "{\"state\":\"Aborted\"}", BulkV1Client.JsonType)).Dispose();

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", session, "{\"state\":\"Closed\"}", BulkV1Client.JsonType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"exceptionCode\":\"InvalidJobState\",\"exceptionMessage\":\"Closing already aborted Job not allowed\"}", body);
    }

    [Fact]
    public async Task AbortJob_AlreadyAborted_ReturnsInvalidJobState()
    {
        var session = _v1.NewSession();
        var id = await _v1.CreateJobAsync(session);
        (await _v1.SendAsync(HttpMethod.Post, $"job/{id}", session, BulkV1Client.StateXml("Aborted"), BulkV1Client.XmlType)).Dispose();

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", session, BulkV1Client.StateXml("Aborted"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidJobState</exceptionCode>\n <exceptionMessage>Aborting already aborted Job not allowed</exceptionMessage>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbortJob_ClosedJob_ReturnsAborted()
    {
        var session = _v1.NewSession();
        var id = await _v1.CreateJobAsync(session);
        (await _v1.SendAsync(HttpMethod.Post, $"job/{id}", session, BulkV1Client.StateXml("Closed"), BulkV1Client.XmlType)).Dispose();

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", session, BulkV1Client.StateXml("Aborted"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Aborted", BulkV1Client.Value(XDocument.Parse(body).Root!, "state"));
    }

    [Fact]
    public async Task CloseJob_EchoedFullJobInfo_ReturnsCreatedByIdCannotBeSpecified()
    {
        var session = _v1.NewSession();
        var id = await _v1.CreateJobAsync(session);
        var (_, jobInfo) = await _v1.CallAsync(HttpMethod.Get, $"job/{id}", session);
        var echoed = Regex.Replace(jobInfo, "<state>Open</state>", "<state>Closed</state>");

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", session, echoed, BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidJob</exceptionCode>\n <exceptionMessage>CreatedById cannot be specified</exceptionMessage>", body, StringComparison.Ordinal);
        Assert.Equal("Open", BulkV1Client.Value(await _v1.GetJobXmlAsync(session, id), "state"));
    }

    [Fact]
    public async Task CloseJob_ObjectFieldBesideState_ReturnsInvalidJob()
    {
        var session = _v1.NewSession();
        var id = await _v1.CreateJobAsync(session, contentType: "JSON");

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", session, "{\"object\":\"Account\",\"state\":\"Closed\"}", BulkV1Client.JsonType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"exceptionCode\":\"InvalidJob\",\"exceptionMessage\":\"Object cannot be specified\"}", body);
    }

    [Fact]
    public async Task CloseJob_OtherUser_ReturnsInvalidUserAndJobStaysOpen()
    {
        var id = await _v1.CreateJobAsync(_v1.NewSession());
        var other = _v1.NewSession("integration@sfbulk.test");

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", other, BulkV1Client.StateXml("Closed"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidUser</exceptionCode>", body, StringComparison.Ordinal);
        Assert.Equal("Open", BulkV1Client.Value(await _v1.GetJobXmlAsync(other, id), "state"));
    }

    [Fact]
    public async Task AbortJob_OtherUser_ReturnsAborted()
    {
        var id = await _v1.CreateJobAsync(_v1.NewSession());

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", _v1.NewSession("integration@sfbulk.test"), BulkV1Client.StateXml("Aborted"), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Aborted", BulkV1Client.Value(XDocument.Parse(body).Root!, "state"));
    }

    [Theory]
    [InlineData("Open")]
    [InlineData("Bogus")]
    public async Task UpdateJob_UnsupportedTargetState_ReturnsInvalidJobState(string target)
    {
        var session = _v1.NewSession();
        var id = await _v1.CreateJobAsync(session);

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{id}", session, BulkV1Client.StateXml(target), BulkV1Client.XmlType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<exceptionCode>InvalidJobState</exceptionCode>", body, StringComparison.Ordinal);
    }
}
