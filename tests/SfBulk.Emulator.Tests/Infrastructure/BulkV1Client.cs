using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace SfBulk.Emulator.Tests.Infrastructure;

/// <summary>Small helpers for Bulk API 1.0 tests: sessions made directly in the org state, raw requests, job setup.</summary>
public sealed class BulkV1Client(TestEmulator fixture)
{
    public const string Version = "66.0";

    public static readonly XNamespace Ns = "http://www.force.com/2009/06/asyncapi/dataload";

    public const string XmlType = "application/xml; charset=UTF-8";

    public const string JsonType = "application/json; charset=UTF-8";

    public TestEmulator Fixture { get; } = fixture;

    /// <summary>A fresh session of the default user (or of <paramref name="username"/>).</summary>
    public string NewSession(string? username = null)
    {
        var state = Fixture.Server.State;
        var user = username is null ? state.DefaultUser : state.FindUser(username)!;
        return state.Sessions.Create(user).Token;
    }

    public static string Path(string rest) => $"services/async/{Version}/{rest}";

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string rest, string? session, string? body = null, string? contentType = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, Path(rest));
        if (session is not null)
        {
            request.Headers.Add("X-SFDC-Session", session);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static string JobXml(string operation, string objectName, string contentType, string? extra = null) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n  <operation>{operation}</operation>\n  <object>{objectName}</object>\n{extra}  <contentType>{contentType}</contentType>\n</jobInfo>";

    public static string StateXml(string state) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jobInfo\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n <state>{state}</state>\n</jobInfo>";

    /// <summary>Creates a job through the API (XML body, or JSON for JSON jobs) and returns its id.</summary>
    public async Task<string> CreateJobAsync(string session, string operation = "insert", string objectName = "Account", string contentType = "CSV", string? pkChunking = null, string? concurrencyMode = null)
    {
        var extra = concurrencyMode is null ? null : $"  <concurrencyMode>{concurrencyMode}</concurrencyMode>\n";
        var headers = pkChunking is null ? [] : new[] { ("Sforce-Enable-PKChunking", pkChunking) };
        using var response = await SendAsync(HttpMethod.Post, "job", session, JobXml(operation, objectName, contentType, extra), XmlType, headers);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return contentType.Contains("JSON", StringComparison.Ordinal)
            ? System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!
            : XDocument.Parse(text).Root!.Element(Ns + "id")!.Value;
    }

    public async Task<(HttpResponseMessage Response, string Body)> CallAsync(HttpMethod method, string rest, string? session, string? body = null, string? contentType = null, params (string Name, string Value)[] headers)
    {
        var response = await SendAsync(method, rest, session, body, contentType, headers);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Adds a batch and returns its id (XML or JSON batchInfo by the job's dialect).</summary>
    public async Task<string> AddBatchAsync(string session, string jobId, string body, string contentType)
    {
        var (response, text) = await CallAsync(HttpMethod.Post, $"job/{jobId}/batch", session, body, contentType);
        Assert.True(response.IsSuccessStatusCode, text);
        response.Dispose();
        return text.TrimStart().StartsWith('{')
            ? System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!
            : XDocument.Parse(text).Root!.Element(Ns + "id")!.Value;
    }

    /// <summary>GET job info (XML) as a document.</summary>
    public async Task<XElement> GetJobXmlAsync(string session, string jobId)
    {
        var (response, text) = await CallAsync(HttpMethod.Get, $"job/{jobId}", session);
        Assert.Equal(200, (int)response.StatusCode);
        response.Dispose();
        return XDocument.Parse(text).Root!;
    }

    /// <summary>GET the batch list (XML) as (id, state) pairs in order.</summary>
    public async Task<List<XElement>> GetBatchesXmlAsync(string session, string jobId)
    {
        var (response, text) = await CallAsync(HttpMethod.Get, $"job/{jobId}/batch", session);
        Assert.Equal(200, (int)response.StatusCode);
        response.Dispose();
        return [.. XDocument.Parse(text).Root!.Elements(Ns + "batchInfo")];
    }

    public static string Value(XElement element, string name) => element.Element(Ns + name)?.Value ?? throw new InvalidOperationException("missing " + name);

    public void Advance(TimeSpan by) => Fixture.Time.Advance(by);
}
