using System.Globalization;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Auth;

/// <summary>Maps SOAP login() at /services/Soap/u/{version}.</summary>
/// <remarks>
/// Versions below 31.0 are retired (UNSUPPORTED_API_VERSION). Salesforce announced that login() is not available in
/// API 65.0 and later; the exact fault it returns there is not documented in our sources (unverified), so the
/// emulator answers those versions with an UNSUPPORTED_API_VERSION fault too, which makes clients fall back to
/// 64.0 or lower or switch to OAuth.
/// </remarks>
internal static class SoapLoginEndpoints
{
    /// <summary>The first API version without SOAP login().</summary>
    public const decimal FirstVersionWithoutLogin = 65.0m;

    /// <summary>The oldest version still served (21.0–30.0 were retired in Summer '25).</summary>
    public const decimal OldestSupportedVersion = 31.0m;

    public static IEndpointRouteBuilder MapSoapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        var state = app.ServiceProvider.GetRequiredService<OrgState>();
        app.MapPost("/services/Soap/u/{version}", (RequestDelegate)(context => LoginAsync(context, state)));
        return app;
    }

    private static async Task LoginAsync(HttpContext context, OrgState state)
    {
        var version = context.Request.RouteValues["version"] as string ?? string.Empty;
        if (!TryParseVersion(version, out var number) || number < OldestSupportedVersion)
        {
            await WriteAsync(context, SoapEnvelopes.ApiFault("UNSUPPORTED_API_VERSION", "Invalid Api version specified on URL", "UnexpectedErrorFault")).ConfigureAwait(false);
            return;
        }

        if (number >= FirstVersionWithoutLogin)
        {
            await WriteAsync(context, SoapEnvelopes.ApiFault(
                "UNSUPPORTED_API_VERSION",
                "login() is not available in API version 65.0 and later; use OAuth 2.0 or API version 64.0 or earlier",
                "UnexpectedErrorFault")).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        buffer.Position = 0;
        var call = SoapLoginRequest.Parse(buffer);
        if (call.Error is not null)
        {
            await WriteAsync(context, SoapEnvelopes.ClientFault(call.Error)).ConfigureAwait(false);
            return;
        }

        var user = call.Username is null ? null : state.FindUser(call.Username);
        if (user is null || !string.Equals(call.Password, user.Password + user.SecurityToken, StringComparison.Ordinal))
        {
            await WriteAsync(context, SoapEnvelopes.InvalidLoginFault()).ConfigureAwait(false);
            return;
        }

        var session = state.Sessions.Create(user);
        var body = SoapEnvelopes.LoginResponse(context.Request.BaseUrl(), version, state, user, session.Token);
        await WriteAsync(context, body, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private static bool TryParseVersion(string version, out decimal number)
    {
        number = 0;
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot == version.Length - 2
            && decimal.TryParse(version, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static Task WriteAsync(HttpContext context, string body, int status = StatusCodes.Status500InternalServerError)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = SoapEnvelopes.ContentType;
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
