using System.Globalization;

namespace SfBulk.Connection;

/// <summary>
/// The one list of connection settings: each with its configuration key, its <c>SFBULK_*</c> environment variable
/// (the <c>sfbulk</c> option name in upper case) and the older names still read as deprecated aliases. Both
/// readers, configuration and environment, go through it, so the two cannot drift apart.
/// </summary>
internal static class ConnectionSettingKeys
{
    /// <summary>One setting: its key, its variable, the deprecated names of both, and how a value is stored.</summary>
    internal sealed record Key(string Name, string Variable, string[] OldNames, string[] OldVariables, Action<SalesforceConnectionSettings, string, Reader> Apply, bool Secret = false);

    /// <summary>Where values come from, and where warnings about deprecated forms go.</summary>
    internal sealed record Reader(string Source, bool ByVariable, Action<string>? Warn);

    public static readonly Key[] All =
    [
        new("LoginUrl", "SFBULK_LOGIN_URL", [], [], (s, v, _) => s.LoginUrl = v),
        new("ApiVersion", "SFBULK_API_VERSION", [], [], (s, v, _) => s.ApiVersion = v),
        new("Credential", "SFBULK_CREDENTIAL", ["AuthMethod"], ["SFBULK_AUTH_METHOD"], (s, v, _) => s.Credential = v),
        new("Username", "SFBULK_USERNAME", [], [], (s, v, _) => s.Username = v),
        new("Password", "SFBULK_PASSWORD", [], [], (s, v, _) => s.Password = v, Secret: true),
        new("SecurityToken", "SFBULK_SECURITY_TOKEN", [], [], (s, v, _) => s.SecurityToken = v, Secret: true),
        new("ClientId", "SFBULK_CLIENT_ID", [], [], (s, v, _) => s.ClientId = v),
        new("ClientSecret", "SFBULK_CLIENT_SECRET", [], [], (s, v, _) => s.ClientSecret = v, Secret: true),
        new("KeyFile", "SFBULK_KEY_FILE", ["JwtKeyFile"], ["SFBULK_JWT_KEY_FILE"], (s, v, _) => s.KeyFile = v),
        new("JwtKey", "SFBULK_JWT_KEY", [], [], (s, v, _) => s.JwtKey = v, Secret: true),
        new("RefreshToken", "SFBULK_REFRESH_TOKEN", [], [], (s, v, _) => s.RefreshToken = v, Secret: true),
        new("InstanceUrl", "SFBULK_INSTANCE_URL", [], [], (s, v, _) => s.InstanceUrl = v),
        new("SessionId", "SFBULK_SESSION_ID", [], [], (s, v, _) => s.SessionId = v, Secret: true),
        new("TargetOrg", "SFBULK_TARGET_ORG", ["SfAlias"], ["SFBULK_SF_ALIAS"], (s, v, _) => s.TargetOrg = v),
        new("SfExecutable", "SFBULK_SF_EXECUTABLE", [], [], (s, v, _) => s.SfExecutable = v),
        new("PasswordEnv", "SFBULK_PASSWORD_ENV", [], [], (s, v, _) => s.PasswordEnv = v),
        new("SecurityTokenEnv", "SFBULK_SECURITY_TOKEN_ENV", [], [], (s, v, _) => s.SecurityTokenEnv = v),
        new("ClientSecretEnv", "SFBULK_CLIENT_SECRET_ENV", [], [], (s, v, _) => s.ClientSecretEnv = v),
        new("RefreshTokenEnv", "SFBULK_REFRESH_TOKEN_ENV", [], [], (s, v, _) => s.RefreshTokenEnv = v),
        new("SessionIdEnv", "SFBULK_SESSION_ID_ENV", [], [], (s, v, _) => s.SessionIdEnv = v),
        new("SoapLoginApiVersion", "SFBULK_SOAP_LOGIN_API_VERSION", [], [], (s, v, _) => s.SoapLoginApiVersion = v),
        new("RequestTimeout", "SFBULK_REQUEST_TIMEOUT", [], [], (s, v, r) => s.RequestTimeout = Duration(v, r, "RequestTimeout", "SFBULK_REQUEST_TIMEOUT")),
        new("RetryEnabled", "SFBULK_RETRY_ENABLED", [], [], (s, v, r) => s.RetryEnabled = Boolean(v, r, "RetryEnabled", "SFBULK_RETRY_ENABLED")),
        new("MaxRetries", "SFBULK_MAX_RETRIES", [], [], (s, v, r) => s.MaxRetries = Whole(v, r, "MaxRetries", "SFBULK_MAX_RETRIES")),
        new("RetryBaseDelay", "SFBULK_RETRY_BASE_DELAY", [], [], (s, v, r) => s.RetryBaseDelay = Duration(v, r, "RetryBaseDelay", "SFBULK_RETRY_BASE_DELAY")),
        new("RetryMaxDelay", "SFBULK_RETRY_MAX_DELAY", [], [], (s, v, r) => s.RetryMaxDelay = Duration(v, r, "RetryMaxDelay", "SFBULK_RETRY_MAX_DELAY")),
    ];

    /// <summary>
    /// Reads every setting through <paramref name="get"/> (by configuration key or by variable): the current name
    /// wins over a deprecated one, and a deprecated name that is used is reported through the reader's warning.
    /// </summary>
    public static SalesforceConnectionSettings Read(Func<string, string?> get, Reader reader)
    {
        var settings = new SalesforceConnectionSettings();
        foreach (var key in All)
        {
            var name = reader.ByVariable ? key.Variable : key.Name;
            var value = Value(get(name), key.Secret);
            if (value is null)
            {
                foreach (var old in reader.ByVariable ? key.OldVariables : key.OldNames)
                {
                    if (Value(get(old), key.Secret) is { } aliased)
                    {
                        value = aliased;
                        reader.Warn?.Invoke(reader.ByVariable
                            ? $"{old} is deprecated; use {name} (same meaning)."
                            : $"{reader.Source}:{old} is deprecated; use {reader.Source}:{name} (same meaning).");
                        break;
                    }
                }
            }

            if (value is not null)
            {
                key.Apply(settings, value, reader);
            }
        }

        return settings;
    }

    /// <summary>A set value: trimmed, except secrets (a password may end in a space); null when empty.</summary>
    private static string? Value(string? raw, bool secret) =>
        string.IsNullOrWhiteSpace(raw) ? null : secret ? raw : raw.Trim();

    private static string Name(Reader r, string key, string variable) => r.ByVariable ? variable : r.Source + ":" + key;

    private static TimeSpan Duration(string value, Reader r, string key, string variable)
    {
        var name = Name(r, key, variable);
        if (Durations.TryParseLegacy(value, name, bareNumberIsSeconds: r.ByVariable, out var duration, out var error, out var warning))
        {
            if (warning is not null)
            {
                r.Warn?.Invoke(warning);
            }

            return duration;
        }

        throw new ArgumentException($"{name}: {error}", name);
    }

    private static int Whole(string value, Reader r, string key, string variable) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{Name(r, key, variable)} must be a whole number.", Name(r, key, variable));

    private static bool Boolean(string value, Reader r, string key, string variable) =>
        bool.TryParse(value, out var flag)
            ? flag
            : throw new ArgumentException($"{Name(r, key, variable)} must be true or false.", Name(r, key, variable));
}
