using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Control;

/// <summary>Middleware that counts every API request and applies injected faults before the endpoint runs.</summary>
/// <remarks>
/// It runs after routing (WebApplication routes first), so the matched endpoint's route pattern is known. Requests
/// that match no endpoint, and everything under <c>/_emulator</c>, are neither counted nor faulted. A faulted
/// request still counts: it reached the server, as a call that Salesforce would bill does.
/// </remarks>
internal static class RequestPipeline
{
    public static WebApplication UseRequestCountingAndFaults(this WebApplication app)
    {
        var counter = app.Services.GetRequiredService<RequestCounter>();
        var faults = app.Services.GetRequiredService<FaultInjector>();
        var state = app.Services.GetRequiredService<OrgState>();
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is not RouteEndpoint endpoint || ApiRoutes.IsControlPath(context.Request.Path))
            {
                return next(context);
            }

            var route = counter.Count(endpoint, context.Request.Method);
            if (faults.Rules.Count == 0 || faults.Pick(route.Key) is not { } rule)
            {
                return next(context);
            }

            return ApplyAsync(context, next, rule.Spec, state);
        });
        return app;
    }

    private static async Task ApplyAsync(HttpContext context, RequestDelegate next, FaultRuleSpec spec, OrgState state)
    {
        switch (spec.Kind)
        {
            case FaultKind.Status:
                await FaultResponses.WriteStatusAsync(context, ApiDialects.Of(context, state), spec).ConfigureAwait(false);
                break;
            case FaultKind.RequestLimitExceeded:
                await FaultResponses.WriteRequestLimitAsync(context, ApiDialects.Of(context, state), spec).ConfigureAwait(false);
                break;
            case FaultKind.Latency:
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(spec.LatencyMs), context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                await next(context).ConfigureAwait(false);
                break;
            case FaultKind.LatencyAfter:
                await RunThenDelayAsync(context, next, spec.LatencyMs).ConfigureAwait(false);
                break;
            case FaultKind.DropBefore:
                context.Abort();
                break;
            case FaultKind.DropAfter:
                await RunThenDropAsync(context, next).ConfigureAwait(false);
                break;
            default:
                if (SessionToken(context.Request) is { } token)
                {
                    state.Sessions.Expire(token);
                }

                await next(context).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Runs the endpoint into a buffer, waits, then sends what it wrote. A client that gave up meanwhile gets nothing,
    /// but the endpoint's state changes have happened.
    /// </summary>
    private static async Task RunThenDelayAsync(HttpContext context, RequestDelegate next, int latencyMs)
    {
        var original = context.Response.Body;
        using var buffer = await RunIntoBufferAsync(context, next).ConfigureAwait(false);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(latencyMs), context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up waiting: nothing to send.
        }
    }

    /// <summary>Runs the endpoint into a buffer (nothing reaches the wire), then aborts the connection.</summary>
    private static async Task RunThenDropAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            using var buffer = await RunIntoBufferAsync(context, next).ConfigureAwait(false);
        }
        finally
        {
            context.Abort();
        }
    }

    /// <summary>Runs the endpoint with the response body redirected into a buffer, which the caller owns.</summary>
    private static async Task<MemoryStream> RunIntoBufferAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
            return buffer;
        }
        catch
        {
            await buffer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    /// <summary>The caller's session: Bulk 1.0 <c>X-SFDC-Session</c>, else an <c>Authorization: Bearer|OAuth</c> token.</summary>
    private static string? SessionToken(HttpRequest request)
    {
        var session = request.Headers["X-SFDC-Session"].ToString();
        if (session.Length > 0)
        {
            return session.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        foreach (var scheme in (ReadOnlySpan<string>)["Bearer ", "OAuth "])
        {
            if (authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                var token = authorization[scheme.Length..].Trim();
                return token.Length > 0 ? token : null;
            }
        }

        return null;
    }
}
