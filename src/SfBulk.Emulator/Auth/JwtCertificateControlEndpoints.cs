using System.Text;

namespace SfBulk.Emulator.Auth;

/// <summary>
/// Control surface: <c>POST /_emulator/oauth/jwt-certificate</c> with a PEM certificate or RSA public key as the body
/// registers it as the connected app's JWT signing certificate (204), replacing any earlier one; bad PEM → 400.
/// </summary>
internal static class JwtCertificateControlEndpoints
{
    private const int MaxPemBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapJwtCertificateControlEndpoint(this IEndpointRouteBuilder app, JwtKeyStore keys)
    {
        app.MapPost("/_emulator/oauth/jwt-certificate", (RequestDelegate)(context => RegisterAsync(context, keys)));
        return app;
    }

    private static async Task RegisterAsync(HttpContext context, JwtKeyStore keys)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length is 0 or > MaxPemBytes)
        {
            await OAuthResponses.WriteErrorAsync(context, "invalid_request", "the body must be a PEM certificate or RSA public key").ConfigureAwait(false);
            return;
        }

        if (!keys.TrySet(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), out _))
        {
            await OAuthResponses.WriteErrorAsync(context, "invalid_request", "the body is not a PEM certificate or RSA public key").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
