using System.Globalization;

namespace SfBulk;

/// <summary>Reads the <c>SFBULK_*</c> environment variables into <see cref="SalesforceConnectionSettings"/>.</summary>
internal static class SalesforceConnectionEnvironment
{
    /// <summary>Names the connection the variables describe; default <c>default</c>.</summary>
    public const string ConnectionVariable = "SFBULK_CONNECTION";

    public static SalesforceConnectionSettings? Read(Func<string, string?> get)
    {
        string? Value(string name) => get(name) is { Length: > 0 } v ? v.Trim() : null;
        var settings = new SalesforceConnectionSettings
        {
            LoginUrl = Value("SFBULK_LOGIN_URL"),
            ApiVersion = Value("SFBULK_API_VERSION"),
            AuthMethod = Value("SFBULK_AUTH_METHOD"),
            Username = Value("SFBULK_USERNAME"),
            Password = get("SFBULK_PASSWORD") is { Length: > 0 } p ? p : null,
            SecurityToken = Value("SFBULK_SECURITY_TOKEN"),
            ClientId = Value("SFBULK_CLIENT_ID"),
            ClientSecret = Value("SFBULK_CLIENT_SECRET"),
            JwtKeyFile = Value("SFBULK_JWT_KEY_FILE"),
            RefreshToken = Value("SFBULK_REFRESH_TOKEN"),
            InstanceUrl = Value("SFBULK_INSTANCE_URL"),
            SessionId = Value("SFBULK_SESSION_ID"),
            SfAlias = Value("SFBULK_SF_ALIAS"),
            RequestTimeout = Value("SFBULK_REQUEST_TIMEOUT") is { } t ? ParseDuration(t, "SFBULK_REQUEST_TIMEOUT") : null,
            MaxRetries = Value("SFBULK_MAX_RETRIES") is { } r ? ParseInt(r, "SFBULK_MAX_RETRIES") : null,
        };

        string?[] any =
        [
            settings.LoginUrl, settings.AuthMethod, settings.Username, settings.Password, settings.ClientId, settings.JwtKeyFile,
            settings.RefreshToken, settings.InstanceUrl, settings.SessionId, settings.SfAlias,
        ];
        return any.Any(v => v is not null) ? settings : null;
    }

    /// <summary>The connection name the variables describe.</summary>
    public static string ConnectionName(Func<string, string?> get) =>
        get(ConnectionVariable) is { Length: > 0 } name ? name.Trim() : SalesforceConnectionRegistry.DefaultName;

    private static TimeSpan ParseDuration(string value, string variable) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration)
            ? duration
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : throw new ArgumentException($"{variable} must be a duration such as 00:02:00 or a number of seconds.", variable);

    private static int ParseInt(string value, string variable) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{variable} must be a whole number.", variable);
}
