namespace SfBulk.Authentication;

/// <summary>
/// The OAuth 2.0 refresh token flow (<c>grant_type=refresh_token</c>): a refresh token obtained once interactively
/// (for example by a web-server flow) is exchanged for access tokens whenever a session is needed.
/// </summary>
public sealed class RefreshTokenCredential : SalesforceCredential
{
    private readonly string _refreshToken;
    private readonly string? _clientSecret;

    /// <summary>Creates the credential.</summary>
    /// <param name="clientId">The connected app's consumer key.</param>
    /// <param name="refreshToken">The refresh token.</param>
    /// <param name="clientSecret">The consumer secret, when the connected app requires it for refresh; else null.</param>
    public RefreshTokenCredential(string clientId, string refreshToken, string? clientSecret = null)
    {
        ClientId = Required(clientId, nameof(clientId));
        _refreshToken = Required(refreshToken, nameof(refreshToken));
        _clientSecret = string.IsNullOrEmpty(clientSecret) ? null : clientSecret;
    }

    /// <summary>The connected app's consumer key.</summary>
    public string ClientId { get; }

    /// <inheritdoc />
    public override string Kind => "oauth-refresh-token";

    private protected override string Describe() => "client=" + ClientId;

    internal override Task<SalesforceSession> LoginAsync(LoginContext context, CancellationToken cancellationToken) =>
        OAuthTokenClient.RequestAsync(
            context,
            "refresh token",
            LoginContext.Form(
                ("grant_type", "refresh_token"),
                ("client_id", ClientId),
                ("client_secret", _clientSecret),
                ("refresh_token", _refreshToken)),
            null,
            cancellationToken);
}
