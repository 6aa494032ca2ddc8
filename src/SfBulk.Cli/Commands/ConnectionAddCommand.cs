using System.CommandLine;
using SfBulk.Cli.Connections;
using SfBulk.Cli.Infrastructure;
using SfBulk.Connection;

namespace SfBulk.Cli.Commands;

/// <summary>
/// <c>sfbulk connection add &lt;name&gt; --credential &lt;kind&gt; …</c>: stores the library's connection profile
/// (<see cref="SalesforceConnectionSettings"/>). Each secret is either stored (value, or <c>-</c> to read it from
/// standard input, one line per secret in the order client secret, password, security token, refresh token, session
/// id) or referenced by environment variable name (<c>--…-env NAME</c>).
/// </summary>
internal static class ConnectionAddCommand
{
    public static Command Create()
    {
        var name = ConnectionCommand.NameArgument("The name of the connection (letters, digits, '-', '_', '.').");
        var loginUrl = new Option<string>("--login-url")
        {
            Description = "Where to log in: https://login.salesforce.com, https://test.salesforce.com, the org's My Domain URL, or a local emulator.",
            HelpName = "url",
            DefaultValueFactory = _ => "https://login.salesforce.com",
        };
        loginUrl.AcceptUrlsOnly();
        var apiVersion = new Option<string>("--api-version") { Description = "The API version of requests.", HelpName = "version", DefaultValueFactory = _ => SalesforceConnectionOptions.DefaultApiVersion };
        apiVersion.AcceptApiVersionsOnly();
        var credential = new Option<string>("--credential")
        {
            Description = "How to log in: soap (user name + password), password (OAuth username-password), client-credentials, jwt (JWT bearer), refresh-token, session (an existing session) or sf-cli (a Salesforce CLI login).",
            HelpName = string.Join('|', CredentialKinds.All),
            Required = true,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
                if (CredentialKinds.Normalize(text) is { } kind)
                {
                    return kind;
                }

                r.AddError($"--credential: '{text}' is not one of {string.Join(", ", CredentialKinds.All)}.");
                return null;
            },
        };
        credential.CompletionSources.Add([.. CredentialKinds.All]);
        var username = new Option<string>("--username") { Description = "The Salesforce user name (soap, password, jwt).", HelpName = "user" };
        var clientId = new Option<string>("--client-id") { Description = "The connected app's consumer key (password, client-credentials, jwt, refresh-token).", HelpName = "id" };
        var keyFile = new Option<string>("--key-file") { Description = "The PEM private key file of the JWT bearer flow (jwt).", HelpName = "path" };
        var instanceUrl = new Option<string>("--instance-url") { Description = "The instance URL of an existing session (session).", HelpName = "url" };
        instanceUrl.AcceptUrlsOnly();
        var targetOrg = new Option<string>("--target-org") { Description = "The Salesforce CLI (sf) org alias or user name whose login to reuse (sf-cli).", HelpName = "alias" };
        var secrets = new SecretOption[]
        {
            new("--client-secret", "the connected app's consumer secret", (c, v) => c.ClientSecret = v, (c, v) => c.ClientSecretEnv = v),
            new("--password", "the user's password", (c, v) => c.Password = v, (c, v) => c.PasswordEnv = v),
            new("--security-token", "the user's security token (appended to the password)", (c, v) => c.SecurityToken = v, (c, v) => c.SecurityTokenEnv = v),
            new("--refresh-token", "the OAuth refresh token", (c, v) => c.RefreshToken = v, (c, v) => c.RefreshTokenEnv = v),
            new("--session-id", "the session id of an existing session (it expires: prefer --session-id-env)", (c, v) => c.SessionId = v, (c, v) => c.SessionIdEnv = v),
        };
        var makeDefault = new Option<bool>("--default") { Description = "Make this the default connection (the first connection added always is)." };
        var force = new Option<bool>("--force") { Description = "Replace a connection of the same name." };

        var command = new Command("add", "Add (or with --force replace) a named connection.") { name, loginUrl, apiVersion, credential, username, clientId, keyFile, instanceUrl, targetOrg, makeDefault, force };
        foreach (var secret in secrets)
        {
            command.Add(secret.Value);
            command.Add(secret.Env);
        }

        return command.WithAction((context, _) =>
        {
            var parse = context.Parse;
            var connectionName = parse.GetValue(name)!;
            var kind = parse.GetValue(credential)!;
            var stored = new SalesforceConnectionSettings
            {
                LoginUrl = parse.GetValue(loginUrl)!.TrimEnd('/'),
                ApiVersion = parse.GetValue(apiVersion)!,
                Credential = kind,
                Username = parse.GetValue(username),
                ClientId = parse.GetValue(clientId),
                KeyFile = parse.GetValue(keyFile) is { } key ? Path.GetFullPath(key) : null,
                InstanceUrl = parse.GetValue(instanceUrl)?.TrimEnd('/'),
                TargetOrg = parse.GetValue(targetOrg),
            };
            foreach (var secret in secrets)
            {
                secret.Apply(parse, stored, context);
            }

            Check(kind, stored, parse, secrets);
            var store = ConnectionStore.Default();
            using var writeLock = store.Lock();
            var file = store.Load();
            if (file.Connections.ContainsKey(connectionName) && !parse.GetValue(force))
            {
                throw new CliException($"A connection named '{connectionName}' exists already. Add --force to replace it, or pick another name.", ExitCodes.UsageError);
            }

            file.Connections.Remove(connectionName);
            file.Connections[connectionName] = stored;
            if (parse.GetValue(makeDefault) || file.Default is null || !file.Connections.ContainsKey(file.Default))
            {
                file.Default = connectionName;
            }

            store.Save(file);
            if (context.Verbosity > Verbosity.Quiet)
            {
                var isDefault = string.Equals(file.Default, connectionName, StringComparison.OrdinalIgnoreCase) ? " It is the default connection." : string.Empty;
                Console.Error.WriteLine($"Added connection '{connectionName}' ({kind}, {ConnectionListCommand.Principal(stored)}, {ConnectionRules.DescribeUrl(stored.InstanceUrl ?? stored.LoginUrl)}) to {store.Path}.{isDefault} Try it with 'sfbulk connection test {connectionName}'.");
            }

            return Task.FromResult(ExitCodes.Success);
        });
    }

    /// <summary>The options each kind needs; a secret is satisfied by its value or its <c>-env</c> variant.</summary>
    private static string[] Required(string kind) => kind switch
    {
        CredentialKinds.Soap => ["--username", "--password"],
        CredentialKinds.Password => ["--client-id", "--client-secret", "--username", "--password"],
        CredentialKinds.ClientCredentials => ["--client-id", "--client-secret"],
        CredentialKinds.Jwt => ["--client-id", "--username", "--key-file"],
        CredentialKinds.RefreshToken => ["--client-id", "--refresh-token"],
        CredentialKinds.Session => ["--instance-url", "--session-id"],
        CredentialKinds.SalesforceCli => ["--target-org"],
        _ => [],
    };

    private static void Check(string kind, SalesforceConnectionSettings stored, ParseResult parse, SecretOption[] secrets)
    {
        var missing = new List<string>();
        foreach (var option in Required(kind))
        {
            var secret = secrets.FirstOrDefault(s => s.Value.Name == option);
            var present = secret is not null
                ? parse.GetValue(secret.Value) is not null || parse.GetValue(secret.Env) is not null
                : option switch
                {
                    "--username" => stored.Username is not null,
                    "--client-id" => stored.ClientId is not null,
                    "--key-file" => stored.KeyFile is not null,
                    "--instance-url" => stored.InstanceUrl is not null,
                    "--target-org" => stored.TargetOrg is not null,
                    _ => true,
                };
            if (!present)
            {
                missing.Add(secret is null ? option : $"{option} (or {secret.Env.Name})");
            }
        }

        if (missing.Count > 0)
        {
            throw new CliException($"A {kind} connection needs {string.Join(", ", missing)}.", ExitCodes.UsageError);
        }

        if (stored.TargetOrg is { } alias && SfBulk.Authentication.SalesforceCliCredential.AliasProblem(alias) is { } problem)
        {
            throw new CliException($"--target-org: {problem}", ExitCodes.UsageError);
        }

        if (kind == CredentialKinds.Jwt && !File.Exists(stored.KeyFile))
        {
            throw new CliException($"--key-file: {stored.KeyFile} does not exist.", ExitCodes.UsageError);
        }
    }
}
