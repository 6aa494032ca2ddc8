using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Xml.Linq;

namespace SfBulk.Cli.Demo;

/// <summary>
/// What a typical integration does, in plain HTTP: SOAP login, create a PK-chunked Bulk API 1.0 query job
/// (<c>Sforce-Enable-PKChunking: chunkSize=100000</c>), add the SOQL batch — and then leave the job open.
/// </summary>
internal sealed class DemoIntegration(HttpClient http, string apiVersion)
{
    /// <summary>SOAP login() is retired from API 65.0 on; integrations log in with 64.0.</summary>
    private const string LoginApiVersion = "64.0";

    private static readonly XNamespace Soap = "urn:partner.soap.sforce.com";
    private static readonly XNamespace Async = "http://www.force.com/2009/06/asyncapi/dataload";

    /// <summary>How many API calls this class made.</summary>
    public int Calls { get; private set; }

    /// <summary>Logs in with SOAP <c>login()</c>; returns the instance URL and session id.</summary>
    public async Task<(Uri InstanceUrl, string SessionId)> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        var envelope = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Body><n1:login xmlns:n1=\"urn:partner.soap.sforce.com\">"
            + "<n1:username>" + SecurityElement.Escape(username) + "</n1:username><n1:password>" + SecurityElement.Escape(password) + "</n1:password>"
            + "</n1:login></env:Body></env:Envelope>";
        using var request = new HttpRequestMessage(HttpMethod.Post, "services/Soap/u/" + LoginApiVersion)
        {
            Content = new StringContent(envelope, Encoding.UTF8, "text/xml"),
        };
        request.Headers.Add("SOAPAction", "login");
        var body = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var serverUrl = new Uri(body.Descendants(Soap + "serverUrl").First().Value);
        var sessionId = body.Descendants(Soap + "sessionId").First().Value;
        return (new Uri(serverUrl.GetLeftPart(UriPartial.Authority) + "/"), sessionId);
    }

    /// <summary>Creates the query job with PK chunking; returns its id.</summary>
    public async Task<string> CreatePkChunkedQueryJobAsync(string sessionId, string sObject, int chunkSize, CancellationToken cancellationToken)
    {
        var jobInfo = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">"
            + "<operation>query</operation><object>" + SecurityElement.Escape(sObject) + "</object>"
            + "<concurrencyMode>Parallel</concurrencyMode><contentType>CSV</contentType></jobInfo>";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"services/async/{apiVersion}/job")
        {
            Content = new StringContent(jobInfo, Encoding.UTF8, "application/xml"),
        };
        request.Headers.Add("X-SFDC-Session", sessionId);
        request.Headers.Add("Sforce-Enable-PKChunking", FormattableString.Invariant($"chunkSize={chunkSize}"));
        var body = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return body.Root!.Element(Async + "id")!.Value;
    }

    /// <summary>Adds the SOQL batch; returns its id.</summary>
    public async Task<string> AddQueryBatchAsync(string sessionId, string jobId, string soql, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"services/async/{apiVersion}/job/{jobId}/batch")
        {
            Content = new StringContent(soql, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "UTF-8" };
        request.Headers.Add("X-SFDC-Session", sessionId);
        var body = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return body.Root!.Element(Async + "id")!.Value;
    }

    private async Task<XDocument> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The demo integration's {request.Method} {request.RequestUri} failed with HTTP {(int)response.StatusCode}: {text}");
        }

        return XDocument.Parse(text);
    }
}
