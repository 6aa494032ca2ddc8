namespace SfBulk.Authentication;

/// <summary>
/// The OAuth 2.0 username-password flow (<c>grant_type=password</c>) of a connected app.
/// </summary>
/// <remarks>
/// Salesforce is retiring this flow: it is blocked by default in orgs created since Summer '23 and is being
/// deprecated. Prefer <see cref="JwtBearerCredential"/> or <see cref="ClientCredentialsCredential"/>. No refresh token
/// is issued; sfbulk logs in again with the same credentials when the session expires.
/// </remarks>
public sealed class UsernamePasswordCredential : SalesforceCredential
{
    private readonly string _clientSecret;
    private readonly string _password;
    private readonly string? _securityToken;

    /// <summary>Creates the credential.</summary>
    /// <param name="clientId">The connected app's consumer key.</param>
    /// <param name="clientSecret">The connected app's consumer secret.</param>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="securityToken">The user's security token (appended to the password), or null when the IP is trusted.</param>
    public UsernamePasswordCredential(string clientId, string clientSecret, string username, string password, string? securityToken = null)
    {
        ClientId = Required(clientId, nameof(clientId));
        _clientSecret = Required(clientSecret, nameof(clientSecret));
        Username = Required(username, nameof(username));
        _password = Required(password, nameof(password));
        _securityToken = string.IsNullOrEmpty(securityToken) ? null : securityToken;
    }

    /// <summary>The connected app's consumer key.</summary>
    public string ClientId { get; }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <inheritdoc />
    public override string Kind => "oauth-password";

    private protected override string Describe() => "user=" + Username;

    internal override Task<SalesforceSession> LoginAsync(LoginContext context, CancellationToken cancellationToken) =>
        OAuthTokenClient.RequestAsync(
            context,
            "username-password",
            LoginContext.Form(
                ("grant_type", "password"),
                ("client_id", ClientId),
                ("client_secret", _clientSecret),
                ("username", Username),
                ("password", _password + _securityToken)),
            null,
            cancellationToken);
}
