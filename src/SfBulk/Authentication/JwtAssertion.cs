using System.Buffers.Text;
using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using SfBulk.Connection;

namespace SfBulk.Authentication;

/// <summary>Builds RS256-signed JWT bearer assertions with <see cref="RSA"/> (no JWT library).</summary>
internal static class JwtAssertion
{
    /// <summary>How long an assertion is valid (Salesforce asks for at most 3 minutes).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    /// <summary>The audience for a login URL: test.salesforce.com for sandboxes, the base URL for loopback, else login.salesforce.com.</summary>
    public static string DefaultAudience(Uri loginUrl)
    {
        if (ConnectionRules.IsLoopback(loginUrl))
        {
            return loginUrl.GetLeftPart(UriPartial.Authority);
        }

        var host = loginUrl.IdnHost;
        return string.Equals(host, "test.salesforce.com", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".sandbox.my.salesforce.com", StringComparison.OrdinalIgnoreCase)
            ? "https://test.salesforce.com"
            : "https://login.salesforce.com";
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="pem"/> holds an RSA private key.</summary>
    public static void CheckKey(string pem, string parameterName)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            _ = rsa.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new ArgumentException("The JWT key is not an unencrypted RSA private key in PEM form (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY).", parameterName, ex);
        }
    }

    /// <summary>Returns <c>header.claims.signature</c>, each part base64url-encoded.</summary>
    public static string Create(string pem, string clientId, string username, string audience, DateTimeOffset now)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new SalesforceLoginException(
                "The JWT key is not an unencrypted RSA private key in PEM form (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY).",
                SfBulkErrorCodes.InvalidArgument, null, ex);
        }

        var header = Base64Url.EncodeToString("{\"alg\":\"RS256\"}"u8);
        var claims = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(claims))
        {
            json.WriteStartObject();
            json.WriteString("iss", clientId);
            json.WriteString("sub", username);
            json.WriteString("aud", audience);
            json.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
            json.WriteEndObject();
        }

        var signingInput = header + "." + Base64Url.EncodeToString(claims.WrittenSpan);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
