using SfBulk.Connection;


namespace SfBulk.Tests.Connection;

public sealed class ConnectionRulesTests
{
    [Theory]
    [InlineData("https://acme.my.salesforce.com")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://localhost:5000")]
    public void TryParseUrl_HttpsOrLoopback_Accepted(string text)
    {
        Assert.True(ConnectionRules.TryParseUrl(text, out var url, out var error), error);
        Assert.Equal(new Uri(text), url);
    }

    [Theory]
    [InlineData("http://example.my.salesforce.com", "uses plain http")]
    [InlineData("http://127.0.0.1.example.com", "must use https")]
    [InlineData("/services/async/66.0", "not an absolute URL")]
    [InlineData("ftp://example.my.salesforce.com", "not an absolute URL")]
    [InlineData("not a url", "not an absolute URL")]
    [InlineData("https://admin:" + Canaries.Password + "@example.my.salesforce.com", "must not contain a user name or password")]
    [InlineData("https://example.my.salesforce.com/secur/frontdoor.jsp?sid=" + Canaries.SessionId + "&x=http", null)]
    public void TryParseUrl_Refused_SaysWhyWithoutEchoingSecrets(string text, string? expected)
    {
        var accepted = ConnectionRules.TryParseUrl(text, out _, out var error);

        if (expected is null)
        {
            Assert.True(accepted);
            return;
        }

        Assert.False(accepted);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Canaries.AssertAbsent(error, "the error");
    }

    [Fact]
    public void DescribeUrl_UrlWithPathAndQuery_ShowsSchemeAndHostOnly()
    {
        Assert.Equal("'https://acme.my.salesforce.com'", ConnectionRules.DescribeUrl("https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=" + Canaries.SessionId));
        Assert.Equal("'http://127.0.0.1:8080'", ConnectionRules.DescribeUrl("http://127.0.0.1:8080/x"));
        Assert.DoesNotContain(Canaries.SessionId, ConnectionRules.DescribeUrl(Canaries.SessionId), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("31.0", null)]
    [InlineData("66.0", null)]
    [InlineData("30.0", "is retired")]
    [InlineData("9.0", "is retired")]
    [InlineData("66", "not an API version")]
    [InlineData("v66.0", "not an API version")]
    [InlineData(null, "not an API version")]
    public void TryValidateApiVersion_FloorIs31(string? version, string? expected)
    {
        var valid = ConnectionRules.TryValidateApiVersion(version, out var error);

        Assert.Equal(expected is null, valid);
        if (expected is not null)
        {
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("2min", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0", 0)]
    public void TryParseDuration_NumberWithUnit_Parsed(string text, long expectedMs)
    {
        Assert.True(ConnectionRules.TryParseDuration(text, out var duration, out var error), error);
        Assert.Equal(expectedMs, (long)duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("30", "'30' has no unit: add a unit: 30s or 30000ms")]
    [InlineData("00:02:00", "unknown unit")]
    [InlineData("5y", "unknown unit 'y'")]
    [InlineData("400d", "maximum")]
    public void TryParseDuration_NoUnitOrBadUnit_RefusedWithTheFix(string text, string expected)
    {
        Assert.False(ConnectionRules.TryParseDuration(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(120_000, "2m")]
    [InlineData(1_500, "1500ms")]
    [InlineData(30_000, "30s")]
    [InlineData(86_400_000, "1d")]
    [InlineData(0, "0")]
    public void FormatDuration_LargestExactUnit_ReadsBack(long ms, string expected)
    {
        var text = ConnectionRules.FormatDuration(TimeSpan.FromMilliseconds(ms));

        Assert.Equal(expected, text);
        Assert.True(ConnectionRules.TryParseDuration(text, out var back, out _));
        Assert.Equal(ms, (long)back.TotalMilliseconds);
    }
}
