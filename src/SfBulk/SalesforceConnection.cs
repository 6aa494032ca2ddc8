using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Polly;
using SfBulk.Authentication;
using SfBulk.Limits;
using SfBulk.Wire;

namespace SfBulk;

/// <summary>
/// The shared "Salesforce Connection" resource: how to reach and log in to one org. Configure it once and share
/// it; it logs in lazily, caches the session and refreshes it when Salesforce reports it expired. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// using var connection = new SalesforceConnection(new SalesforceConnectionOptions
/// {
///     LoginUrl = new Uri("https://mycompany.my.salesforce.com"),
///     Credential = JwtBearerCredential.FromKeyFile(clientId, "ops@mycompany.com", "/etc/sfbulk/key.pem"),
/// });
/// </code>
/// </example>
public sealed partial class SalesforceConnection : IDisposable
{
    private readonly SalesforceConnectionOptions _options;
    private readonly HttpClient? _ownedClient;
    private readonly HttpTransport _transport;
    private readonly ResiliencePipeline<ApiResponse> _retry;
    private readonly ResiliencePipeline<ApiResponse> _refusalRetry;
    private readonly ResiliencePipeline<ApiResponse> _loginRetry;
    private readonly ILogger _logger;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly Func<HttpClient> _clientSource;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly LoginRefusal _refusal;

    /// <summary>For a per-call connection (<see cref="WithSession"/>): the connection that renews its session.</summary>
    private SalesforceConnection? _renewer;

    /// <summary>Creates a connection; no request is sent until the first call.</summary>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">A setting is invalid (for example a non-https login URL).</exception>
    public SalesforceConnection(SalesforceConnectionOptions options)
        : this(options, null)
    {
    }

    /// <summary>Creates a connection that logs through <paramref name="loggerFactory"/>.</summary>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="loggerFactory">Where to log; null logs nothing.</param>
    /// <exception cref="ArgumentException">A setting is invalid (for example a non-https login URL).</exception>
    public SalesforceConnection(SalesforceConnectionOptions options, ILoggerFactory? loggerFactory)
        : this(options, loggerFactory, null, null, null)
    {
    }

    /// <summary>
    /// Creates a connection on a shared <see cref="HttpClient"/> source (IHttpClientFactory), an optional first
    /// session, and the login-refusal memory it shares with the connection it was made from (null: its own).
    /// </summary>
    internal SalesforceConnection(SalesforceConnectionOptions options, ILoggerFactory? loggerFactory, Func<HttpClient>? httpClient, SalesforceSession? initialSession, LoginRefusal? refusal = null)
    {
        _refusal = refusal ?? new LoginRefusal();
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.Validate();
        _loggerFactory = loggerFactory;
        _logger = (ILogger?)loggerFactory?.CreateLogger("SfBulk.Connection") ?? NullLogger.Instance;
        Time = _options.TimeProvider ?? TimeProvider.System;
        if (httpClient is null)
        {
            _ownedClient = SalesforceHttpHandler.CreateClient(_options.Proxy);
            var client = _ownedClient;
            httpClient = () => client;
        }

        _clientSource = httpClient;
        _transport = new HttpTransport(httpClient, _options.RequestTimeout, _options.MaxResponseBodyBytes, _logger, Name, Time);
        _retry = RetryPipelines.Create(_options.Retry, Time, _logger, Name, retryNetworkErrors: true, TransientResponses.IsTransient);

        // Requests that must not be replayed after an ambiguous failure (close, abort): only throttling refusals,
        // which prove the request was not carried out.
        _refusalRetry = RetryPipelines.Create(_options.Retry, Time, _logger, Name, retryNetworkErrors: false, TransientResponses.IsThrottled);

        // Sending a login again is harmless: at worst Salesforce opens one more session.
        _loginRetry = RetryPipelines.Create(_options.Retry, Time, _logger, Name, retryNetworkErrors: true, TransientResponses.IsTransientLogin);
        _session = initialSession;
    }

    /// <summary>The connection's name.</summary>
    public string Name => _options.Name;

    /// <summary>The API version used for requests, e.g. <c>66.0</c>.</summary>
    public string ApiVersion => _options.ApiVersion;

    /// <summary>The login URL.</summary>
    public Uri LoginUrl => _options.LoginUrl;

    /// <summary>How the connection logs in (its <see cref="object.ToString"/> shows no secret).</summary>
    public SalesforceCredential Credential => _options.Credential!;

    /// <summary>False when an expired session is an error instead of a reason to log in again (external sessions).</summary>
    public bool CanRefreshSession => Credential.CanRefresh;

    internal TimeProvider Time { get; }

    /// <summary>
    /// The org's daily API request usage as last reported by Salesforce (the <c>Sforce-Limit-Info</c> header every REST
    /// answer carries, or a limits read), plus the requests this connection sent since; null until something reported
    /// it (Bulk API 1.0 answers do not carry the header). Reading it sends nothing.
    /// </summary>
    public ApiUsage? ApiUsage => _transport.Usage.Estimate();

    /// <summary>API requests this connection has sent (retries included, logins excluded).</summary>
    public long RequestsSent => _transport.Usage.Sent;

    internal ApiUsageTracker UsageTracker => _transport.Usage;

    /// <summary>
    /// Creates a connection on a session obtained elsewhere (the reference activity's <c>ServerUrl</c>,
    /// <c>SessionId</c> and <c>ExternalSessionIdUsed</c>). The session is never refreshed: when Salesforce reports it
    /// expired, calls fail with <see cref="SalesforceLoginException"/> code <c>EXTERNAL_SESSION_EXPIRED</c>.
    /// </summary>
    /// <param name="instanceUrl">The instance or My Domain URL, or a SOAP <c>serverUrl</c> (its host is used).</param>
    /// <param name="sessionId">The session id or access token.</param>
    /// <param name="apiVersion">The API version of requests; null means <see cref="SalesforceConnectionOptions.DefaultApiVersion"/>.</param>
    /// <param name="loggerFactory">Where to log; null logs nothing.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute https (or loopback), or the session id is empty.</exception>
    public static SalesforceConnection FromExternalSession(Uri instanceUrl, string sessionId, string? apiVersion = null, ILoggerFactory? loggerFactory = null)
    {
        var credential = new ExternalSessionCredential(instanceUrl, sessionId);
        return new SalesforceConnection(
            new SalesforceConnectionOptions
            {
                Name = "external",
                LoginUrl = credential.InstanceUrl,
                ApiVersion = apiVersion ?? SalesforceConnectionOptions.DefaultApiVersion,
                Credential = credential,
            },
            loggerFactory);
    }

    /// <summary>
    /// Returns a connection for one call that overrides this one's session (the reference activity's per-call
    /// <c>ServerUrl</c> and <c>SessionId</c>). With <paramref name="externalSessionIdUsed"/> the session is never
    /// refreshed; otherwise, when it expires, it is renewed through this connection (its session, or a login with its
    /// credential) only when this connection's instance host is the host of <paramref name="serverUrl"/>: stored
    /// credentials are never lent to another org. When the hosts differ, the expiry is a
    /// <see cref="SalesforceLoginException"/> (code <c>EXTERNAL_SESSION_EXPIRED</c>) that says why. Shares this
    /// connection's HTTP client and settings; dispose it when done (this connection stays usable).
    /// </summary>
    /// <param name="serverUrl">The instance URL or SOAP <c>serverUrl</c> the session belongs to.</param>
    /// <param name="sessionId">The session id or access token.</param>
    /// <param name="externalSessionIdUsed">True when the session must not be refreshed.</param>
    /// <returns>The overriding connection.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute https (or loopback), or the session id is empty.</exception>
    public SalesforceConnection WithSession(Uri serverUrl, string sessionId, bool externalSessionIdUsed)
    {
        var external = new ExternalSessionCredential(serverUrl, sessionId);
        if (externalSessionIdUsed)
        {
            var options = _options.Clone();
            options.Credential = external;
            return new SalesforceConnection(options, _loggerFactory, _clientSource, null);
        }

        return new SalesforceConnection(_options, _loggerFactory, _clientSource, new SalesforceSession(external.InstanceUrl, sessionId), _refusal)
        {
            _renewer = this,
        };
    }

    /// <summary>Logs in now unless a session is cached, and returns the instance URL requests go to.</summary>
    /// <param name="cancellationToken">Cancels waiting (a login already under way finishes for other callers).</param>
    /// <returns>The instance URL.</returns>
    /// <exception cref="SalesforceLoginException">Logging in failed.</exception>
    /// <exception cref="SalesforceRestException">The login host could not be reached (<c>NETWORK_ERROR</c>).</exception>
    public async Task<Uri> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var session = await GetSessionAsync(null, cancellationToken).ConfigureAwait(false);
        return session.InstanceUrl;
    }

    /// <summary>Describes the connection without secrets.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"SalesforceConnection({Name}, {LoginUrl.GetLeftPart(UriPartial.Authority)}, v{ApiVersion}, {Credential})";

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_lifetime.IsCancellationRequested)
        {
            _lifetime.Cancel();
        }

        _ownedClient?.Dispose();
    }
}
