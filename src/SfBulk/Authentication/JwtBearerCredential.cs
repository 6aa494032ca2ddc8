namespace SfBulk.Authentication;

/// <summary>
/// The OAuth 2.0 JWT bearer flow: sfbulk signs a short-lived assertion (RS256) with the private key whose
/// certificate is uploaded to the connected app. Recommended for unattended use; no secret travels.
/// </summary>
/// <remarks>
/// Claims: <c>iss</c> = the consumer key, <c>sub</c> = the user name, <c>aud</c> = <c>https://login.salesforce.com</c>
/// (<c>https://test.salesforce.com</c> when the login URL is a sandbox one, the emulator's base URL for loopback login
/// URLs, or <see cref="Audience"/> when set), <c>exp</c> = now + 3 minutes. The user must be pre-authorized for the
/// app, else Salesforce answers <c>invalid_grant</c> "user hasn't approved this consumer". The key file is read at
/// each login, so it can be rotated without rebuilding the connection.
/// </remarks>
public sealed class JwtBearerCredential : SalesforceCredential
{
    private readonly string? _privateKeyPem;

    private JwtBearerCredential(string clientId, string username, string? privateKeyPem, string? keyFile, Uri? audience)
    {
        ClientId = Required(clientId, nameof(clientId));
        Username = Required(username, nameof(username));
        _privateKeyPem = privateKeyPem;
        KeyFile = keyFile;
        Audience = audience;
    }

    /// <summary>The connected app's consumer key (<c>iss</c>).</summary>
    public string ClientId { get; }

    /// <summary>The user to log in as (<c>sub</c>).</summary>
    public string Username { get; }

    /// <summary>The PEM key file, when the key is read from a file; else null.</summary>
    public string? KeyFile { get; }

    /// <summary>The <c>aud</c> claim; null derives it from the login URL.</summary>
    public Uri? Audience { get; }

    /// <inheritdoc />
    public override string Kind => "jwt-bearer";

    /// <summary>Creates the credential from PEM key text (<c>BEGIN PRIVATE KEY</c> or <c>BEGIN RSA PRIVATE KEY</c>).</summary>
    /// <param name="clientId">The connected app's consumer key.</param>
    /// <param name="username">The user to log in as.</param>
    /// <param name="privateKeyPem">The RSA private key in PEM form.</param>
    /// <param name="audience">The <c>aud</c> claim; null derives it from the login URL.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="ArgumentException">The key is missing or not an RSA private key.</exception>
    public static JwtBearerCredential FromPrivateKey(string clientId, string username, string privateKeyPem, Uri? audience = null)
    {
        Required(privateKeyPem, nameof(privateKeyPem));
        JwtAssertion.CheckKey(privateKeyPem, nameof(privateKeyPem));
        return new JwtBearerCredential(clientId, username, privateKeyPem, null, audience);
    }

    /// <summary>Creates the credential from a PEM key file, read at each login.</summary>
    /// <param name="clientId">The connected app's consumer key.</param>
    /// <param name="username">The user to log in as.</param>
    /// <param name="keyFile">The path of the PEM file holding the RSA private key.</param>
    /// <param name="audience">The <c>aud</c> claim; null derives it from the login URL.</param>
    /// <returns>The credential.</returns>
    public static JwtBearerCredential FromKeyFile(string clientId, string username, string keyFile, Uri? audience = null) =>
        new(clientId, username, null, Required(keyFile, nameof(keyFile)), audience);

    private protected override string Describe() => "client=" + ClientId + ", user=" + Username;

    internal override async Task<SalesforceSession> LoginAsync(LoginContext context, CancellationToken cancellationToken)
    {
        var pem = _privateKeyPem;
        if (pem is null)
        {
            try
            {
                pem = await File.ReadAllTextAsync(KeyFile!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new SalesforceLoginException(
                    $"The JWT key file could not be read ({ex.GetType().Name}). Check that the file named by the connection's JWT key file setting exists and is readable.",
                    SfBulkErrorCodes.InvalidArgument, null, ex);
            }
        }

        var audience = Audience?.GetLeftPart(UriPartial.Authority) ?? JwtAssertion.DefaultAudience(context.LoginUrl);

        // The assertion expires 3 minutes after it is signed: sign a new one for every attempt, so that a login
        // retried after a busy login service or a slow network never sends an expired one.
        return await OAuthTokenClient.RequestAsync(
            context,
            "JWT bearer",
            () => LoginContext.Form(
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                ("assertion", JwtAssertion.Create(pem, ClientId, Username, audience, context.Time.GetUtcNow()))),
            null,
            cancellationToken).ConfigureAwait(false);
    }
}
