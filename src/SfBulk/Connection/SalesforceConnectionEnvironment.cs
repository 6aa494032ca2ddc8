namespace SfBulk.Connection;

/// <summary>Reads the <c>SFBULK_*</c> environment variables into <see cref="SalesforceConnectionSettings"/>.</summary>
internal static class SalesforceConnectionEnvironment
{
    /// <summary>Names the connection the variables describe; default <c>default</c>.</summary>
    public const string ConnectionVariable = "SFBULK_CONNECTION";

    /// <summary>The settings the variables describe; null when none of the variables that pick a login is set.</summary>
    public static SalesforceConnectionSettings? Read(Func<string, string?> get, Action<string>? warn)
    {
        var settings = ConnectionSettingKeys.Read(get, new ConnectionSettingKeys.Reader("environment", ByVariable: true, warn));
        return settings.DescribesLogin ? settings : null;
    }

    /// <summary>The connection name the variables describe.</summary>
    public static string ConnectionName(Func<string, string?> get) =>
        get(ConnectionVariable) is { Length: > 0 } name ? name.Trim() : SalesforceConnectionRegistry.DefaultName;
}
