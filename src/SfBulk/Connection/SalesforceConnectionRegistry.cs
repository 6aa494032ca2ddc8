using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace SfBulk.Connection;

/// <summary>
/// Several named connections side by side (the reference's shared connection resources). Connections are created
/// on first use and live as long as the registry. Thread-safe.
/// </summary>
public sealed class SalesforceConnectionRegistry : IDisposable
{
    /// <summary>The name of the connection used when none is named.</summary>
    public const string DefaultName = "default";

    /// <summary>The configuration section holding one sub-section per connection.</summary>
    public const string ConfigurationSection = "SfBulk:Connections";

    private readonly Dictionary<string, SalesforceConnectionOptions> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Exception> _problems = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SalesforceConnection> _connections = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private readonly ILoggerFactory? _loggerFactory;
    private readonly Func<SalesforceConnectionOptions, Func<HttpClient>?>? _httpClients;

    /// <summary>Creates a registry of the given connections.</summary>
    /// <param name="connections">The connection settings (names must be unique); copied.</param>
    /// <param name="loggerFactory">Where connections log; null logs nothing.</param>
    /// <exception cref="ArgumentException">Two connections share a name.</exception>
    public SalesforceConnectionRegistry(IEnumerable<SalesforceConnectionOptions> connections, ILoggerFactory? loggerFactory = null)
        : this(connections, [], loggerFactory, null)
    {
    }

    internal SalesforceConnectionRegistry(
        IEnumerable<SalesforceConnectionOptions> connections,
        IEnumerable<KeyValuePair<string, Exception>> problems,
        ILoggerFactory? loggerFactory,
        Func<SalesforceConnectionOptions, Func<HttpClient>?>? httpClients)
    {
        ArgumentNullException.ThrowIfNull(connections);
        foreach (var options in connections)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (!_options.TryAdd(options.Name, options.Clone()))
            {
                throw new ArgumentException($"Two connections are named '{options.Name}'.", nameof(connections));
            }
        }

        foreach (var (name, problem) in problems)
        {
            _problems[name] = problem;
        }

        _loggerFactory = loggerFactory;
        _httpClients = httpClients;
    }

    /// <summary>The configuration problems of unusable connections, by name.</summary>
    internal IEnumerable<KeyValuePair<string, Exception>> Problems => _problems;

    /// <summary>The names of the usable connections.</summary>
    public IReadOnlyCollection<string> Names => [.. _options.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The settings of a usable connection.</summary>
    internal SalesforceConnectionOptions OptionsOf(string name) => _options[name].Clone();

    /// <summary>
    /// Builds a registry from configuration section <c>SfBulk:Connections</c> (one sub-section per connection) and,
    /// when <paramref name="includeEnvironment"/>, the <c>SFBULK_*</c> environment variables (see
    /// <see cref="SalesforceConnectionSettings"/>). Incomplete connections are remembered and explained when asked for.
    /// </summary>
    /// <param name="configuration">The configuration root, or null for none.</param>
    /// <param name="includeEnvironment">Whether to read <c>SFBULK_*</c> variables.</param>
    /// <param name="loggerFactory">Where connections log; null logs nothing.</param>
    /// <returns>The registry.</returns>
    public static SalesforceConnectionRegistry FromConfiguration(IConfiguration? configuration, bool includeEnvironment = true, ILoggerFactory? loggerFactory = null) =>
        Create(configuration, includeEnvironment ? Environment.GetEnvironmentVariable : null, loggerFactory, null);

    internal static SalesforceConnectionRegistry Create(
        IConfiguration? configuration,
        Func<string, string?>? environment,
        ILoggerFactory? loggerFactory,
        Func<SalesforceConnectionOptions, Func<HttpClient>?>? httpClients)
    {
        var logger = loggerFactory?.CreateLogger("SfBulk.Connection");
        var settings = new Dictionary<string, SalesforceConnectionSettings>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<KeyValuePair<string, Exception>>();
        if (configuration is not null)
        {
            foreach (var section in configuration.GetSection(ConfigurationSection).GetChildren())
            {
                try
                {
                    settings[section.Key] = SalesforceConnectionSettings.FromConfiguration(section, logger);
                }
                catch (ArgumentException ex)
                {
                    problems.Add(new(section.Key, ex));
                }
            }
        }

        if (environment is not null && SalesforceConnectionSettings.FromEnvironment(environment, logger) is { } fromEnvironment)
        {
            var name = SalesforceConnectionEnvironment.ConnectionName(environment);
            settings[name] = settings.TryGetValue(name, out var configured) ? configured.MergeFrom(fromEnvironment) : fromEnvironment;
        }

        var options = new List<SalesforceConnectionOptions>();
        foreach (var (name, value) in settings)
        {
            try
            {
                var built = value.ToOptions(name, environment ?? Environment.GetEnvironmentVariable);
                built.Validate();
                options.Add(built);
            }
            catch (Exception ex) when (ex is SalesforceConnectionNotFoundException or ArgumentException)
            {
                problems.Add(new(name, ex));
            }
        }

        return new SalesforceConnectionRegistry(options, problems, loggerFactory, httpClients);
    }

    /// <summary>
    /// Returns the connection named <paramref name="name"/>; with no name, the one named <c>default</c>, or the only
    /// one when there is exactly one.
    /// </summary>
    /// <param name="name">The connection name, or null.</param>
    /// <returns>The connection (owned by the registry: do not dispose it).</returns>
    /// <exception cref="SalesforceConnectionNotFoundException">No such usable connection; the message says what to configure.</exception>
    public SalesforceConnection Get(string? name = null)
    {
        if (TryGet(name, out var connection))
        {
            return connection;
        }

        var wanted = string.IsNullOrWhiteSpace(name) ? DefaultName : name;
        if (_problems.TryGetValue(wanted, out var problem))
        {
            throw new SalesforceConnectionNotFoundException(
                $"Connection '{wanted}' is configured but not usable: {problem.Message} Set it in section {ConfigurationSection}:{wanted} or the matching SFBULK_* environment variables.",
                problem);
        }

        var known = _options.Count == 0 ? "No connection is configured" : "Configured connections: " + string.Join(", ", Names);
        throw new SalesforceConnectionNotFoundException(
            $"No Salesforce connection named '{wanted}'. {known}. Configure one in section {ConfigurationSection}:{wanted} "
            + "(LoginUrl, ClientId, Username, KeyFile, …), set SFBULK_* environment variables (SFBULK_LOGIN_URL, SFBULK_CLIENT_ID, SFBULK_USERNAME, SFBULK_KEY_FILE, …), "
            + "or pass an external session (server URL and session id).");
    }

    /// <summary>Looks up a connection like <see cref="Get"/> without throwing.</summary>
    /// <param name="name">The connection name, or null.</param>
    /// <param name="connection">The connection when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(string? name, [NotNullWhen(true)] out SalesforceConnection? connection)
    {
        var key = string.IsNullOrWhiteSpace(name) ? (_options.ContainsKey(DefaultName) || _options.Count != 1 ? DefaultName : _options.Keys.First()) : name;
        lock (_gate)
        {
            if (_connections.TryGetValue(key, out connection))
            {
                return true;
            }

            if (!_options.TryGetValue(key, out var options))
            {
                return false;
            }

            connection = new SalesforceConnection(options, _loggerFactory, _httpClients?.Invoke(options), null);
            _connections[key] = connection;
            return true;
        }
    }

    /// <summary>
    /// Picks the connection for one call the way the reference activity does: with <paramref name="sessionId"/> and
    /// <paramref name="serverUrl"/> the call uses that session (never refreshed when
    /// <paramref name="externalSessionIdUsed"/>; else refreshed through the named connection); otherwise the named
    /// connection. The caller disposes the result only when it differs from <see cref="Get"/>'s.
    /// </summary>
    /// <param name="name">The connection name, or null.</param>
    /// <param name="serverUrl">The per-call server URL, or null.</param>
    /// <param name="sessionId">The per-call session id, or null.</param>
    /// <param name="externalSessionIdUsed">True when the per-call session must never be refreshed.</param>
    /// <returns>The connection to use and whether the caller owns (must dispose) it.</returns>
    /// <exception cref="SalesforceConnectionNotFoundException">Nothing usable is configured or given.</exception>
    internal (SalesforceConnection Connection, bool CallerOwns) Resolve(string? name, Uri? serverUrl, string? sessionId, bool externalSessionIdUsed)
    {
        var hasSession = serverUrl is not null && !string.IsNullOrEmpty(sessionId);
        if (!hasSession)
        {
            if (externalSessionIdUsed || serverUrl is not null || !string.IsNullOrEmpty(sessionId))
            {
                throw new SalesforceConnectionNotFoundException("An external session needs both the server URL and the session id.");
            }

            return (Get(name), false);
        }

        if (!externalSessionIdUsed && TryGet(name, out var connection))
        {
            return (connection.WithSession(serverUrl!, sessionId!, externalSessionIdUsed: false), true);
        }

        var apiVersion = TryGet(name, out var named) ? named.ApiVersion : null;
        return (SalesforceConnection.FromExternalSession(serverUrl!, sessionId!, apiVersion, _loggerFactory), true);
    }

    /// <summary>Disposes every connection the registry created.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var connection in _connections.Values)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }
}
