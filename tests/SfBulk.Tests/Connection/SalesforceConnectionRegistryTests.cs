using Microsoft.Extensions.Configuration;
using SfBulk.Authentication;
using SfBulk.Connection;

namespace SfBulk.Tests.Connection;

public sealed class SalesforceConnectionRegistryTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Create_TwoNamedConnectionsInConfiguration_BothUsableWithInferredCredentials()
    {
        var config = Config(
            ("SfBulk:Connections:prod:LoginUrl", "https://acme.my.salesforce.com"),
            ("SfBulk:Connections:prod:ClientId", "cid"),
            ("SfBulk:Connections:prod:ClientSecret", "cs"),
            ("SfBulk:Connections:prod:RequestTimeout", "00:00:30"),
            ("SfBulk:Connections:sandbox:LoginUrl", "https://test.salesforce.com"),
            ("SfBulk:Connections:sandbox:ClientId", "cid"),
            ("SfBulk:Connections:sandbox:Username", "ops@acme.com.uat"),
            ("SfBulk:Connections:sandbox:JwtKeyFile", "/keys/uat.pem"),
            ("SfBulk:Connections:sandbox:ApiVersion", "64.0"));

        using var registry = SalesforceConnectionRegistry.Create(config, null, null, null);

        Assert.Equal(["prod", "sandbox"], registry.Names);
        Assert.IsType<ClientCredentialsCredential>(registry.Get("prod").Credential);
        var sandbox = registry.Get("SANDBOX");
        Assert.IsType<JwtBearerCredential>(sandbox.Credential);
        Assert.Equal("64.0", sandbox.ApiVersion);
        Assert.Same(sandbox, registry.Get("sandbox"));
    }

    [Fact]
    public void Get_NoNameAndNoDefault_ThrowsNotFoundListingConnections()
    {
        var config = Config(("SfBulk:Connections:a:SfAlias", "a"), ("SfBulk:Connections:b:SfAlias", "b"));
        using var registry = SalesforceConnectionRegistry.Create(config, null, null, null);

        var ex = Assert.Throws<SalesforceConnectionNotFoundException>(() => registry.Get());

        Assert.Contains("'default'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a, b", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SFBULK_", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_NoNameAndSingleConnection_ReturnsIt()
    {
        using var registry = SalesforceConnectionRegistry.Create(Config(("SfBulk:Connections:only:SfAlias", "dev")), null, null, null);
        Assert.Equal("only", registry.Get().Name);
    }

    [Fact]
    public void Get_NothingConfigured_ThrowsNotFoundSayingWhatToConfigure()
    {
        using var registry = SalesforceConnectionRegistry.Create(null, _ => null, null, null);
        var ex = Assert.Throws<SalesforceConnectionNotFoundException>(() => registry.Get());
        Assert.Contains("No connection is configured", ex.Message, StringComparison.Ordinal);
        Assert.Equal("CONNECTION_NOT_FOUND", ex.ErrorCode);
    }

    [Fact]
    public void Get_IncompleteCredential_ThrowsNotFoundNamingMissingSettings()
    {
        var config = Config(("SfBulk:Connections:prod:AuthMethod", "jwt"), ("SfBulk:Connections:prod:ClientId", "cid"));
        using var registry = SalesforceConnectionRegistry.Create(config, null, null, null);

        var ex = Assert.Throws<SalesforceConnectionNotFoundException>(() => registry.Get("prod"));

        Assert.Contains("Username", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KeyFile", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EnvironmentVariables_FormDefaultConnectionAndOverrideConfiguration()
    {
        var env = new Dictionary<string, string>
        {
            ["SFBULK_LOGIN_URL"] = "https://acme.my.salesforce.com",
            ["SFBULK_CLIENT_ID"] = "env-client",
            ["SFBULK_CLIENT_SECRET"] = "env-secret",
            ["SFBULK_API_VERSION"] = "65.0",
            ["SFBULK_MAX_RETRIES"] = "1",
        };
        var config = Config(("SfBulk:Connections:default:LoginUrl", "https://old.my.salesforce.com"), ("SfBulk:Connections:default:ClientId", "config-client"));

        using var registry = SalesforceConnectionRegistry.Create(config, name => env.GetValueOrDefault(name), null, null);
        var connection = registry.Get();

        Assert.Equal(new Uri("https://acme.my.salesforce.com"), connection.LoginUrl);
        Assert.Equal("65.0", connection.ApiVersion);
        Assert.Equal("env-client", Assert.IsType<ClientCredentialsCredential>(connection.Credential).ClientId);
    }

    [Theory]
    [InlineData("SFBULK_USERNAME=u;SFBULK_PASSWORD=p;SFBULK_SECURITY_TOKEN=t", typeof(SoapLoginCredential))]
    [InlineData("SFBULK_USERNAME=u;SFBULK_PASSWORD=p;SFBULK_CLIENT_ID=c;SFBULK_CLIENT_SECRET=s", typeof(UsernamePasswordCredential))]
    [InlineData("SFBULK_CLIENT_ID=c;SFBULK_REFRESH_TOKEN=r", typeof(RefreshTokenCredential))]
    [InlineData("SFBULK_INSTANCE_URL=https://acme.my.salesforce.com;SFBULK_SESSION_ID=00Dx!y", typeof(ExternalSessionCredential))]
    [InlineData("SFBULK_SF_ALIAS=dev", typeof(SalesforceCliCredential))]
    [InlineData("SFBULK_AUTH_METHOD=soap;SFBULK_USERNAME=u;SFBULK_PASSWORD=p;SFBULK_CLIENT_ID=c;SFBULK_CLIENT_SECRET=s", typeof(SoapLoginCredential))]
    public void FromEnvironment_Variables_PickExpectedCredential(string variables, Type expected)
    {
        var env = variables.Split(';').Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);
        var settings = SalesforceConnectionSettings.FromEnvironment(name => env.GetValueOrDefault(name));

        Assert.NotNull(settings);
        Assert.IsType(expected, settings.ToOptions("default").Credential);
    }

    [Fact]
    public void FromEnvironment_NothingSet_ReturnsNull()
    {
        Assert.Null(SalesforceConnectionSettings.FromEnvironment(_ => null));
    }

    [Fact]
    public void Resolve_ExternalSessionGiven_ReturnsNonRefreshableConnectionEvenWithoutConfiguration()
    {
        using var registry = SalesforceConnectionRegistry.Create(null, null, null, null);

        var (connection, owned) = registry.Resolve(null, new Uri("https://acme.my.salesforce.com"), "00Dx!token", externalSessionIdUsed: true);
        using (connection)
        {
            Assert.True(owned);
            Assert.False(connection.CanRefreshSession);
        }
    }

    [Fact]
    public void Resolve_SessionIdWithoutServerUrl_ThrowsNotFound()
    {
        using var registry = SalesforceConnectionRegistry.Create(null, null, null, null);
        Assert.Throws<SalesforceConnectionNotFoundException>(() => registry.Resolve(null, null, "00Dx!token", externalSessionIdUsed: true));
    }
}
