using SfBulk.Authentication;

namespace SfBulk.Tests.Connection;

public sealed class SalesforceConnectionValidationTests
{
    private static readonly ClientCredentialsCredential Credential = new("id", "secret");

    [Theory]
    [InlineData("http://login.salesforce.com")]
    [InlineData("http://mycompany.my.salesforce.com")]
    [InlineData("ftp://127.0.0.1")]
    public void Constructor_NonHttpsRemoteLoginUrl_ThrowsArgumentException(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SalesforceConnection(new SalesforceConnectionOptions { LoginUrl = new Uri(url), Credential = Credential }));
        Assert.Contains("https", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://127.8.9.10:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://localhost:5000")]
    [InlineData("https://mycompany.my.salesforce.com")]
    public void Constructor_HttpsOrLoopbackLoginUrl_Accepted(string url)
    {
        using var connection = new SalesforceConnection(new SalesforceConnectionOptions { LoginUrl = new Uri(url), Credential = Credential });
        Assert.Equal(new Uri(url), connection.LoginUrl);
    }

    [Fact]
    public void Constructor_RetryMaxDelayOverADay_ThrowsArgumentExceptionBeforeAnyRequest()
    {
        var options = new SalesforceConnectionOptions { LoginUrl = new Uri("https://mycompany.my.salesforce.com"), Credential = Credential };
        options.Retry.MaxDelay = TimeSpan.FromDays(2);

        var ex = Assert.Throws<ArgumentException>(() => new SalesforceConnection(options));

        Assert.Equal("Retry.MaxDelay must not exceed one day. (Parameter 'MaxDelay')", ex.Message);
    }

    [Fact]
    public void Constructor_RelativeLoginUrl_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SalesforceConnection(new SalesforceConnectionOptions { LoginUrl = new Uri("/x", UriKind.Relative), Credential = Credential }));
    }

    [Fact]
    public void Constructor_NoCredential_ThrowsArgumentExceptionNamingTheFix()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SalesforceConnection(new SalesforceConnectionOptions()));
        Assert.Contains("Credential", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadApiVersion_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SalesforceConnection(new SalesforceConnectionOptions { Credential = Credential, ApiVersion = "v66" }));
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_ConnectionKeepsCopy()
    {
        var options = new SalesforceConnectionOptions { Credential = Credential, ApiVersion = "62.0" };
        using var connection = new SalesforceConnection(options);
        options.ApiVersion = "50.0";
        options.LoginUrl = SalesforceConnectionOptions.SandboxLoginUrl;
        Assert.Equal("62.0", connection.ApiVersion);
        Assert.Equal(SalesforceConnectionOptions.ProductionLoginUrl, connection.LoginUrl);
    }

    [Fact]
    public void FromExternalSession_PlainHttpRemoteHost_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => SalesforceConnection.FromExternalSession(new Uri("http://na1.salesforce.com"), "00Dxx!token"));
    }

    [Fact]
    public void FromExternalSession_SoapServerUrl_UsesItsHostAndCannotRefresh()
    {
        using var connection = SalesforceConnection.FromExternalSession(new Uri("https://acme.my.salesforce.com/services/Soap/u/46.0/00D000000000001"), "00Dxx!token");
        Assert.False(connection.CanRefreshSession);
        Assert.Equal(new Uri("https://acme.my.salesforce.com/"), ((ExternalSessionCredential)connection.Credential).InstanceUrl);
    }
}
