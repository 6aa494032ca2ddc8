using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SfBulk.Emulator.Tests.Infrastructure;

/// <summary>Raw HTTP calls to the emulated API (and its control surface, where the raw answer is under test).</summary>
public static class RawApi
{
    /// <summary>A request with the Bulk 1.0 session header set.</summary>
    public static HttpRequestMessage V1Request(HttpMethod method, string path, string session, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-SFDC-Session", session);
        return request;
    }

    /// <summary>A request with the Bulk 2.0 bearer header set.</summary>
    public static HttpRequestMessage V2Request(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
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
        using var request = V1Request(HttpMethod.Post, "services/async/66.0/job", session, new StringContent(body, Encoding.UTF8, "application/xml"));
        var reply = await ReadAsync(await http.SendAsync(request));
        Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.Created, reply.Body);
        return XmlValue(reply.Body, "id");
    }

    /// <summary>GET job info over Bulk 1.0.</summary>
    public static async Task<Reply> GetV1JobAsync(HttpClient http, string session, string jobId)
    {
        using var request = V1Request(HttpMethod.Get, "services/async/66.0/job/" + jobId, session);
        return await ReadAsync(await http.SendAsync(request));
    }

    /// <summary>POSTs a state-only update (Closed or Aborted) over Bulk 1.0.</summary>
    public static async Task<Reply> SetV1JobStateAsync(HttpClient http, string session, string jobId, string state)
    {
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><state>" + state + "</state></jobInfo>";
        using var request = V1Request(HttpMethod.Post, "services/async/66.0/job/" + jobId, session, new StringContent(body, Encoding.UTF8, "application/xml"));
        return await ReadAsync(await http.SendAsync(request));
    }

    /// <summary>Creates an open Bulk 2.0 ingest job and returns its id.</summary>
    public static async Task<string> CreateV2JobAsync(HttpClient http, string token)
    {
        using var request = V2Request(HttpMethod.Post, "services/data/v66.0/jobs/ingest", token,
            new StringContent("""{"object":"Account","operation":"insert","contentType":"CSV","lineEnding":"LF"}""", Encoding.UTF8, "application/json"));
        var reply = await ReadAsync(await http.SendAsync(request));
        reply.AssertStatus(HttpStatusCode.OK);
        return reply.Json.GetProperty("id").GetString()!;
    }

    public static async Task<Reply> GetV2JobAsync(HttpClient http, string token, string jobId)
    {
        using var request = V2Request(HttpMethod.Get, "services/data/v66.0/jobs/ingest/" + jobId, token);
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
