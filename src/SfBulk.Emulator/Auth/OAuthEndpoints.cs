using System.Net.Http.Headers;
using System.Text;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Auth;

/// <summary>Maps the OAuth 2.0 token endpoint /services/oauth2/token.</summary>
/// <remarks>
/// Grant types: <c>password</c>, <c>client_credentials</c> (form or HTTP Basic client authentication),
/// <c>refresh_token</c> and <c>urn:ietf:params:oauth:grant-type:jwt-bearer</c>. None of these flows returns a
/// refresh token (Salesforce issues them only in interactive flows, which the emulator does not offer).
/// </remarks>
internal static class OAuthEndpoints
{
    public const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var state = app.ServiceProvider.GetRequiredService<OrgState>();
        var keys = new JwtKeyStore(state.Options.JwtCertificatePem);
        app.MapPost("/services/oauth2/token", (RequestDelegate)(context => TokenAsync(context, state, keys)));
        if (state.Options.EnableControlSurface)
        {
            app.MapJwtCertificateControlEndpoint(keys);
            app.MapRefreshTokenControlEndpoint(state);
        }

        return app;
    }

    private static async Task TokenAsync(HttpContext context, OrgState state, JwtKeyStore keys)
    {
        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false)
            : FormCollection.Empty;
        string? Field(string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

        var options = state.Options;
        switch (Field("grant_type"))
        {
            case "password":
            {
                if (CheckClient(Field("client_id"), Field("client_secret"), options, secretRequired: true) is { } clientError)
                {
                    await OAuthResponses.WriteErrorAsync(context, clientError.Error, clientError.Description).ConfigureAwait(false);
                    return;
                }

                var user = Field("username") is { } name ? state.FindUser(name) : null;
                if (user is null || !string.Equals(Field("password"), user.Password + user.SecurityToken, StringComparison.Ordinal))
                {
                    await OAuthResponses.WriteErrorAsync(context, "invalid_grant", "authentication failure").ConfigureAwait(false);
                    return;
                }

                await IssueAsync(context, state, user, OAuthResponses.TokenShape.Password).ConfigureAwait(false);
                return;
            }

            case "client_credentials":
            {
                var (clientId, clientSecret) = BasicCredentials(context.Request) ?? (Field("client_id"), Field("client_secret"));
                if (CheckClient(clientId, clientSecret, options, secretRequired: true) is { } clientError)
                {
                    await OAuthResponses.WriteErrorAsync(context, clientError.Error, clientError.Description).ConfigureAwait(false);
                    return;
                }

                var runAs = options.ClientCredentialsRunAs is { } runAsName ? state.FindUser(runAsName) : state.DefaultUser;
                if (runAs is null)
                {
                    await OAuthResponses.WriteErrorAsync(context, "invalid_grant", "no client credentials user enabled").ConfigureAwait(false);
                    return;
                }

                await IssueAsync(context, state, runAs, OAuthResponses.TokenShape.ScopedWithSignature).ConfigureAwait(false);
                return;
            }

            case "refresh_token":
            {
                if (CheckClient(Field("client_id"), Field("client_secret"), options, secretRequired: false) is { } clientError)
                {
                    await OAuthResponses.WriteErrorAsync(context, clientError.Error, clientError.Description).ConfigureAwait(false);
                    return;
                }

                var user = Field("refresh_token") is { } token ? state.Sessions.RedeemRefreshToken(token) : null;
                if (user is null)
                {
                    await OAuthResponses.WriteErrorAsync(context, "invalid_grant", "expired access/refresh token").ConfigureAwait(false);
                    return;
                }

                await IssueAsync(context, state, user, OAuthResponses.TokenShape.ScopedWithSignature).ConfigureAwait(false);
                return;
            }

            case JwtBearerGrant:
            {
                var result = JwtBearerValidator.Validate(Field("assertion"), keys, state, context.Request.BaseUrl());
                if (result.User is null)
                {
                    await OAuthResponses.WriteErrorAsync(context, result.Error!, result.Description!).ConfigureAwait(false);
                    return;
                }

                await IssueAsync(context, state, result.User, OAuthResponses.TokenShape.JwtBearer).ConfigureAwait(false);
                return;
            }

            default:
                await OAuthResponses.WriteErrorAsync(context, "unsupported_grant_type", "grant type not supported").ConfigureAwait(false);
                return;
        }
    }

    private static Task IssueAsync(HttpContext context, OrgState state, EmulatedUser user, OAuthResponses.TokenShape shape)
    {
        var session = state.Sessions.Create(user);
        return OAuthResponses.WriteTokenAsync(
            context, shape, session.Token, context.Request.IdentityUrl(state.OrgId, user.Id), session.Created, state.Options.ClientSecret, "api");
    }

    private static (string Error, string Description)? CheckClient(string? clientId, string? clientSecret, EmulatorOptions options, bool secretRequired)
    {
        if (!string.Equals(clientId, options.ClientId, StringComparison.Ordinal))
        {
            return ("invalid_client_id", "client identifier invalid");
        }

        if ((secretRequired || clientSecret is not null) && !string.Equals(clientSecret, options.ClientSecret, StringComparison.Ordinal))
        {
            return ("invalid_client", "invalid client credentials");
        }

        return null;
    }

    private static (string? Id, string? Secret)? BasicCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (decoded, null) : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
