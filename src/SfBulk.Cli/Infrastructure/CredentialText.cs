using SfBulk.Authentication;

namespace SfBulk.Cli.Infrastructure;

/// <summary>A credential in words: who logs in and how (<c>admin@example.com (SOAP login)</c>), never a secret.</summary>
internal static class CredentialText
{
    public static string Describe(SalesforceCredential credential) => credential switch
    {
        SoapLoginCredential c => $"{c.Username} (SOAP login)",
        UsernamePasswordCredential c => $"{c.Username} (OAuth username-password, client {c.ClientId})",
        JwtBearerCredential c => $"{c.Username} (JWT bearer, client {c.ClientId})",
        ClientCredentialsCredential c => $"the client credentials user of {c.ClientId}",
        RefreshTokenCredential c => $"the refresh token's user (client {c.ClientId})",
        SalesforceCliCredential c => $"the user of Salesforce CLI org '{c.Alias}'",
        ExternalSessionCredential => "the given session's user",
        _ => credential.Kind,
    };
}
