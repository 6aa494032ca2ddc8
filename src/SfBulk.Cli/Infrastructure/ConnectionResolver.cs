using Microsoft.Extensions.Logging;
using SfBulk.Cli.Connections;
using SfBulk.Connection;

namespace SfBulk.Cli.Infrastructure;

/// <summary>Picks the connection by precedence; see <see cref="ConnectionOptions"/>.</summary>
internal static class ConnectionResolver
{
    public const string InstanceUrlVariable = "SFBULK_INSTANCE_URL";
    public const string SessionIdVariable = "SFBULK_SESSION_ID";

    /// <summary>The message when nothing is configured: how to configure something.</summary>
    public static readonly string HowToConfigure =
        "No Salesforce connection to use. Do one of: pass --instance-url <url> --session-id - (session on standard input); "
        + $"add a connection with 'sfbulk connection add <name> --login-url <url> --credential {string.Join('|', CredentialKinds.All)} …' (the first one becomes the default); "
        + "reuse a Salesforce CLI login with --target-org <alias>; or set SFBULK_INSTANCE_URL and SFBULK_SESSION_ID (or the SFBULK_* variables of another login).";

    /// <summary>The warning for a session id given as a value on the command line (the same as for a secret on <c>connection add</c>).</summary>
    public const string SessionIdOnCommandLine =
        "--session-id given on the command line can be seen by other users (ps) and stays in shell history; prefer '--session-id -' (standard input) or " + SessionIdVariable + ".";

    /// <summary>
    /// Creates the connection the command line and environment describe, taking the first of: <c>--instance-url</c>
    /// with <c>--session-id</c>; <c>--connection</c>; <c>--target-org</c>; the <c>SFBULK_*</c> environment variables
    /// (<c>SFBULK_INSTANCE_URL</c> with <c>SFBULK_SESSION_ID</c>, or any other complete login); the default stored
    /// connection. What each source holds is the library's connection profile (<see cref="SalesforceConnectionSettings"/>).
    /// </summary>
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
            var sfCli = new SalesforceConnectionSettings { Credential = CredentialKinds.SalesforceCli, TargetOrg = alias, SfExecutable = environment("SFBULK_SF_EXECUTABLE") };
            return Create("sf:" + alias, sfCli, request.ApiVersion, loggerFactory, environment);
        }

        var url = environment(InstanceUrlVariable);
        var id = environment(SessionIdVariable);
        if (!string.IsNullOrWhiteSpace(url) && !string.IsNullOrWhiteSpace(id))
        {
            return External(url, id.Trim(), request.ApiVersion ?? environment("SFBULK_API_VERSION"), InstanceUrlVariable, loggerFactory);
        }

        SalesforceConnectionNotFoundException? incomplete = null;
        if (string.IsNullOrWhiteSpace(url) && string.IsNullOrWhiteSpace(id) && FromEnvironment(environment, loggerFactory) is { } fromEnvironment)
        {
            try
            {
                return Create(EnvironmentConnectionName, fromEnvironment, request.ApiVersion, loggerFactory, environment);
            }
            catch (SalesforceConnectionNotFoundException e) when (e.InnerException is ArgumentException bad)
            {
                // A malformed SFBULK_* value is bad input, like a malformed option.
                throw new CliException($"The SFBULK_* environment variables: {Plain(bad)}", ExitCodes.UsageError, bad);
            }
            catch (SalesforceConnectionNotFoundException e) when (fromEnvironment.Credential is null)
            {
                // Variables that complete no login (SFBULK_LOGIN_URL alone, say) leave the default connection in charge.
                incomplete = e;
            }
        }

        return Stored(null, request.ApiVersion, loggerFactory, environment, explicitName: false)
            ?? throw incomplete ?? new SalesforceConnectionNotFoundException(
                string.IsNullOrWhiteSpace(url) == string.IsNullOrWhiteSpace(id)
                    ? HowToConfigure
                    : $"{(string.IsNullOrWhiteSpace(url) ? SessionIdVariable : InstanceUrlVariable)} is set but {(string.IsNullOrWhiteSpace(url) ? InstanceUrlVariable : SessionIdVariable)} is not; set both. " + HowToConfigure);
    }

    /// <summary>The name of the connection the <c>SFBULK_*</c> variables describe.</summary>
    public const string EnvironmentConnectionName = "environment";

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

        if (!file.Connections.TryGetValue(wanted, out var profile))
        {
            throw NotFound(wanted, file, store);
        }

        if (profile.KeyFile is { } keyFile)
        {
            ConnectionStore.RequirePrivate(keyFile, "it holds the private key that logs in to the org");
        }

        try
        {
            return Create(wanted, profile, apiVersion, loggerFactory, environment);
        }
        catch (SalesforceConnectionNotFoundException e) when (e.InnerException is null)
        {
            throw new SalesforceConnectionNotFoundException($"{e.Message} Fix it with 'sfbulk connection add {wanted} --force …' ('sfbulk connection list' shows it).", e);
        }
    }

    /// <summary>The profile the <c>SFBULK_*</c> variables describe, or null; a malformed value is a usage error.</summary>
    private static SalesforceConnectionSettings? FromEnvironment(Func<string, string?> environment, ILoggerFactory loggerFactory)
    {
        try
        {
            return SalesforceConnectionSettings.FromEnvironment(environment, loggerFactory.CreateLogger("sfbulk"));
        }
        catch (ArgumentException e)
        {
            throw new CliException(Plain(e), ExitCodes.UsageError, e);
        }
    }

    private static SalesforceConnectionNotFoundException NotFound(string name, ConnectionFile file, ConnectionStore store) => new(
        file.Connections.Count == 0
            ? $"No connection named '{name}': {store.Path} holds no connections. " + HowToConfigure
            : $"No connection named '{name}' in {store.Path}. Known connections: {string.Join(", ", file.Connections.Keys.Order(StringComparer.OrdinalIgnoreCase))} ('sfbulk connection list').");

    /// <summary>An existing session (the <c>session</c> profile); a bad URL, empty id or bad API version is a usage error, with a hint when the two look swapped.</summary>
    private static SalesforceConnection External(string url, string sessionId, string? apiVersion, string source, ILoggerFactory loggerFactory)
    {
        if (!ConnectionRules.TryParseUrl(url, out var instanceUrl, out var error))
        {
            // Neither value is echoed: when the two are swapped, the "URL" is the session id.
            var swapped = ConnectionRules.TryParseUrl(sessionId, out _, out _)
                ? $" The session id looks like a URL: are {(source == InstanceUrlVariable ? $"{InstanceUrlVariable} and {SessionIdVariable}" : "--instance-url and --session-id")} swapped?"
                : string.Empty;
            throw new CliException($"{source}: {error}{swapped}", ExitCodes.UsageError);
        }

        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw new CliException("The session id is empty.", ExitCodes.UsageError);
        }

        if (apiVersion is not null && !ConnectionRules.TryValidateApiVersion(apiVersion, out var versionError))
        {
            throw new CliException(versionError, ExitCodes.UsageError);
        }

        var session = new SalesforceConnectionSettings { Credential = CredentialKinds.Session, InstanceUrl = instanceUrl.OriginalString, SessionId = sessionId };
        return Create("external", session, apiVersion, loggerFactory, static _ => null);
    }

    /// <summary>Builds the connection a profile describes; a profile that cannot log in is "not found" (exit code 4), never a stack trace.</summary>
    private static SalesforceConnection Create(string name, SalesforceConnectionSettings profile, string? apiVersion, ILoggerFactory loggerFactory, Func<string, string?> environment)
    {
        try
        {
            var options = profile.ToOptions(name, environment);
            options.ApiVersion = apiVersion ?? options.ApiVersion;
            return new SalesforceConnection(options, loggerFactory);
        }
        catch (ArgumentException e)
        {
            throw new SalesforceConnectionNotFoundException($"Connection '{name}' is not usable: {Plain(e)}", e);
        }
    }

    /// <summary>The message of <paramref name="e"/> without the " (Parameter 'x')" that .NET appends: the text already names the setting.</summary>
    private static string Plain(ArgumentException e) =>
        e.ParamName is { } parameter ? e.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal) : e.Message;

    private static string ReadSession(TextReader stdin)
    {
        var line = stdin.ReadLine()?.Trim();
        return string.IsNullOrEmpty(line)
            ? throw new CliException("--session-id - reads the session id from standard input, but standard input is empty. Pipe it in, for example: sf org display --json | jq -r .result.accessToken | sfbulk … --session-id -", ExitCodes.UsageError)
            : line;
    }
}
