using SfBulk.Connection;

namespace SfBulk.Authentication;

/// <summary>
/// A session obtained elsewhere (the reference activity's <c>ServerUrl</c> + <c>SessionId</c> with
/// <c>ExternalSessionIdUsed</c>): sfbulk uses it as given and never refreshes it. When it expires, requests fail with
/// <see cref="SalesforceLoginException"/> code <c>EXTERNAL_SESSION_EXPIRED</c>.
/// </summary>
public sealed class ExternalSessionCredential : SalesforceCredential
{
    private readonly string _sessionId;

    /// <summary>Creates the credential.</summary>
    /// <param name="instanceUrl">
    /// The org's instance or My Domain URL, or a SOAP <c>serverUrl</c> (only its scheme, host and port are used).
    /// Must be https unless it is a loopback address.
    /// </param>
    /// <param name="sessionId">The session id or OAuth access token.</param>
    /// <exception cref="ArgumentException">The URL is not absolute or not https, or the session id is empty.</exception>
    public ExternalSessionCredential(Uri instanceUrl, string sessionId)
    {
        InstanceUrl = ConnectionUrls.Origin(ConnectionUrls.RequireSecure(instanceUrl, nameof(instanceUrl)));
        _sessionId = Required(sessionId, nameof(sessionId));
    }

    /// <summary>The instance URL (scheme, host and port).</summary>
    public Uri InstanceUrl { get; }

    /// <inheritdoc />
    public override string Kind => "external-session";

    /// <inheritdoc />
    public override bool CanRefresh => false;

    internal override string ExpiredMessage =>
        "The external session expired (Salesforce reported the session id invalid or expired) and cannot be refreshed: sfbulk does not hold the credentials it came from. Pass a new session id, or configure a connection that can log in.";

    private protected override string Describe() => "instance=" + InstanceUrl.GetLeftPart(UriPartial.Authority);

    internal override Task<SalesforceSession> LoginAsync(LoginContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new SalesforceSession(InstanceUrl, _sessionId));
}
