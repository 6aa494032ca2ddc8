using System.CommandLine;
using System.Text.Json;
using SfBulk.Cli.Connections;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using SfBulk.Connection;
using Spectre.Console;

namespace SfBulk.Cli.Commands;

/// <summary><c>sfbulk connection list</c>: the named connections; stored secrets show as <c>***</c>, never their value.</summary>
internal static class ConnectionListCommand
{
    public const string Masked = "***";

    public static Command Create() => new Command("list", "List the named connections (secrets are shown as ***).").WithAction((context, _) =>
    {
        var store = ConnectionStore.Default();
        var file = store.Load();
        var names = file.Connections.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (context.Json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartArray();
                foreach (var name in names)
                {
                    WriteJson(w, name, file.Connections[name], IsDefault(file, name));
                }

                w.WriteEndArray();
            });
            return Task.FromResult(ExitCodes.Success);
        }

        if (names.Count == 0)
        {
            if (context.Verbosity > Verbosity.Quiet)
            {
                Console.Error.WriteLine($"No connections in {store.Path}. Add one with 'sfbulk connection add <name> --credential … --login-url …'.");
            }

            return Task.FromResult(ExitCodes.Success);
        }

        new LongTable()
            .Column("Name").Column("Default").Column("Login URL").Column("API", fit: ColumnFit.Drop).Column("Credential")
            .Column("User / client").Column("Secrets", fit: ColumnFit.Wrap)
            .Write(Terminal.Out, names, name =>
            {
                var c = file.Connections[name];
                return
                [
                    name,
                    IsDefault(file, name) ? "*" : string.Empty,
                    LoginUrl(c),
                    ApiVersion(c),
                    Credential(c),
                    Principal(c) ?? string.Empty,
                    string.Join(", ", Secrets(c).Select(s => s.Name + ": " + s.Shown)),
                ];
            });
        return Task.FromResult(ExitCodes.Success);
    });

    /// <summary>The user (or client, or Salesforce CLI org) the connection logs in as.</summary>
    public static string? Principal(SalesforceConnectionSettings c) => c.Username ?? c.ClientId ?? c.TargetOrg;

    private static string LoginUrl(SalesforceConnectionSettings c) => c.InstanceUrl ?? c.LoginUrl ?? SalesforceConnectionOptions.ProductionLoginUrl.GetLeftPart(UriPartial.Authority);

    private static string ApiVersion(SalesforceConnectionSettings c) => c.ApiVersion ?? SalesforceConnectionOptions.DefaultApiVersion;

    private static string Credential(SalesforceConnectionSettings c) => CredentialKinds.Normalize(c.Credential) ?? c.Credential ?? "(inferred)";

    /// <summary>Each secret the connection has: <c>***</c> when stored, <c>env:NAME</c> when referenced.</summary>
    public static IEnumerable<(string Name, string Shown)> Secrets(SalesforceConnectionSettings c)
    {
        (string, string?, string?)[] all =
        [
            ("clientSecret", c.ClientSecret, c.ClientSecretEnv),
            ("password", c.Password, c.PasswordEnv),
            ("securityToken", c.SecurityToken, c.SecurityTokenEnv),
            ("refreshToken", c.RefreshToken, c.RefreshTokenEnv),
            ("sessionId", c.SessionId, c.SessionIdEnv),
            ("jwtKey", c.JwtKey, null),
        ];
        foreach (var (name, stored, variable) in all)
        {
            if (variable is not null)
            {
                yield return (name, "env:" + variable);
            }
            else if (stored is not null)
            {
                yield return (name, Masked);
            }
        }
    }

    private static bool IsDefault(ConnectionFile file, string name) => string.Equals(file.Default, name, StringComparison.OrdinalIgnoreCase);

    private static void WriteJson(Utf8JsonWriter w, string name, SalesforceConnectionSettings c, bool isDefault)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteBoolean("default", isDefault);
        w.WriteString("loginUrl", LoginUrl(c));
        w.WriteString("apiVersion", ApiVersion(c));
        w.WriteString("credential", Credential(c));
        if (c.Username is not null)
        {
            w.WriteString("username", c.Username);
        }

        if (c.ClientId is not null)
        {
            w.WriteString("clientId", c.ClientId);
        }

        if (c.KeyFile is not null)
        {
            w.WriteString("keyFile", c.KeyFile);
        }

        if (c.TargetOrg is not null)
        {
            w.WriteString("targetOrg", c.TargetOrg);
        }

        w.WriteStartObject("secrets");
        foreach (var (secret, shown) in Secrets(c))
        {
            w.WriteString(secret, shown);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
