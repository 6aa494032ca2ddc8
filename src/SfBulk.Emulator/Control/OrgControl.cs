using System.Text.Json;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Control;

/// <summary>Health, org description and session expiry.</summary>
internal static class OrgControl
{
    /// <summary><c>GET /_emulator/health</c> → <c>{"status":"ok"}</c>.</summary>
    public static Task HealthAsync(HttpContext context) =>
        ControlJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteEndObject();
        });

    /// <summary><c>GET /_emulator/org</c> → org id and users (ids and user names; never passwords).</summary>
    public static Task OrgAsync(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<OrgState>();
        return ControlJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteString("orgId", state.OrgId);
            json.WriteStartArray("users");
            foreach (var user in state.Users)
            {
                json.WriteStartObject();
                json.WriteString("id", user.Id);
                json.WriteString("username", user.Username);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// <c>POST /_emulator/sessions/expire</c>: no body expires every session, <c>{"token":"…"}</c> one.
    /// Answers <c>{"expired":N}</c>; the token is never echoed.
    /// </summary>
    public static async Task ExpireSessionsAsync(HttpContext context)
    {
        var (document, error) = await ControlJson.ReadObjectAsync(context, allowEmpty: true).ConfigureAwait(false);
        if (error is not null)
        {
            await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        string? token = null;
        using (document)
        {
            foreach (var member in document?.RootElement.EnumerateObject() ?? default)
            {
                if (member.Name != "token" || member.Value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(member.Value.GetString()))
                {
                    await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "The body may only hold a non-empty string 'token'.").ConfigureAwait(false);
                    return;
                }

                token = member.Value.GetString();
            }
        }

        var expired = context.RequestServices.GetRequiredService<OrgState>().Sessions.Expire(token);
        await ControlJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("expired", expired);
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
