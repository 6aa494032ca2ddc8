namespace SfBulk.Cli.Connections;

/// <summary>
/// One named connection as stored in <c>connections.json</c>: non-secret fields, and each secret either stored
/// (the file is then owner-only) or named as an environment variable (<c>…Env</c>).
/// </summary>
internal sealed class StoredConnection
{
    public string LoginUrl { get; set; } = "https://login.salesforce.com";

    public string ApiVersion { get; set; } = SalesforceConnectionOptions.DefaultApiVersion;

    /// <summary>One of <see cref="CredentialKinds.All"/>.</summary>
    public string Credential { get; set; } = CredentialKinds.Soap;

    public string? Username { get; set; }

    public string? ClientId { get; set; }

    public string? KeyFile { get; set; }

    public string? Password { get; set; }

    public string? PasswordEnv { get; set; }

    public string? SecurityToken { get; set; }

    public string? SecurityTokenEnv { get; set; }

    public string? ClientSecret { get; set; }

    public string? ClientSecretEnv { get; set; }

    public string? RefreshToken { get; set; }

    public string? RefreshTokenEnv { get; set; }

    /// <summary>True when a secret value (not only an environment variable name) is in the file.</summary>
    public bool HoldsSecrets => Password is not null || SecurityToken is not null || ClientSecret is not null || RefreshToken is not null;

    /// <summary>The user (or client, for client credentials) the connection logs in as.</summary>
    public string? Principal => Username ?? ClientId;
}
