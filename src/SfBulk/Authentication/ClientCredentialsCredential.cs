namespace SfBulk.Authentication;

/// <summary>
/// The OAuth 2.0 client credentials flow (<c>grant_type=client_credentials</c>): the connected app logs in as its
/// configured "Run As" integration user. Recommended for unattended use.
/// </summary>
/// <remarks>
/// Salesforce accepts this flow only at the org's My Domain URL (<c>https://yourdomain.my.salesforce.com</c>), so the
/// connection's login URL must be that, not <c>login.salesforce.com</c> or <c>test.salesforce.com</c>.
/// </remarks>
public sealed class ClientCredentialsCredential : SalesforceCredential
{
    private readonly string _clientSecret;

    /// <summary>Creates the credential.</summary>
    /// <param name="clientId">The connected app's consumer key.</param>
    /// <param name="clientSecret">The connected app's consumer secret.</param>
    public ClientCredentialsCredential(string clientId, string clientSecret)
    {
        ClientId = Required(clientId, nameof(clientId));
        _clientSecret = Required(clientSecret, nameof(clientSecret));
    }

    /// <summary>The connected app's consumer key.</summary>
    public string ClientId { get; }

    /// <inheritdoc />
    public override string Kind => "oauth-client-credentials";

    private protected override string Describe() => "client=" + ClientId;

    internal override Task<SalesforceSession> LoginAsync(LoginContext context, CancellationToken cancellationToken)
    {
        var host = context.LoginUrl.IdnHost;
        if (string.Equals(host, "login.salesforce.com", StringComparison.OrdinalIgnoreCase)
            || string.Equals(host, "test.salesforce.com", StringComparison.OrdinalIgnoreCase))
        {
            throw new SalesforceLoginException(
                $"The client credentials flow must be sent to the org's My Domain URL (for example https://yourdomain.my.salesforce.com), not {host}. Set the connection's LoginUrl to the My Domain URL.",
                SfBulkErrorCodes.InvalidArgument);
        }

        return OAuthTokenClient.RequestAsync(
            context,
            "client credentials",
            LoginContext.Form(("grant_type", "client_credentials"), ("client_id", ClientId), ("client_secret", _clientSecret)),
            null,
            cancellationToken);
    }
}
