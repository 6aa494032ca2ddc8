using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SfBulk.Emulator.Tests.Infrastructure;

/// <summary>Calls the emulator's control surface (/_emulator/…) and the few API calls the control tests need.</summary>
public static class ControlClient
{
    public const string V1JobRoute = "GET /services/async/{version}/job/{jobId}";
    public const string V1UpdateJobRoute = "POST /services/async/{version}/job/{jobId}";
    public const string V2IngestJobRoute = "GET /services/data/v{version}/jobs/ingest/{jobId}";
    public const string TokenRoute = "POST /services/oauth2/token";

    /// <summary>A fresh emulator (own org, counters and fault rules) for one test; dispose it at the end.</summary>
    public static async Task<EmulatorFixture> FreshAsync()
    {
        var fixture = new EmulatorFixture();
        await fixture.InitializeAsync();
        return fixture;
    }

    /// <summary>A response's status, headers and body text.</summary>
    public sealed record Reply(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    public static async Task<Reply> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await ReadAsync(await http.SendAsync(request));
    }

    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            return new Reply(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), body);
        }
    }

    /// <summary>Adds a fault rule and returns its id; fails the test when the emulator refuses it.</summary>
    public static async Task<string> AddFaultAsync(HttpClient http, string ruleJson)
    {
        var reply = await SendAsync(http, HttpMethod.Post, "_emulator/faults", ruleJson);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
        return reply.Json.GetProperty("id").GetString()!;
    }

    /// <summary>Removes all fault rules and zeroes the request counters.</summary>
    public static async Task ResetAsync(HttpClient http)
    {
        (await SendAsync(http, HttpMethod.Delete, "_emulator/faults")).AssertStatus(HttpStatusCode.OK);
        (await SendAsync(http, HttpMethod.Delete, "_emulator/requests")).AssertStatus(HttpStatusCode.NoContent);
    }

    public static Reply AssertStatus(this Reply reply, HttpStatusCode expected)
    {
        Assert.True(reply.Status == expected, $"Expected {(int)expected}, got {(int)reply.Status}: {reply.Body}");
        return reply;
    }

    /// <summary>Creates an open Bulk 1.0 insert job (CSV) and returns its id.</summary>
    public static async Task<string> CreateV1JobAsync(HttpClient http, string session)
    {
        const string body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload">
              <operation>insert</operation>
              <object>Account</object>
              <contentType>CSV</contentType>
            </jobInfo>
            """;
        using var request = EmulatorFixture.V1Request(HttpMethod.Post, "services/async/66.0/job", session, new StringContent(body, Encoding.UTF8, "application/xml"));
        var reply = await ReadAsync(await http.SendAsync(request));
        Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.Created, reply.Body);
        return XmlValue(reply.Body, "id");
    }

    /// <summary>GET job info over Bulk 1.0.</summary>
    public static async Task<Reply> GetV1JobAsync(HttpClient http, string session, string jobId)
    {
        using var request = EmulatorFixture.V1Request(HttpMethod.Get, "services/async/66.0/job/" + jobId, session);
        return await ReadAsync(await http.SendAsync(request));
    }

    /// <summary>POSTs a state-only update (Closed or Aborted) over Bulk 1.0.</summary>
    public static async Task<Reply> SetV1JobStateAsync(HttpClient http, string session, string jobId, string state)
    {
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><state>" + state + "</state></jobInfo>";
        using var request = EmulatorFixture.V1Request(HttpMethod.Post, "services/async/66.0/job/" + jobId, session, new StringContent(body, Encoding.UTF8, "application/xml"));
        return await ReadAsync(await http.SendAsync(request));
    }

    /// <summary>Creates an open Bulk 2.0 ingest job and returns its id.</summary>
    public static async Task<string> CreateV2JobAsync(HttpClient http, string token)
    {
        using var request = EmulatorFixture.V2Request(HttpMethod.Post, "services/data/v66.0/jobs/ingest", token,
            new StringContent("""{"object":"Account","operation":"insert","contentType":"CSV","lineEnding":"LF"}""", Encoding.UTF8, "application/json"));
        var reply = await ReadAsync(await http.SendAsync(request));
        reply.AssertStatus(HttpStatusCode.OK);
        return reply.Json.GetProperty("id").GetString()!;
    }

    public static async Task<Reply> GetV2JobAsync(HttpClient http, string token, string jobId)
    {
        using var request = EmulatorFixture.V2Request(HttpMethod.Get, "services/data/v66.0/jobs/ingest/" + jobId, token);
        return await ReadAsync(await http.SendAsync(request));
    }

    /// <summary>The text of the first <c>&lt;name&gt;</c> element of an XML body.</summary>
    public static string XmlValue(string xml, string name)
    {
        var open = "<" + name + ">";
        var start = xml.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, $"<{name}> not found in {xml}");
        start += open.Length;
        return xml[start..xml.IndexOf("</" + name + ">", start, StringComparison.Ordinal)];
    }
}
