using System.Net;
using SfBulk.Http;
using SfBulk.Wire;

namespace SfBulk.Tests.Wire;

public class ApiErrorsTests
{
    private static ApiResponse Response(byte[] body, HttpStatusCode status = HttpStatusCode.BadRequest, string? contentType = null) =>
        new(status, contentType, body, "POST", new Uri("https://na1.salesforce.com/services/async/66.0/job/750D0000000002lIAA"));

    [Fact]
    public void Read_DocInvalidSessionXml_ReadsCodeAndMessage()
    {
        var error = ApiErrors.Read(Response(Fixture.Bytes("error-invalid-session.xml")));

        Assert.Equal("InvalidSessionId", error.Code);
        Assert.Equal("Invalid session id", error.Message);
    }

    [Fact]
    public void Read_DocInvalidJobXml_ReadsCodeAndMessage()
    {
        var error = ApiErrors.Read(Response(Fixture.Bytes("error-invalid-job.xml")));

        Assert.Equal("InvalidJob", error.Code);
        Assert.Equal("External ID was blank for Contact. An External ID must be specified for upsert.", error.Message);
    }

    [Fact]
    public void Read_DocV2ErrorArray_ReadsFirstEntry()
    {
        var error = ApiErrors.Read(Response(Fixture.Bytes("v2-abort-error.json")));

        Assert.Equal("INVALIDJOBSTATE", error.Code);
        Assert.Equal("Aborting already Completed Job not allowed", error.Message);
    }

    [Fact]
    public void Read_V1JsonError_ReadsCodeAndMessage()
    {
        var error = ApiErrors.Read(Response("{\"exceptionCode\":\"InvalidJobState\",\"exceptionMessage\":\"Closing already closed Job not allowed\"}"u8.ToArray()));

        Assert.Equal("InvalidJobState", error.Code);
        Assert.Equal("Closing already closed Job not allowed", error.Message);
    }

    [Fact]
    public void Read_OAuthError_ReadsCodeAndDescription()
    {
        var error = ApiErrors.Read(Response("{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}"u8.ToArray()));

        Assert.Equal("invalid_grant", error.Code);
        Assert.Equal("authentication failure", error.Message);
    }

    [Theory]
    [InlineData("<html><body>Bad gateway</body></html>", "HTML page")]
    [InlineData("", "no body")]
    [InlineData("<error><exceptionCode>Un", "not a Salesforce error")]
    [InlineData("oops", "not a Salesforce error")]
    [InlineData("{\"unexpected\":1}", "not a Salesforce error")]
    public void Read_UnreadableBody_DescribesItWithoutThrowing(string body, string mention)
    {
        var error = ApiErrors.Read(Response(System.Text.Encoding.UTF8.GetBytes(body), HttpStatusCode.BadGateway));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, error.Code);
        Assert.Contains(mention, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToException_V1Error_CarriesCodeStatusMethodAndUrl()
    {
        var response = Response(Fixture.Bytes("error-invalid-job.xml"));

        var e = ApiErrors.ToException(response);

        Assert.Equal("InvalidJob", e.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("POST", e.RequestMethod);
        Assert.Equal(response.RequestUri, e.RequestUri);
        Assert.StartsWith("InvalidJob: External ID was blank", e.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 400", e.Message, StringComparison.Ordinal);
    }
}
