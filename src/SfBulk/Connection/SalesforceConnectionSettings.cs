using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SfBulk.Diagnostics;

namespace SfBulk.Connection;

/// <summary>
/// A connection profile: the flat, string-based form of a connection as written in configuration (section
/// <c>SfBulk:Connections:{name}</c>), in <c>SFBULK_*</c> environment variables and in the <c>sfbulk</c> command
/// line's connections file. <see cref="ToOptions"/> turns it into <see cref="SalesforceConnectionOptions"/> and
/// picks the credential.
/// </summary>
/// <remarks>
/// <para>The credential is <see cref="Credential"/> when set (one of <see cref="CredentialKinds.All"/>: <c>jwt</c>,
/// <c>client-credentials</c>, <c>refresh-token</c>, <c>password</c>, <c>soap</c>, <c>session</c>, <c>sf-cli</c>;
/// older spellings such as <c>refreshtoken</c> are read too); otherwise the first that the settings complete:
/// <c>session</c> (InstanceUrl + SessionId), <c>jwt</c> (ClientId + Username + KeyFile or JwtKey),
/// <c>refresh-token</c> (ClientId + RefreshToken), <c>password</c> (ClientId + ClientSecret + Username + Password),
/// <c>client-credentials</c> (ClientId + ClientSecret), <c>soap</c> (Username + Password), <c>sf-cli</c>
/// (TargetOrg).</para>
/// <para>Each setting has one environment variable, <c>SFBULK_</c> and its name in upper snake case:
/// <c>SFBULK_LOGIN_URL</c>, <c>SFBULK_API_VERSION</c>, <c>SFBULK_CREDENTIAL</c>, <c>SFBULK_USERNAME</c>,
/// <c>SFBULK_PASSWORD</c>, <c>SFBULK_SECURITY_TOKEN</c>, <c>SFBULK_CLIENT_ID</c>, <c>SFBULK_CLIENT_SECRET</c>,
/// <c>SFBULK_KEY_FILE</c>, <c>SFBULK_JWT_KEY</c>, <c>SFBULK_REFRESH_TOKEN</c>, <c>SFBULK_INSTANCE_URL</c>,
/// <c>SFBULK_SESSION_ID</c>, <c>SFBULK_TARGET_ORG</c>, <c>SFBULK_REQUEST_TIMEOUT</c> (a duration such as <c>2m</c>),
/// <c>SFBULK_MAX_RETRIES</c>, and so on. They describe the connection named by <c>SFBULK_CONNECTION</c> (default
/// <c>default</c>) and override configuration values of that connection one by one. The older names
/// <c>AuthMethod</c>/<c>SFBULK_AUTH_METHOD</c>, <c>JwtKeyFile</c>/<c>SFBULK_JWT_KEY_FILE</c> and
/// <c>SfAlias</c>/<c>SFBULK_SF_ALIAS</c> are deprecated aliases: still read, with a warning.</para>
/// <para>Durations take a unit (<c>500ms</c>, <c>30s</c>, <c>2m</c>); a bare number (seconds in a variable) and
/// <c>hh:mm:ss</c> are still read, with a warning.</para>
/// </remarks>
public sealed class SalesforceConnectionSettings
{
    /// <summary>The login URL; null means <c>https://login.salesforce.com</c>.</summary>
    public string? LoginUrl { get; set; }

    /// <summary>The API version; null means <c>66.0</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The way to log in (one of <see cref="CredentialKinds.All"/>); null infers it (see the remarks of <see cref="SalesforceConnectionSettings"/>).</summary>
    public string? Credential { get; set; }

    /// <summary>The user name (SOAP, password, JWT flows).</summary>
    public string? Username { get; set; }

    /// <summary>The password (SOAP and password flows). Secret.</summary>
    public string? Password { get; set; }

    /// <summary>The name of the environment variable holding the password, read when connecting (instead of <see cref="Password"/>).</summary>
    public string? PasswordEnv { get; set; }

    /// <summary>The security token appended to the password. Secret.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>The name of the environment variable holding the security token (instead of <see cref="SecurityToken"/>).</summary>
    public string? SecurityTokenEnv { get; set; }

    /// <summary>The connected app's consumer key.</summary>
    public string? ClientId { get; set; }

    /// <summary>The connected app's consumer secret. Secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The name of the environment variable holding the consumer secret (instead of <see cref="ClientSecret"/>).</summary>
    public string? ClientSecretEnv { get; set; }

    /// <summary>The path of the PEM private key of the JWT bearer flow.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The PEM private key text of the JWT bearer flow (instead of <see cref="KeyFile"/>). Secret.</summary>
    public string? JwtKey { get; set; }

    /// <summary>The refresh token. Secret.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>The name of the environment variable holding the refresh token (instead of <see cref="RefreshToken"/>).</summary>
    public string? RefreshTokenEnv { get; set; }

    /// <summary>The instance URL of an external session.</summary>
    public string? InstanceUrl { get; set; }

    /// <summary>An external session id or access token, never refreshed. Secret.</summary>
    public string? SessionId { get; set; }

    /// <summary>The name of the environment variable holding the session id (instead of <see cref="SessionId"/>).</summary>
    public string? SessionIdEnv { get; set; }

    /// <summary>The Salesforce CLI (<c>sf</c>) org alias or user name of the <c>sf-cli</c> flow.</summary>
    public string? TargetOrg { get; set; }

    /// <summary>The Salesforce CLI program of the <c>sf-cli</c> flow: a name looked up on PATH or a full path; null means <c>sf</c>.</summary>
    public string? SfExecutable { get; set; }

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

    /// <summary>True when a setting that picks a way to log in is set (not only the API version or timeouts).</summary>
    internal bool DescribesLogin =>
        new[] { LoginUrl, Credential, Username, Password, PasswordEnv, ClientId, KeyFile, JwtKey, RefreshToken, RefreshTokenEnv, InstanceUrl, SessionId, SessionIdEnv, TargetOrg }
            .Any(v => v is not null);

    /// <summary>
    /// Reads the settings of one connection from a configuration section (AOT-safe: each key is read by name). The
    /// deprecated keys <c>AuthMethod</c>, <c>JwtKeyFile</c> and <c>SfAlias</c> are read when the current ones are absent.
    /// </summary>
    /// <param name="section">The section, e.g. <c>configuration.GetSection("SfBulk:Connections:prod")</c>.</param>
    /// <param name="logger">Where a warning about a deprecated key or value form goes; null drops it.</param>
    /// <returns>The settings (all null when the section is empty).</returns>
    /// <exception cref="ArgumentException">A number, flag or duration is malformed.</exception>
    public static SalesforceConnectionSettings FromConfiguration(IConfiguration section, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var source = section is IConfigurationSection s ? s.Path : "configuration";
        return ConnectionSettingKeys.Read(key => section[key], new ConnectionSettingKeys.Reader(source, ByVariable: false, Warner(logger)));
    }

    /// <summary>Reads the <c>SFBULK_*</c> environment variables; null when none that picks a way to log in is set.</summary>
    /// <param name="getVariable">Reads one variable; null reads the process environment.</param>
    /// <param name="logger">Where a warning about a deprecated variable or value form goes; null drops it.</param>
    /// <returns>The settings, or null.</returns>
    /// <exception cref="ArgumentException">A number, flag or duration variable is malformed.</exception>
    public static SalesforceConnectionSettings? FromEnvironment(Func<string, string?>? getVariable = null, ILogger? logger = null) =>
        SalesforceConnectionEnvironment.Read(getVariable ?? Environment.GetEnvironmentVariable, Warner(logger));

    private static Action<string>? Warner(ILogger? logger) => logger is null ? null : message => Log.DeprecatedSetting(logger, message);

    /// <summary>
    /// Builds connection options named <paramref name="name"/>; throws
    /// <see cref="SalesforceConnectionNotFoundException"/> explaining what to set when no credential is complete.
    /// </summary>
    /// <param name="name">The connection name.</param>
    /// <param name="getVariable">Reads the variables that <see cref="PasswordEnv"/> and the other <c>…Env</c> settings name; null reads the process environment.</param>
    /// <returns>The options.</returns>
    /// <exception cref="SalesforceConnectionNotFoundException">The settings do not describe a way to log in, or a named variable is not set.</exception>
    /// <exception cref="ArgumentException">A value is malformed (for example a relative login URL).</exception>
    public SalesforceConnectionOptions ToOptions(string name, Func<string, string?>? getVariable = null) =>
        SalesforceConnectionSettingsMapper.ToOptions(this, name, getVariable ?? Environment.GetEnvironmentVariable);

    /// <summary>Copies every value set in <paramref name="overrides"/> over this one's.</summary>
    /// <param name="overrides">The values that win.</param>
    /// <returns>This instance.</returns>
    internal SalesforceConnectionSettings MergeFrom(SalesforceConnectionSettings? overrides)
    {
        if (overrides is null)
        {
            return this;
        }

        LoginUrl = overrides.LoginUrl ?? LoginUrl;
        ApiVersion = overrides.ApiVersion ?? ApiVersion;
        Credential = overrides.Credential ?? Credential;
        Username = overrides.Username ?? Username;
        Password = overrides.Password ?? Password;
        PasswordEnv = overrides.PasswordEnv ?? PasswordEnv;
        SecurityTokenEnv = overrides.SecurityTokenEnv ?? SecurityTokenEnv;
        ClientSecretEnv = overrides.ClientSecretEnv ?? ClientSecretEnv;
        RefreshTokenEnv = overrides.RefreshTokenEnv ?? RefreshTokenEnv;
        SessionIdEnv = overrides.SessionIdEnv ?? SessionIdEnv;
        SecurityToken = overrides.SecurityToken ?? SecurityToken;
        ClientId = overrides.ClientId ?? ClientId;
        ClientSecret = overrides.ClientSecret ?? ClientSecret;
        KeyFile = overrides.KeyFile ?? KeyFile;
        JwtKey = overrides.JwtKey ?? JwtKey;
        RefreshToken = overrides.RefreshToken ?? RefreshToken;
        InstanceUrl = overrides.InstanceUrl ?? InstanceUrl;
        SessionId = overrides.SessionId ?? SessionId;
        TargetOrg = overrides.TargetOrg ?? TargetOrg;
        SfExecutable = overrides.SfExecutable ?? SfExecutable;
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
        $"LoginUrl={ConnectionRules.DescribeUrl(LoginUrl)}, Credential={Credential}, Username={Username}, ClientId={ClientId}, KeyFile={KeyFile}, InstanceUrl={ConnectionRules.DescribeUrl(InstanceUrl)}, TargetOrg={TargetOrg}, "
        + $"Password={Shown(Password)}, SecurityToken={Shown(SecurityToken)}, ClientSecret={Shown(ClientSecret)}, JwtKey={Shown(JwtKey)}, RefreshToken={Shown(RefreshToken)}, SessionId={Shown(SessionId)}";

    private static string Shown(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "REDACTED";
}
