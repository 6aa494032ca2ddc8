using Microsoft.Extensions.Configuration;

namespace SfBulk;

/// <summary>
/// The flat, string-based form of a connection as written in configuration (section
/// <c>SfBulk:Connections:{name}</c>) or environment variables (<c>SFBULK_*</c>). <see cref="ToOptions"/> turns it into
/// <see cref="SalesforceConnectionOptions"/> and picks the credential.
/// </summary>
/// <remarks>
/// <para>The credential is <see cref="AuthMethod"/> when set (<c>jwt</c>, <c>client-credentials</c>,
/// <c>refresh-token</c>, <c>password</c>, <c>soap</c>, <c>session</c>, <c>sf-cli</c>); otherwise the first that the
/// settings complete: <c>session</c> (InstanceUrl + SessionId), <c>jwt</c> (ClientId + Username + JwtKeyFile or
/// JwtKey), <c>refresh-token</c> (ClientId + RefreshToken), <c>password</c> (ClientId + ClientSecret + Username +
/// Password), <c>client-credentials</c> (ClientId + ClientSecret), <c>soap</c> (Username + Password), <c>sf-cli</c>
/// (SfAlias).</para>
/// <para>Environment variables: <c>SFBULK_LOGIN_URL</c>, <c>SFBULK_API_VERSION</c>, <c>SFBULK_AUTH_METHOD</c>,
/// <c>SFBULK_USERNAME</c>, <c>SFBULK_PASSWORD</c>, <c>SFBULK_SECURITY_TOKEN</c>, <c>SFBULK_CLIENT_ID</c>,
/// <c>SFBULK_CLIENT_SECRET</c>, <c>SFBULK_JWT_KEY_FILE</c>, <c>SFBULK_REFRESH_TOKEN</c>, <c>SFBULK_INSTANCE_URL</c> with
/// <c>SFBULK_SESSION_ID</c>, <c>SFBULK_SF_ALIAS</c>, <c>SFBULK_REQUEST_TIMEOUT</c> (e.g. <c>00:02:00</c>),
/// <c>SFBULK_MAX_RETRIES</c>. They describe the connection named by <c>SFBULK_CONNECTION</c> (default
/// <c>default</c>) and override configuration values of that connection one by one.</para>
/// </remarks>
public sealed class SalesforceConnectionSettings
{
    /// <summary>The login URL; null means <c>https://login.salesforce.com</c>.</summary>
    public string? LoginUrl { get; set; }

    /// <summary>The API version; null means <c>66.0</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The login flow; null infers it (see the remarks of <see cref="SalesforceConnectionSettings"/>).</summary>
    public string? AuthMethod { get; set; }

    /// <summary>The user name (SOAP, password, JWT flows).</summary>
    public string? Username { get; set; }

    /// <summary>The password (SOAP and password flows). Secret.</summary>
    public string? Password { get; set; }

    /// <summary>The security token appended to the password. Secret.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>The connected app's consumer key.</summary>
    public string? ClientId { get; set; }

    /// <summary>The connected app's consumer secret. Secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The path of the PEM private key of the JWT bearer flow.</summary>
    public string? JwtKeyFile { get; set; }

    /// <summary>The PEM private key text of the JWT bearer flow (instead of <see cref="JwtKeyFile"/>). Secret.</summary>
    public string? JwtKey { get; set; }

    /// <summary>The refresh token. Secret.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>The instance URL of an external session.</summary>
    public string? InstanceUrl { get; set; }

    /// <summary>An external session id or access token, never refreshed. Secret.</summary>
    public string? SessionId { get; set; }

    /// <summary>The Salesforce CLI alias or user name of the <c>sf-cli</c> flow.</summary>
    public string? SfAlias { get; set; }

    /// <summary>The API version of SOAP <c>login()</c>; null means 64.0.</summary>
    public string? SoapLoginApiVersion { get; set; }

    /// <summary>The per-request timeout; null means 2 minutes.</summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>Whether idempotent requests are retried; null means true.</summary>
    public bool? RetryEnabled { get; set; }

    /// <summary>The most retries; null means 3.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>The base retry delay; null means 0.8 s.</summary>
    public TimeSpan? RetryBaseDelay { get; set; }

    /// <summary>The longest retry delay; null means 30 s.</summary>
    public TimeSpan? RetryMaxDelay { get; set; }

    /// <summary>Reads the settings of one connection from a configuration section (AOT-safe, source-generated binding).</summary>
    /// <param name="section">The section, e.g. <c>configuration.GetSection("SfBulk:Connections:prod")</c>.</param>
    /// <returns>The settings (all null when the section is empty).</returns>
    public static SalesforceConnectionSettings FromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var settings = new SalesforceConnectionSettings();
        section.Bind(settings);
        return settings;
    }

    /// <summary>Reads the <c>SFBULK_*</c> environment variables; null when none of them is set.</summary>
    /// <param name="getVariable">Reads one variable; null reads the process environment.</param>
    /// <returns>The settings, or null.</returns>
    /// <exception cref="ArgumentException">A number or duration variable is malformed.</exception>
    public static SalesforceConnectionSettings? FromEnvironment(Func<string, string?>? getVariable = null) =>
        SalesforceConnectionEnvironment.Read(getVariable ?? Environment.GetEnvironmentVariable);

    /// <summary>
    /// Builds connection options named <paramref name="name"/>; throws
    /// <see cref="SalesforceConnectionNotFoundException"/> explaining what to set when no credential is complete.
    /// </summary>
    /// <param name="name">The connection name.</param>
    /// <returns>The options.</returns>
    /// <exception cref="SalesforceConnectionNotFoundException">The settings do not describe a way to log in.</exception>
    /// <exception cref="ArgumentException">A value is malformed (for example a relative login URL).</exception>
    public SalesforceConnectionOptions ToOptions(string name) => SalesforceConnectionSettingsMapper.ToOptions(this, name);

    /// <summary>Copies every value set in <paramref name="overrides"/> over this one's.</summary>
    /// <param name="overrides">The values that win.</param>
    /// <returns>This instance.</returns>
    public SalesforceConnectionSettings MergeFrom(SalesforceConnectionSettings? overrides)
    {
        if (overrides is null)
        {
            return this;
        }

        LoginUrl = overrides.LoginUrl ?? LoginUrl;
        ApiVersion = overrides.ApiVersion ?? ApiVersion;
        AuthMethod = overrides.AuthMethod ?? AuthMethod;
        Username = overrides.Username ?? Username;
        Password = overrides.Password ?? Password;
        SecurityToken = overrides.SecurityToken ?? SecurityToken;
        ClientId = overrides.ClientId ?? ClientId;
        ClientSecret = overrides.ClientSecret ?? ClientSecret;
        JwtKeyFile = overrides.JwtKeyFile ?? JwtKeyFile;
        JwtKey = overrides.JwtKey ?? JwtKey;
        RefreshToken = overrides.RefreshToken ?? RefreshToken;
        InstanceUrl = overrides.InstanceUrl ?? InstanceUrl;
        SessionId = overrides.SessionId ?? SessionId;
        SfAlias = overrides.SfAlias ?? SfAlias;
        SoapLoginApiVersion = overrides.SoapLoginApiVersion ?? SoapLoginApiVersion;
        RequestTimeout = overrides.RequestTimeout ?? RequestTimeout;
        RetryEnabled = overrides.RetryEnabled ?? RetryEnabled;
        MaxRetries = overrides.MaxRetries ?? MaxRetries;
        RetryBaseDelay = overrides.RetryBaseDelay ?? RetryBaseDelay;
        RetryMaxDelay = overrides.RetryMaxDelay ?? RetryMaxDelay;
        return this;
    }

    /// <summary>Describes the settings; secrets show only whether they are set.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"LoginUrl={LoginUrl}, AuthMethod={AuthMethod}, Username={Username}, ClientId={ClientId}, JwtKeyFile={JwtKeyFile}, InstanceUrl={InstanceUrl}, SfAlias={SfAlias}, "
        + $"Password={Shown(Password)}, SecurityToken={Shown(SecurityToken)}, ClientSecret={Shown(ClientSecret)}, JwtKey={Shown(JwtKey)}, RefreshToken={Shown(RefreshToken)}, SessionId={Shown(SessionId)}";

    private static string Shown(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "REDACTED";
}
