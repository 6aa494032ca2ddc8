using SfBulk.Emulator.Control;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Auth;

/// <summary>
/// Control surface: <c>POST /_emulator/oauth/refresh-token</c> with <c>{"username":"…"}</c> (default: the org's
/// default user) mints a refresh token for that user, as the web-server or user-agent flow would after a person
/// approved the connected app in a browser. Answers <c>{"refresh_token":"…"}</c>; an unknown user → 404.
/// </summary>
internal static class RefreshTokenControlEndpoints
{
    public static IEndpointRouteBuilder MapRefreshTokenControlEndpoint(this IEndpointRouteBuilder app, OrgState state)
    {
        app.MapPost("/_emulator/oauth/refresh-token", (RequestDelegate)(context => MintAsync(context, state)));
        return app;
    }

    private static async Task MintAsync(HttpContext context, OrgState state)
    {
        var (document, error) = await ControlJson.ReadObjectAsync(context, allowEmpty: true).ConfigureAwait(false);
        using (document)
        {
            if (error is not null)
            {
                await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
                return;
            }

            var username = document is not null && document.RootElement.TryGetProperty("username", out var name) && name.ValueKind == System.Text.Json.JsonValueKind.String
                ? name.GetString()!
                : state.DefaultUser.Username;
            var user = state.FindUser(username);
            if (user is null)
            {
                await ControlJson.ErrorAsync(context, StatusCodes.Status404NotFound, $"No user '{username}' in the emulated org.").ConfigureAwait(false);
                return;
            }

            var token = state.Sessions.CreateRefreshToken(user);
            await ControlJson.WriteAsync(context, StatusCodes.Status200OK, json =>
            {
                json.WriteStartObject();
                json.WriteString("refresh_token", token);
                json.WriteEndObject();
            }).ConfigureAwait(false);
        }
    }
}
