using System.Net;
using SfBulk.Authentication;
using SfBulk.Connection;

namespace SfBulk;

/// <summary>
/// The settings of a <see cref="SalesforceConnection"/>: where to log in, how, and how requests behave. The
/// connection copies them when it is created; changing them afterwards has no effect on it.
/// </summary>
/// <remarks>
/// Build them in code, from configuration (<see cref="SalesforceConnectionSettings"/>, section
/// <c>SfBulk:Connections:{name}</c>) or from environment variables (<see cref="SalesforceConnectionSettings.FromEnvironment"/>).
/// </remarks>
public sealed class SalesforceConnectionOptions
{
    /// <summary>The production login URL.</summary>
    public static readonly Uri ProductionLoginUrl = new("https://login.salesforce.com");

    /// <summary>The sandbox login URL.</summary>
    public static readonly Uri SandboxLoginUrl = new("https://test.salesforce.com");

    /// <summary>The API version used when none is set.</summary>
    public const string DefaultApiVersion = "66.0";

    /// <summary>The name of the connection (used to pick it from a <see cref="SalesforceConnectionRegistry"/> and in logs).</summary>
    /// <value>The default value is <c>default</c>.</value>
    public string Name { get; set; } = SalesforceConnectionRegistry.DefaultName;

    /// <summary>
    /// Where to log in: <see cref="ProductionLoginUrl"/>, <see cref="SandboxLoginUrl"/>, the org's My Domain URL, or a
    /// local emulator (<c>http://127.0.0.1:port</c>). Must be https unless the host is a loopback address.
    /// </summary>
    /// <value>The default value is <c>https://login.salesforce.com</c>.</value>
    public Uri LoginUrl { get; set; } = ProductionLoginUrl;

    /// <summary>The API version of bulk requests, e.g. <c>66.0</c>.</summary>
    /// <value>The default value is <c>66.0</c>.</value>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>How to log in; required.</summary>
    /// <value>The default value is null.</value>
    public SalesforceCredential? Credential { get; set; }

    /// <summary>How long one HTTP request may take before it is abandoned (each retry gets its own time).</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The proxy for outgoing requests; null uses the system default proxy.</summary>
    /// <value>The default value is null.</value>
    public IWebProxy? Proxy { get; set; }

    /// <summary>The retry settings of idempotent requests.</summary>
    /// <value>The default is 3 retries, 0.8 s base delay, 30 s maximum delay, enabled.</value>
    public SalesforceRetryOptions Retry { get; set; } = new();

    /// <summary>The largest response body accepted; larger ones fail with <c>INVALID_RESPONSE</c>.</summary>
    /// <value>The default value is 16 MiB.</value>
    public int MaxResponseBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The clock used for token lifetimes and retry delays; null means the system clock.</summary>
    /// <value>The default value is null.</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Returns a copy of these settings (the credential and proxy instances are shared: they are immutable).</summary>
    /// <returns>An independent copy.</returns>
    public SalesforceConnectionOptions Clone() => new()
    {
        Name = Name,
        LoginUrl = LoginUrl,
        ApiVersion = ApiVersion,
        Credential = Credential,
        RequestTimeout = RequestTimeout,
        Proxy = Proxy,
        Retry = (Retry ?? new()).Clone(),
        MaxResponseBodyBytes = MaxResponseBodyBytes,
        TimeProvider = TimeProvider,
    };

    /// <summary>Checks the settings; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("The connection needs a Name.", nameof(Name));
        }

        ConnectionUrls.RequireSecure(LoginUrl, nameof(LoginUrl));
        if (!ConnectionRules.TryValidateApiVersion(ApiVersion, out var apiVersionError))
        {
            throw new ArgumentException($"ApiVersion: {apiVersionError}", nameof(ApiVersion));
        }

        if (Credential is null)
        {
            throw new ArgumentException(
                $"Connection '{Name}' has no Credential: set one (for example JwtBearerCredential or ClientCredentialsCredential) or use SalesforceConnection.FromExternalSession.",
                nameof(Credential));
        }

        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("RequestTimeout must be positive.", nameof(RequestTimeout));
        }

        if (MaxResponseBodyBytes < 1024)
        {
            throw new ArgumentException("MaxResponseBodyBytes must be at least 1024.", nameof(MaxResponseBodyBytes));
        }

        (Retry ?? throw new ArgumentException("Retry must not be null.", nameof(Retry))).Validate();
    }
}
