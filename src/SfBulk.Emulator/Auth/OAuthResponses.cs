using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SfBulk.Emulator.Auth;

/// <summary>Writes the token endpoint's JSON bodies in Salesforce's member order.</summary>
internal static class OAuthResponses
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    /// <summary>Salesforce prints apostrophes, plus signs and non-ASCII text literally, so the relaxed encoder is used.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Which members a successful token response carries; they differ by grant type.</summary>
    internal enum TokenShape
    {
        /// <summary>Username-password flow: access_token, instance_url, id, token_type, issued_at, signature.</summary>
        Password,

        /// <summary>Client credentials and refresh flows: access_token, signature, scope, instance_url, id, token_type, issued_at.</summary>
        ScopedWithSignature,

        /// <summary>JWT bearer flow: access_token, scope, instance_url, id, token_type.</summary>
        JwtBearer,
    }

    /// <summary>Writes a 400 OAuth error: <c>{"error":..,"error_description":..}</c>.</summary>
    public static Task WriteErrorAsync(HttpContext context, string error, string description, int status = StatusCodes.Status400BadRequest)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("error", error);
            json.WriteString("error_description", description);
            json.WriteEndObject();
        }

        return WriteAsync(context, status, buffer);
    }

    /// <summary>Writes a 200 token response.</summary>
    public static Task WriteTokenAsync(HttpContext context, TokenShape shape, string accessToken, string identityUrl, DateTimeOffset issuedAt, string clientSecret, string scope)
    {
        var instanceUrl = context.Request.BaseUrl();
        var issued = issuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(identityUrl + issued, clientSecret);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("access_token", accessToken);
            switch (shape)
            {
                case TokenShape.Password:
                    json.WriteString("instance_url", instanceUrl);
                    json.WriteString("id", identityUrl);
                    json.WriteString("token_type", "Bearer");
                    json.WriteString("issued_at", issued);
                    json.WriteString("signature", signature);
                    break;
                case TokenShape.ScopedWithSignature:
                    json.WriteString("signature", signature);
                    json.WriteString("scope", scope);
                    json.WriteString("instance_url", instanceUrl);
                    json.WriteString("id", identityUrl);
                    json.WriteString("token_type", "Bearer");
                    json.WriteString("issued_at", issued);
                    break;
                default:
                    json.WriteString("scope", scope);
                    json.WriteString("instance_url", instanceUrl);
                    json.WriteString("id", identityUrl);
                    json.WriteString("token_type", "Bearer");
                    break;
            }

            json.WriteEndObject();
        }

        return WriteAsync(context, StatusCodes.Status200OK, buffer);
    }

    /// <summary>Base64 HMAC-SHA256 of <paramref name="data"/> keyed with the client secret (Salesforce's <c>signature</c>).</summary>
    public static string Sign(string data, string clientSecret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(data)));

    private static async Task WriteAsync(HttpContext context, int status, ArrayBufferWriter<byte> buffer)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        context.Response.Headers.CacheControl = "no-cache,must-revalidate,max-age=0,no-store,private";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
