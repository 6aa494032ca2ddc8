using Microsoft.Extensions.Configuration;
using SfBulk.Authentication;
using SfBulk.Connection;

namespace SfBulk.Tests.Connection;

/// <summary>One credential vocabulary, one set of environment variables, one duration syntax; the older names still read, with a warning.</summary>
public sealed class ConnectionVocabularyTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData("refresh-token", "refresh-token")]
    [InlineData("refreshtoken", "refresh-token")]
    [InlineData("Refresh_Token", "refresh-token")]
    [InlineData("jwt-bearer", "jwt")]
    [InlineData("clientcredentials", "client-credentials")]
    [InlineData("oauth-password", "password")]
    [InlineData("soap-login", "soap")]
    [InlineData("external-session", "session")]
    [InlineData("sfcli", "sf-cli")]
    [InlineData("kerberos", null)]
    public void Normalize_OldSpellings_AreAliasesOfTheCanonicalName(string given, string? expected)
    {
        Assert.Equal(expected, CredentialKinds.Normalize(given));
    }

    [Fact]
    public void FromEnvironment_CanonicalNames_BuildTheCredential()
    {
        using var log = new CapturingLoggerFactory();
        var settings = SalesforceConnectionSettings.FromEnvironment(
            Env(("SFBULK_CREDENTIAL", "sf-cli"), ("SFBULK_TARGET_ORG", "dev"), ("SFBULK_REQUEST_TIMEOUT", "90s")),
            log.CreateLogger("test"));

        Assert.NotNull(settings);
        var options = settings.ToOptions("default");
        Assert.Equal("dev", Assert.IsType<SalesforceCliCredential>(options.Credential).Alias);
        Assert.Equal(TimeSpan.FromSeconds(90), options.RequestTimeout);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void FromEnvironment_DeprecatedNames_StillReadWithAWarningEach()
    {
        using var log = new CapturingLoggerFactory();
        var settings = SalesforceConnectionSettings.FromEnvironment(
            Env(("SFBULK_AUTH_METHOD", "refreshtoken"), ("SFBULK_CLIENT_ID", "cid"), ("SFBULK_REFRESH_TOKEN", Canaries.RefreshToken), ("SFBULK_SF_ALIAS", "dev"), ("SFBULK_JWT_KEY_FILE", "/keys/k.pem")),
            log.CreateLogger("test"));

        Assert.NotNull(settings);
        Assert.Equal("refreshtoken", settings.Credential);
        Assert.Equal("dev", settings.TargetOrg);
        Assert.Equal("/keys/k.pem", settings.KeyFile);
        Assert.IsType<RefreshTokenCredential>(settings.ToOptions("default").Credential);
        Assert.Contains("SFBULK_AUTH_METHOD is deprecated; use SFBULK_CREDENTIAL", log.AllText, StringComparison.Ordinal);
        Assert.Contains("SFBULK_SF_ALIAS is deprecated; use SFBULK_TARGET_ORG", log.AllText, StringComparison.Ordinal);
        Assert.Contains("SFBULK_JWT_KEY_FILE is deprecated; use SFBULK_KEY_FILE", log.AllText, StringComparison.Ordinal);
        Assert.All(log.Lines, line => Assert.StartsWith("Warning", line, StringComparison.Ordinal));
        Canaries.AssertAbsent(log.AllText, "the log");
    }

    [Fact]
    public void FromEnvironment_CanonicalAndDeprecatedBothSet_CanonicalWins()
    {
        var settings = SalesforceConnectionSettings.FromEnvironment(Env(("SFBULK_CREDENTIAL", "soap"), ("SFBULK_AUTH_METHOD", "jwt"), ("SFBULK_USERNAME", "u")));

        Assert.Equal("soap", settings!.Credential);
    }

    [Theory]
    [InlineData("90", 90_000, "read as 90s")]
    [InlineData("00:02:00", 120_000, "read as 2m")]
    [InlineData("2m", 120_000, null)]
    [InlineData("500ms", 500, null)]
    public void FromEnvironment_RequestTimeout_BareSecondsAndHhMmSsStillReadWithAWarning(string value, long expectedMs, string? warning)
    {
        using var log = new CapturingLoggerFactory();
        var settings = SalesforceConnectionSettings.FromEnvironment(Env(("SFBULK_SF_ALIAS", "dev"), ("SFBULK_TARGET_ORG", "dev"), ("SFBULK_REQUEST_TIMEOUT", value)), log.CreateLogger("test"));

        Assert.Equal(expectedMs, (long)settings!.RequestTimeout!.Value.TotalMilliseconds);
        if (warning is null)
        {
            Assert.DoesNotContain("SFBULK_REQUEST_TIMEOUT", log.AllText, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("SFBULK_REQUEST_TIMEOUT: '" + value + "'", log.AllText, StringComparison.Ordinal);
            Assert.Contains(warning, log.AllText, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("5y")]
    [InlineData("-30s")]
    public void FromEnvironment_MalformedDuration_ThrowsArgumentExceptionNamingTheVariable(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => SalesforceConnectionSettings.FromEnvironment(Env(("SFBULK_TARGET_ORG", "dev"), ("SFBULK_REQUEST_TIMEOUT", value))));

        Assert.StartsWith("SFBULK_REQUEST_TIMEOUT: ", e.Message, StringComparison.Ordinal);
        Assert.Equal("SFBULK_REQUEST_TIMEOUT", e.ParamName);
    }

    [Fact]
    public void FromConfiguration_DeprecatedKeysAndDurationForms_StillReadWithAWarning()
    {
        using var log = new CapturingLoggerFactory();
        var config = Config(
            ("SfBulk:Connections:prod:AuthMethod", "jwt-bearer"),
            ("SfBulk:Connections:prod:ClientId", "cid"),
            ("SfBulk:Connections:prod:Username", "u@example.com"),
            ("SfBulk:Connections:prod:JwtKeyFile", "/keys/k.pem"),
            ("SfBulk:Connections:prod:RequestTimeout", "00:01:30"),
            ("SfBulk:Connections:prod:RetryBaseDelay", "250ms"));

        var settings = SalesforceConnectionSettings.FromConfiguration(config.GetSection("SfBulk:Connections:prod"), log.CreateLogger("test"));

        Assert.Equal("jwt-bearer", settings.Credential);
        Assert.Equal("/keys/k.pem", settings.KeyFile);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.RetryBaseDelay);
        Assert.Contains("SfBulk:Connections:prod:AuthMethod is deprecated; use SfBulk:Connections:prod:Credential", log.AllText, StringComparison.Ordinal);
        Assert.Contains("SfBulk:Connections:prod:JwtKeyFile is deprecated; use SfBulk:Connections:prod:KeyFile", log.AllText, StringComparison.Ordinal);
        Assert.Contains("SfBulk:Connections:prod:RequestTimeout: '00:01:30'", log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_MalformedDurationInConfiguration_ConnectionUnusableWithTypedError()
    {
        var config = Config(("SfBulk:Connections:prod:TargetOrg", "dev"), ("SfBulk:Connections:prod:RequestTimeout", "soon"));
        using var registry = SalesforceConnectionRegistry.Create(config, null, null, null);

        var e = Assert.Throws<SalesforceConnectionNotFoundException>(() => registry.Get("prod"));

        Assert.Contains("SfBulk:Connections:prod:RequestTimeout: 'soon' is not a duration", e.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(e.InnerException);
    }

    [Fact]
    public void ToOptions_SecretFromNamedVariable_ReadWhenConnectingAndNeverShown()
    {
        var settings = new SalesforceConnectionSettings { Credential = "client-credentials", LoginUrl = "https://acme.my.salesforce.com", ClientId = "cid", ClientSecretEnv = "ACME_SECRET" };

        var options = settings.ToOptions("acme", Env(("ACME_SECRET", Canaries.ClientSecret)));
        var unset = Assert.Throws<SalesforceConnectionNotFoundException>(() => settings.ToOptions("acme", Env()));

        Assert.Equal("cid", Assert.IsType<ClientCredentialsCredential>(options.Credential).ClientId);
        Assert.Contains("ClientSecret from the environment variable ACME_SECRET, which is not set", unset.Message, StringComparison.Ordinal);
        Canaries.AssertAbsent(settings.ToString() + options.Credential!.ToString() + unset, "the description");
    }

    [Fact]
    public void ToOptions_UnknownCredential_ListsTheCanonicalNames()
    {
        var e = Assert.Throws<ArgumentException>(() => new SalesforceConnectionSettings { Credential = "kerberos" }.ToOptions("x"));

        Assert.Contains("jwt, client-credentials, refresh-token, password, soap, session, sf-cli", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToOptions_PlainHttpLoginUrl_RefusedBeforeAnyCall()
    {
        var e = Assert.Throws<ArgumentException>(() => new SalesforceConnectionSettings { LoginUrl = "http://login.example.com", TargetOrg = "dev" }.ToOptions("x"));

        Assert.Contains("uses plain http", e.Message, StringComparison.Ordinal);
    }
}
