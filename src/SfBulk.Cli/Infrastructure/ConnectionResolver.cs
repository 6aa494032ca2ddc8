using Microsoft.Extensions.Logging;
using SfBulk.Authentication;
using SfBulk.Cli.Connections;

namespace SfBulk.Cli.Infrastructure;

/// <summary>Picks the connection by precedence; see <see cref="ConnectionOptions"/>.</summary>
internal static class ConnectionResolver
{
    public const string InstanceUrlVariable = "SFBULK_INSTANCE_URL";
    public const string SessionIdVariable = "SFBULK_SESSION_ID";

    /// <summary>The message when nothing is configured: how to configure something.</summary>
    public const string HowToConfigure =
        "No Salesforce connection to use. Do one of: pass --instance-url <url> --session-id - (session on standard input); "
        + "add a connection with 'sfbulk connection add <name> --login-url <url> --credential soap|password|client-credentials|jwt|refresh-token …' (the first one becomes the default); "
        + "reuse a Salesforce CLI login with --target-org <alias>; or set SFBULK_INSTANCE_URL and SFBULK_SESSION_ID.";

    /// <summary>The warning for a session id given as a value on the command line (the same as for a secret on <c>connection add</c>).</summary>
    public const string SessionIdOnCommandLine =
        "--session-id given on the command line can be seen by other users (ps) and stays in shell history; prefer '--session-id -' (standard input) or " + SessionIdVariable + ".";

    /// <summary>Creates the connection the command line and environment describe.</summary>
    /// <exception cref="SalesforceConnectionNotFoundException">Nothing usable is configured.</exception>
    /// <exception cref="CliException">The options contradict each other, or standard input holds no session id.</exception>
    public static SalesforceConnection Resolve(ConnectionRequest request, ILoggerFactory loggerFactory, Func<string, string?>? environment = null, TextReader? stdin = null, Action<string>? warn = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (request.SessionId is { } given && given != "-")
        {
            warn?.Invoke(SessionIdOnCommandLine);
        }

        if (request.InstanceUrl is not null || request.SessionId is not null)
        {
            if (request.InstanceUrl is null || request.SessionId is null)
            {
                throw new CliException("--instance-url and --session-id go together: give both (or neither).", ExitCodes.UsageError);
            }

            var session = request.SessionId == "-" ? ReadSession(stdin ?? Console.In) : request.SessionId;
            return External(request.InstanceUrl, session, request.ApiVersion, "--instance-url", loggerFactory);
        }

        if (request.Connection is { } name)
        {
            return Stored(name, request.ApiVersion, loggerFactory, environment, explicitName: true)!;
        }

        if (request.TargetOrg is { } alias)
        {
            return Create("sf:" + alias, SalesforceConnectionOptions.ProductionLoginUrl, request.ApiVersion, new SalesforceCliCredential(alias, environment("SFBULK_SF_EXECUTABLE")), loggerFactory);
        }

        var url = environment(InstanceUrlVariable);
        var id = environment(SessionIdVariable);
        if (!string.IsNullOrWhiteSpace(url) && !string.IsNullOrWhiteSpace(id))
        {
            return External(url, id.Trim(), request.ApiVersion ?? environment("SFBULK_API_VERSION"), InstanceUrlVariable, loggerFactory);
        }

        return Stored(null, request.ApiVersion, loggerFactory, environment, explicitName: false)
            ?? throw new SalesforceConnectionNotFoundException(
                string.IsNullOrWhiteSpace(url) == string.IsNullOrWhiteSpace(id)
                    ? HowToConfigure
                    : $"{(string.IsNullOrWhiteSpace(url) ? SessionIdVariable : InstanceUrlVariable)} is set but {(string.IsNullOrWhiteSpace(url) ? InstanceUrlVariable : SessionIdVariable)} is not; set both. " + HowToConfigure);
    }

    /// <summary>A stored connection by name, or the default one (null when there is none and none was named).</summary>
    public static SalesforceConnection? Stored(string? name, string? apiVersion, ILoggerFactory loggerFactory, Func<string, string?> environment, bool explicitName)
    {
        var store = new ConnectionStore(ConnectionStore.DefaultPath(environment));
        var file = store.Load();
        var wanted = name ?? file.Default;
        if (wanted is null)
        {
            return explicitName ? throw NotFound(name!, file, store) : null;
        }

        if (!file.Connections.TryGetValue(wanted, out var stored))
        {
            throw NotFound(wanted, file, store);
        }

        if (!InputRules.TryUrl(stored.LoginUrl, out var loginUrl, out var error))
        {
            throw new SalesforceConnectionNotFoundException($"Connection '{wanted}' has an unusable login URL: {error}");
        }

        var credential = CredentialKinds.Create(wanted, stored, environment);
        return Create(wanted, loginUrl!, apiVersion ?? stored.ApiVersion, credential, loggerFactory);
    }

    private static SalesforceConnectionNotFoundException NotFound(string name, ConnectionFile file, ConnectionStore store) => new(
        file.Connections.Count == 0
            ? $"No connection named '{name}': {store.Path} holds no connections. " + HowToConfigure
            : $"No connection named '{name}' in {store.Path}. Known connections: {string.Join(", ", file.Connections.Keys.Order(StringComparer.OrdinalIgnoreCase))} ('sfbulk connection list').");

    private static SalesforceConnection External(string url, string sessionId, string? apiVersion, string source, ILoggerFactory loggerFactory)
    {
        if (!InputRules.TryUrl(url, out var instanceUrl, out var error))
        {
            // Neither value is echoed: when the two are swapped, the "URL" is the session id.
            var swapped = InputRules.TryUrl(sessionId, out _, out _)
                ? $" The session id looks like a URL: are {(source == InstanceUrlVariable ? $"{InstanceUrlVariable} and {SessionIdVariable}" : "--instance-url and --session-id")} swapped?"
                : string.Empty;
            throw new CliException($"{source}: {error}{swapped}", ExitCodes.UsageError);
        }

        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw new CliException("The session id is empty.", ExitCodes.UsageError);
        }

        if (apiVersion is not null && !InputRules.IsApiVersion(apiVersion))
        {
            throw new CliException($"'{apiVersion}' is not an API version such as 66.0.", ExitCodes.UsageError);
        }

        return SalesforceConnection.FromExternalSession(instanceUrl!, sessionId, apiVersion, loggerFactory);
    }

    private static SalesforceConnection Create(string name, Uri loginUrl, string? apiVersion, SalesforceCredential credential, ILoggerFactory loggerFactory)
    {
        try
        {
            return new SalesforceConnection(
                new SalesforceConnectionOptions
                {
                    Name = name,
                    LoginUrl = loginUrl,
                    ApiVersion = apiVersion ?? SalesforceConnectionOptions.DefaultApiVersion,
                    Credential = credential,
                },
                loggerFactory);
        }
        catch (ArgumentException e)
        {
            throw new SalesforceConnectionNotFoundException($"Connection '{name}' is not usable: {e.Message}", e);
        }
    }

    private static string ReadSession(TextReader stdin)
    {
        var line = stdin.ReadLine()?.Trim();
        return string.IsNullOrEmpty(line)
            ? throw new CliException("--session-id - reads the session id from standard input, but standard input is empty. Pipe it in, for example: sf org display --json | jq -r .result.accessToken | sfbulk … --session-id -", ExitCodes.UsageError)
            : line;
    }
}
