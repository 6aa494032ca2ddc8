using System.Net;
using System.Text;
using SfBulk.Activity;
using SfBulk.Authentication;
using SfBulk.Http;
using SfBulk.Tests.Wire;
using SfBulk.Wire;

namespace SfBulk.Tests.Fuzzing;

/// <summary>
/// Every parser of outside data, with the exception it may throw for a bad input (anything else is a bug), and the
/// valid documents the mutations start from.
/// </summary>
internal static class FuzzTargets
{
    private static readonly Uri Url = new("https://example.my.salesforce.com/services/async/66.0/job/750R0000000zlh9IAA");
    private static readonly Uri Login = new("https://login.salesforce.com/");

    /// <summary>One parser: its name, the call, and the one exception type that is a proper refusal (null: it must never throw).</summary>
    public sealed record Target(string Name, Action<byte[], HttpStatusCode> Parse, Type? Refusal);

    public static IReadOnlyList<Target> All { get; } =
    [
        new("JobInfoWire.Parse", (b, s) => JobInfoWire.Parse(b, Response(b, s)), typeof(SalesforceException)),
        new("JobInfoWire.ParseXml", (b, s) => JobInfoWire.ParseXml(b, Response(b, s)), typeof(SalesforceException)),
        new("JobInfoWire.ParseJson", (b, s) => JobInfoWire.ParseJson(b, Response(b, s)), typeof(SalesforceException)),
        new("BatchInfoWire.Parse", (b, s) => BatchInfoWire.Parse(b, Response(b, s)), typeof(SalesforceException)),
        new("BatchInfoWire.ParseList", (b, s) => BatchInfoWire.ParseList(b, Response(b, s)), typeof(SalesforceException)),
        new("JobPageWire.Parse", (b, s) => JobPageWire.Parse(b, Response(b, s)), typeof(SalesforceException)),
        new("ApiErrors.ToException", (b, s) => _ = ApiErrors.ToException(Response(b, s)).Message, null),
        new("ApiErrors.Code", (b, s) => ApiErrors.Code(Response(b, s)), null),
        new("SessionExpiry.IsExpired", (b, s) => SessionExpiry.IsExpired(ApiFamily.BulkV1, Response(b, s)), null),
        new("TransientResponses.IsTransient", (b, s) => TransientResponses.IsTransient(Response(b, s)), null),
        new("SoapLoginResponse.Read", (b, s) => SoapLoginResponse.Read(Response(b, s), Login), typeof(SalesforceException)),
        new("OAuthTokenClient.Read", (b, s) => OAuthTokenClient.Read(Response(b, s), "password", Login), typeof(SalesforceException)),
        new("SalesforceCliOutput.Read", (b, s) => SalesforceCliOutput.Read(Text(b), (int)s == 200 ? 0 : 1, "alias"), typeof(SalesforceException)),
        new("CloseJobDocuments.ReadInputJson", (b, s) => CloseJobDocuments.ReadInputJson(Text(b)), typeof(FormatException)),
        new("CloseJobDocuments.ReadInputXml", (b, s) => CloseJobDocuments.ReadInputXml(Text(b)), typeof(FormatException)),
    ];

    /// <summary>Valid documents: jobInfo, batchInfo, error bodies, Get All Jobs pages, SOAP and OAuth answers, activity input.</summary>
    public static IReadOnlyList<byte[]> Seeds { get; } =
    [
        Fixture.Bytes("close-job-response.xml"),
        Fixture.Bytes("close-job-response.json"),
        Fixture.Bytes("abort-job-response.xml"),
        Fixture.Bytes("batch-info.xml"),
        Fixture.Bytes("batch-info-list-pk-chunked.xml"),
        Fixture.Bytes("error-invalid-job.xml"),
        Fixture.Bytes("error-invalid-session.xml"),
        Fixture.Bytes("v2-abort-error.json"),
        Fixture.Bytes("v2-get-all-jobs-page.json"),
        Utf8("""
            {"id":"750R0000000zlh9IAA","operation":"query","object":"Account","createdById":"005R0000000GiwjIAC",
             "createdDate":"2026-03-04T05:06:07.000+0000","systemModstamp":"2026-03-04T05:06:08.000+0000","state":"JobComplete",
             "concurrencyMode":"Parallel","contentType":"CSV","apiVersion":66.0,"jobType":"V2Query","lineEnding":"LF",
             "columnDelimiter":"COMMA","numberRecordsProcessed":42,"retries":0,"totalProcessingTime":334,"isPkChunkingSupported":true}
            """),
        Utf8("""
            {"batchInfo":[{"id":"751D0000000004rIAA","jobId":"750D0000000002lIAA","state":"NotProcessed",
             "createdDate":"2009-04-14T18:15:59.000+0000","systemModstamp":"2009-04-14T18:15:59.000+0000",
             "numberRecordsProcessed":0,"numberRecordsFailed":0,"totalProcessingTime":0,"apiActiveProcessingTime":0,"apexProcessingTime":0}]}
            """),
        Utf8("""{"exceptionCode":"InvalidSessionId","exceptionMessage":"Invalid session id"}"""),
        Utf8("""[{"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}]"""),
        Utf8("""
            <?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
            xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><loginResponse><result>
            <metadataServerUrl>https://example.my.salesforce.com/services/Soap/m/64.0/00DR00000008oBT</metadataServerUrl>
            <passwordExpired>false</passwordExpired><sandbox>false</sandbox>
            <serverUrl>https://example.my.salesforce.com/services/Soap/u/64.0/00DR00000008oBT</serverUrl>
            <sessionId>00DR00000008oBT!AQcAQFuzzSessionToken</sessionId><userId>005R0000000GiwjIAC</userId>
            <userInfo><userName>admin@example.com</userName></userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>
            """),
        Utf8("""
            <?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
            xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode>
            <faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring>
            <detail><sf:LoginFault><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode></sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>
            """),
        Utf8("""
            {"access_token":"00DR00000008oBT!AQcAQFuzzAccessToken","instance_url":"https://example.my.salesforce.com",
             "id":"https://login.salesforce.com/id/00DR00000008oBTMAY/005R0000000GiwjIAC","token_type":"Bearer",
             "issued_at":"1767225600000","signature":"c2lnbmF0dXJl"}
            """),
        Utf8("""{"error":"invalid_grant","error_description":"authentication failure"}"""),
        Utf8("""
            {"status":0,"result":{"id":"00DR00000008oBTMAY","accessToken":"00DR00000008oBT!AQcAQFuzzCliToken",
             "instanceUrl":"https://example.my.salesforce.com","username":"admin@example.com","alias":"dev"}}
            """),
        Utf8("""{"status":1,"name":"NamedOrgNotFoundError","message":"No authorization information found for nope."}"""),
        Utf8("""
            {"CloseJobConnection":{"ServerUrl":"https://example.my.salesforce.com","SessionId":"00D!x","ExternalSessionIdUsed":true},
             "CloseJob":{"jobId":"750R0000000zlh9IAA","state":"Aborted"},"CloseJobOptional":{"timeout":5000}}
            """),
        Utf8("""
            <SalesforceCloseJobInput><CloseJobConnection><ServerUrl>https://example.my.salesforce.com</ServerUrl><SessionId>00D!x</SessionId>
            <ExternalSessionIdUsed>false</ExternalSessionIdUsed></CloseJobConnection><CloseJob><jobId>750R0000000zlh9IAA</jobId>
            <state>Closed</state></CloseJob><CloseJobOptional><timeout>5000</timeout></CloseJobOptional></SalesforceCloseJobInput>
            """),
    ];

    private static readonly string?[] ContentTypes = ["application/xml", "application/json", "text/html", "text/plain", null];

    private static ApiResponse Response(byte[] body, HttpStatusCode status) =>
        new(status, ContentTypes[(body.Length + (int)status) % ContentTypes.Length], body, "GET", Url)
        {
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = body.Length % 3 == 0 ? "x" : "2" },
        };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
