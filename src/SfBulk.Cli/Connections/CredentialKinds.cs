using SfBulk.Authentication;

namespace SfBulk.Cli.Connections;

/// <summary>The credential kinds a stored connection can use, and how each becomes a library credential.</summary>
internal static class CredentialKinds
{
    public const string Soap = "soap";
    public const string Password = "password";
    public const string ClientCredentials = "client-credentials";
    public const string Jwt = "jwt";
    public const string RefreshToken = "refresh-token";

    public static readonly string[] All = [Soap, Password, ClientCredentials, Jwt, RefreshToken];

    /// <summary>The fields each kind needs, as option names; a secret is satisfied by its value or its <c>-env</c> variant.</summary>
    public static string[] Required(string kind) => kind switch
    {
        Soap => ["--username", "--password"],
        Password => ["--client-id", "--client-secret", "--username", "--password"],
        ClientCredentials => ["--client-id", "--client-secret"],
        Jwt => ["--client-id", "--username", "--key-file"],
        RefreshToken => ["--client-id", "--refresh-token"],
        _ => [],
    };

    /// <summary>Builds the credential, reading secrets from environment variables where the connection names them.</summary>
    /// <exception cref="SalesforceConnectionNotFoundException">A needed field or environment variable is missing.</exception>
    public static SalesforceCredential Create(string name, StoredConnection c, Func<string, string?> environment)
    {
        string Need(string? value, string option) => string.IsNullOrWhiteSpace(value)
            ? throw new SalesforceConnectionNotFoundException($"Connection '{name}' ({c.Credential}) has no {option}. Add it again with 'sfbulk connection add {name} --credential {c.Credential} {option} …'.")
            : value;

        string? Secret(string? stored, string? variable, string option, bool required)
        {
            if (!string.IsNullOrEmpty(variable))
            {
                var value = environment(variable);
                return string.IsNullOrEmpty(value)
                    ? throw new SalesforceConnectionNotFoundException($"Connection '{name}' reads its {option[2..]} from the environment variable {variable}, which is not set. Set it, or add the connection again.")
                    : value;
            }

            return required ? Need(stored, option) : stored;
        }

        static string PrivateKeyFile(string path)
        {
            ConnectionStore.RequirePrivate(path, "it holds the private key that logs in to the org");
            return path;
        }

        try
        {
            return c.Credential switch
            {
                Soap => new SoapLoginCredential(Need(c.Username, "--username"), Secret(c.Password, c.PasswordEnv, "--password", true)!, Secret(c.SecurityToken, c.SecurityTokenEnv, "--security-token", false)),
                Password => new UsernamePasswordCredential(
                    Need(c.ClientId, "--client-id"),
                    Secret(c.ClientSecret, c.ClientSecretEnv, "--client-secret", true)!,
                    Need(c.Username, "--username"),
                    Secret(c.Password, c.PasswordEnv, "--password", true)!,
                    Secret(c.SecurityToken, c.SecurityTokenEnv, "--security-token", false)),
                ClientCredentials => new ClientCredentialsCredential(Need(c.ClientId, "--client-id"), Secret(c.ClientSecret, c.ClientSecretEnv, "--client-secret", true)!),
                Jwt => JwtBearerCredential.FromKeyFile(Need(c.ClientId, "--client-id"), Need(c.Username, "--username"), PrivateKeyFile(Need(c.KeyFile, "--key-file"))),
                RefreshToken => new RefreshTokenCredential(
                    Need(c.ClientId, "--client-id"),
                    Secret(c.RefreshToken, c.RefreshTokenEnv, "--refresh-token", true)!,
                    Secret(c.ClientSecret, c.ClientSecretEnv, "--client-secret", false)),
                _ => throw new SalesforceConnectionNotFoundException($"Connection '{name}' has an unknown credential kind '{c.Credential}'. Use one of: {string.Join(", ", All)}."),
            };
        }
        catch (ArgumentException e)
        {
            throw new SalesforceConnectionNotFoundException($"Connection '{name}' is not usable: {e.Message}", e);
        }
    }
}
