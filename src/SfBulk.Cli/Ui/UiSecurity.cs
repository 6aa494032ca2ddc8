using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace SfBulk.Cli.Ui;

/// <summary>
/// The gate every request passes: a loopback <c>Host</c> (no DNS rebinding), the access token (once, in the URL) or
/// the HttpOnly SameSite=Strict cookie it was exchanged for, and for every state change a POST from the page's own
/// origin carrying the anti-forgery token. Adds the security headers (a CSP without inline script) to every answer.
/// </summary>
internal static class UiSecurity
{
    public const string CookieName = "sfbulk_ui";

    public const string AntiForgeryHeader = "X-SfBulk-Csrf";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseUiSecurity(this IApplicationBuilder app, UiSecrets secrets, Func<int> port) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var response = context.Response;
            var headers = response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers.CacheControl = "no-store";

            if (!IsLoopbackHost(request.Host, port()))
            {
                await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest, "This page answers only at 127.0.0.1 or localhost.").ConfigureAwait(false);
                return;
            }

            if (HttpMethods.IsGet(request.Method) && request.Query.TryGetValue("token", out var token))
            {
                if (!UiSecrets.Matches(token.ToString(), secrets.AccessToken))
                {
                    await RefuseAsync(context, StatusCodes.Status401Unauthorized, "The access token is wrong. Open the URL 'sfbulk ui' printed.").ConfigureAwait(false);
                    return;
                }

                response.Cookies.Append(CookieName, secrets.CookieValue, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Path = "/",
                    IsEssential = true,
                });
                response.Headers.Location = (request.PathBase + request.Path).ToString();
                response.StatusCode = StatusCodes.Status303SeeOther;
                return;
            }

            if (!UiSecrets.Matches(request.Cookies[CookieName], secrets.CookieValue))
            {
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, "Open the URL 'sfbulk ui' printed (it holds the access token).").ConfigureAwait(false);
                return;
            }

            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                var expectedOrigin = "http://" + request.Host.Value;
                if (!HttpMethods.IsPost(request.Method)
                    || !string.Equals(request.Headers.Origin.ToString(), expectedOrigin, StringComparison.Ordinal)
                    || !UiSecrets.Matches(Single(request.Headers[AntiForgeryHeader]), secrets.AntiForgeryToken))
                {
                    await RefuseAsync(context, StatusCodes.Status403Forbidden, "Refused: a change must be a POST from this page (origin and anti-forgery token checked).").ConfigureAwait(false);
                    return;
                }
            }

            await next(context).ConfigureAwait(false);
        });

    internal static bool IsLoopbackHost(HostString host, int port) =>
        host.Port == port && host.Host is "127.0.0.1" or "localhost";

    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message);
    }
}
