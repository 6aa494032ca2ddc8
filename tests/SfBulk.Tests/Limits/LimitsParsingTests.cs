using System.Net;
using System.Text;
using SfBulk.Http;
using SfBulk.Limits;
using SfBulk.Wire;

namespace SfBulk.Tests.Limits;

public sealed class LimitsParsingTests
{
    [Theory]
    [InlineData("api-usage=18/5000", 18, 5000)]
    [InlineData("api-usage=10018/100000; api-bursts=1/750", 10018, 100000)]
    [InlineData("per-app-api-usage=17/250(appName=sample-connected-app); api-usage=25/5000", 25, 5000)]
    [InlineData("api-usage=110018/100000", 110018, 100000)]
    public void LimitInfoHeader_Valid_ReadsApiUsage(string value, long used, long max)
    {
        Assert.True(LimitInfoHeader.TryParse(value, out var u, out var m));
        Assert.Equal((used, max), (u, m));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("api-bursts=1/750")]
    [InlineData("api-usage=x/5000")]
    [InlineData("api-usage=5/0")]
    [InlineData("api-usage=-5/100")]
    public void LimitInfoHeader_Malformed_False(string? value) =>
        Assert.False(LimitInfoHeader.TryParse(value, out _, out _));

    [Fact]
    public void LimitsWire_UnknownMissingAndRenamedKeys_Tolerated()
    {
        var limits = LimitsWire.Parse(Response("""
            {"DailyApiRequests":{"Max":15000,"Remaining":14998,"Salesforce CLI":{"Max":0,"Remaining":0}},
             "DailyBulkApiRequests":{"Max":10000,"Remaining":9000},
             "SomethingNew":{"Max":5,"Remaining":1},
             "NotAnAllocation":42,
             "HalfAnAllocation":{"Max":3}}
            """));

        Assert.Equal(new OrgLimit("DailyApiRequests", 15_000, 14_998), limits.DailyApiRequests);
        Assert.Equal(new OrgLimit("DailyBulkApiBatches", 10_000, 9_000), limits.DailyBulkApiBatches);
        Assert.Null(limits.DailyBulkV2QueryJobs);
        Assert.Null(limits.DailyBulkV2QueryFileStorageMB);
        Assert.Equal(4, limits.All["SomethingNew"].Used);
        Assert.False(limits.All.ContainsKey("NotAnAllocation"));
        Assert.False(limits.All.ContainsKey("HalfAnAllocation"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{not json")]
    public void LimitsWire_NotAnObject_InvalidResponse(string body)
    {
        var error = Assert.Throws<SalesforceRestException>(() => LimitsWire.Parse(Response(body)));
        Assert.Equal(SfBulkErrorCodes.InvalidResponse, error.ErrorCode);
    }

    private static ApiResponse Response(string body) =>
        new(HttpStatusCode.OK, "application/json", Encoding.UTF8.GetBytes(body), "GET", new Uri("https://example.my.salesforce.com/services/data/v66.0/limits"));
}
