using System.Net;
using System.Text;
using SfBulk.Http;
using SfBulk.Wire;

namespace SfBulk.Tests.Http;

public sealed class ResponseClassificationTests
{
    private static ApiResponse Response(HttpStatusCode status, string body, string? retryAfter = null) =>
        new(status, null, Encoding.UTF8.GetBytes(body), "GET", new Uri("https://x.my.salesforce.com/services/data/v66.0/jobs/ingest"))
        {
            Headers = retryAfter is null
                ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = retryAfter },
        };

    [Theory]
    [InlineData(true, 400, "<?xml version=\"1.0\"?><error xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n <exceptionCode>InvalidSessionId</exceptionCode>\n <exceptionMessage>Invalid session id</exceptionMessage>\n</error>", true)]
    [InlineData(true, 400, "{\"exceptionCode\":\"InvalidSessionId\",\"exceptionMessage\":\"Invalid session id\"}", true)]
    [InlineData(true, 400, "<error><exceptionCode>InvalidJob</exceptionCode></error>", false)]
    [InlineData(false, 401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]", true)]
    [InlineData(false, 400, "[{\"errorCode\":\"INVALIDJOBSTATE\",\"message\":\"x\"}]", false)]
    public void IsExpired_Body_Recognized(bool bulkV1, int status, string body, bool expired)
    {
        Assert.Equal(expired, SessionExpiry.IsExpired(bulkV1 ? ApiFamily.BulkV1 : ApiFamily.Rest, Response((HttpStatusCode)status, body)));
    }

    [Theory]
    [InlineData(503, "", null, true)]
    [InlineData(500, "", null, true)]
    [InlineData(429, "", null, true)]
    [InlineData(501, "", null, false)]
    [InlineData(404, "[{\"errorCode\":\"NOT_FOUND\"}]", null, false)]
    [InlineData(403, "[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"TotalRequests Limit exceeded.\"}]", null, false)]
    [InlineData(403, "[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"ConcurrentPerOrgLongTxn Limit exceeded\"}]", null, false)]
    [InlineData(403, "[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"x\"}]", "2", true)]
    public void IsTransient_Response_Classified(int status, string body, string? retryAfter, bool transient)
    {
        Assert.Equal(transient, TransientResponses.IsTransient(Response((HttpStatusCode)status, body, retryAfter)));
    }

    [Theory]
    [InlineData("api-usage=120/15000", true)]
    [InlineData("api-usage=15000/15000", false)]
    [InlineData("per-app-api-usage=1/10(appName=x), api-usage=7/15000", true)]
    [InlineData("garbage", false)]
    public void IsThrottled_RequestLimitWithoutRetryAfter_DecidedByTheLimitInfoHeaderNotTheMessage(string limitInfo, bool throttled)
    {
        var response = Response((HttpStatusCode)403, "[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"ConcurrentPerOrgLongTxn Limit exceeded\"}]") with
        {
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Sforce-Limit-Info"] = limitInfo },
        };

        Assert.Equal(throttled, TransientResponses.IsThrottled(response));
    }

    [Fact]
    public void RetryAfter_SecondsAndHttpDate_Parsed()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeader.Read(Response(HttpStatusCode.ServiceUnavailable, string.Empty, "7"), now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterHeader.Read(Response(HttpStatusCode.ServiceUnavailable, string.Empty, "Sun, 01 Mar 2026 12:00:30 GMT"), now));
        Assert.Null(RetryAfterHeader.Read(Response(HttpStatusCode.ServiceUnavailable, string.Empty), now));
    }
}
