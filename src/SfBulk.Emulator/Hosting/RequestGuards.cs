using Microsoft.AspNetCore.Http.Features;
using SfBulk.Emulator.Control;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator;

/// <summary>
/// The first middleware of the emulator: it admits only loopback <c>Host</c> names (a web page cannot reach the
/// emulator through DNS rebinding), caps the bodies of the small routes (SOAP and OAuth login, everything under
/// <c>/_emulator</c>) before any byte is read, requires the control token on <c>/_emulator</c>, and turns a full org
/// into a clear error.
/// </summary>
internal static class RequestGuards
{
    public static WebApplication UseRequestGuards(this WebApplication app)
    {
        var token = app.Services.GetRequiredService<ControlAccess>();
        var state = app.Services.GetRequiredService<OrgState>();
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!IsLoopbackName(request.Host.Host))
            {
                await ControlJson.ErrorAsync(context, StatusCodes.Status421MisdirectedRequest, "The emulator answers only requests addressed to 127.0.0.1, localhost or [::1].").ConfigureAwait(false);
                return;
            }

            var isControl = ApiRoutes.IsControlPath(request.Path);
            if (isControl || IsLoginPath(request.Path))
            {
                if (request.ContentLength > Limits.MaxSmallBodyBytes)
                {
                    await TooLargeAsync(context).ConfigureAwait(false);
                    return;
                }

                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = Limits.MaxSmallBodyBytes;
                }
            }

            if (isControl && !token.Admits(request))
            {
                context.Response.Headers.WWWAuthenticate = ControlAccess.HeaderName;
                await ControlJson.ErrorAsync(context, StatusCodes.Status401Unauthorized, $"The control surface needs the header {ControlAccess.HeaderName} with the token the emulator printed when it started (EmulatorServer.ControlToken in process), or an emulator started with --open-control.").ConfigureAwait(false);
                return;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                await TooLargeAsync(context).ConfigureAwait(false);
            }
            catch (EmulatedOrgFullException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                if (isControl)
                {
                    await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
                }
                else
                {
                    var dialect = ApiDialects.Of(context, state);
                    var code = dialect is ApiDialect.BulkV1Xml or ApiDialect.BulkV1Json ? "ExceededQuota" : "LIMIT_EXCEEDED";
                    await FaultResponses.WriteErrorAsync(context, dialect, StatusCodes.Status400BadRequest, code, e.Message).ConfigureAwait(false);
                }
            }
        });
        return app;
    }

    /// <summary>127.0.0.1 (any 127.x.y.z), localhost (and names under it) and [::1].</summary>
    internal static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || host == "[::1]"
        || (host.StartsWith("127.", StringComparison.Ordinal) && System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));

    private static bool IsLoginPath(PathString path) =>
        path.StartsWithSegments("/services/Soap", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/services/oauth2", StringComparison.OrdinalIgnoreCase);

    private static Task TooLargeAsync(HttpContext context) =>
        ControlJson.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {Limits.MaxSmallBodyBytes / 1024} KB, the most this route reads.");
}
