namespace SfBulk.Connection;

/// <summary>
/// The names of the ways to log in, as written in configuration (<c>Credential</c>), the <c>SFBULK_CREDENTIAL</c>
/// environment variable and the <c>sfbulk connection add --credential</c> option. Older spellings
/// (<c>refreshtoken</c>, <c>jwt-bearer</c>, <c>clientcredentials</c>, <c>sfcli</c>, <c>external-session</c>, …) are
/// still read, as aliases.
/// </summary>
public static class CredentialKinds
{
    /// <summary>SOAP <c>login()</c> with user name and password (+ security token).</summary>
    public const string Soap = "soap";

    /// <summary>The OAuth username-password flow (client id and secret, user name and password).</summary>
    public const string Password = "password";

    /// <summary>The OAuth client credentials flow (client id and secret, My Domain login URL).</summary>
    public const string ClientCredentials = "client-credentials";

    /// <summary>The OAuth JWT bearer flow (client id, user name, private key).</summary>
    public const string Jwt = "jwt";

    /// <summary>The OAuth refresh token flow (client id, refresh token, optional client secret).</summary>
    public const string RefreshToken = "refresh-token";

    /// <summary>An existing session (instance URL and session id), never refreshed.</summary>
    public const string Session = "session";

    /// <summary>The login of a Salesforce CLI (<c>sf</c>) org alias or user name.</summary>
    public const string SalesforceCli = "sf-cli";

    /// <summary>Every kind, in the order they are documented.</summary>
    public static IReadOnlyList<string> All { get; } = [Jwt, ClientCredentials, RefreshToken, Password, Soap, Session, SalesforceCli];

    /// <summary>The canonical name of <paramref name="name"/> (ignoring case, <c>-</c> and <c>_</c>, and accepting the older spellings), or null when it names no kind.</summary>
    /// <param name="name">A kind as written by a user.</param>
    /// <returns>One of <see cref="All"/>, or null.</returns>
    public static string? Normalize(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant() switch
        {
            "jwt" or "jwtbearer" => Jwt,
            "clientcredentials" => ClientCredentials,
            "refreshtoken" => RefreshToken,
            "password" or "oauthpassword" or "usernamepassword" => Password,
            "soap" or "soaplogin" => Soap,
            "session" or "externalsession" => Session,
            "sfcli" or "sf" or "cli" => SalesforceCli,
            _ => null,
        };
}
