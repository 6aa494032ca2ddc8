using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>
/// Maps Bulk API 1.0 under /services/async/{version}. Every route shares one pipeline: 405 for methods the resource
/// does not take, the API version check, <c>X-SFDC-Session</c> validation (400 <c>InvalidSessionId</c>), the job
/// lookup (400 <c>InvalidJob</c>), and errors rendered in the job's dialect (XML for CSV/XML jobs, JSON for JSON
/// jobs; before the job is known, by the request's Content-Type, XML by default).
/// </summary>
internal static class BulkV1Endpoints
{
    private const string Base = "/services/async/{version}";

    public static IEndpointRouteBuilder MapBulkV1Endpoints(this IEndpointRouteBuilder app)
    {
        var state = app.ServiceProvider.GetRequiredService<OrgState>();
        Map(app, state, "/job", null, JobHandlers.CreateAsync);
        Map(app, state, "/job/{jobId}", JobHandlers.GetAsync, JobHandlers.UpdateAsync);
        Map(app, state, "/job/{jobId}/batch", BatchHandlers.ListAsync, BatchHandlers.AddAsync);
        Map(app, state, "/job/{jobId}/batch/{batchId}", BatchHandlers.InfoAsync, null);
        Map(app, state, "/job/{jobId}/batch/{batchId}/request", BatchHandlers.RequestAsync, null);
        Map(app, state, "/job/{jobId}/batch/{batchId}/result", ResultHandlers.ListAsync, null);
        Map(app, state, "/job/{jobId}/batch/{batchId}/result/{resultId}", ResultHandlers.FileAsync, null);
        if (state.Options.EnableControlSurface)
        {
            app.MapClassicJobSeedEndpoints();
        }

        return app;
    }

    private static void Map(IEndpointRouteBuilder app, OrgState state, string pattern, Func<V1Call, Task>? get, Func<V1Call, Task>? post)
    {
        var allow = get is not null && post is not null ? "GET, POST" : get is not null ? "GET" : "POST";
        app.Map(Base + pattern, context => HandleAsync(context, state, allow, get, post));
    }

    private static async Task HandleAsync(HttpContext context, OrgState state, string allow, Func<V1Call, Task>? get, Func<V1Call, Task>? post)
    {
        var handler = HttpMethods.IsGet(context.Request.Method) ? get : HttpMethods.IsPost(context.Request.Method) ? post : null;
        if (handler is null)
        {
            await V1Responses.WriteMethodNotAllowed(context, allow).ConfigureAwait(false);
            return;
        }

        var routeJobId = context.Request.RouteValues["jobId"] as string;
        // Bulk API 1.0 answers only for its own (Classic) jobs; a 2.0 job id gets InvalidJob like any unknown id.
        // Whether Salesforce's 1.0 routes also serve 2.0 jobs is unverified; clients detect the API by this answer.
        var job = routeJobId is null ? null : state.FindJob(routeJobId) is { Kind: JobKind.Classic } found ? found : null;
        var format = job is null ? Wire.ForRequest(context.Request.ContentType) : Wire.ForJob(job.ContentType);
        try
        {
            var version = context.Request.RouteValues["version"] as string ?? string.Empty;
            if (!IsVersion(version))
            {
                // Code from wsc's AsyncExceptionCode; message unverified.
                throw new V1Exception(ExceptionCodes.InvalidVersion, "Invalid Api version specified on URL: " + version);
            }

            var session = state.Sessions.Validate(context.Request.Headers["X-SFDC-Session"].ToString());
            if (session is null)
            {
                throw new V1Exception(ExceptionCodes.InvalidSessionId, "Invalid session id");
            }

            if (routeJobId is not null && job is null)
            {
                // Code per the doc's description of InvalidJob; message unverified.
                throw new V1Exception(ExceptionCodes.InvalidJob, "Invalid job id: " + routeJobId);
            }

            var call = new V1Call { Context = context, State = state, Session = session, Version = version, Format = format, Job = job };
            await handler(call).ConfigureAwait(false);
        }
        catch (V1Exception error) when (!context.Response.HasStarted)
        {
            await V1Responses.WriteErrorAsync(context, format, error).ConfigureAwait(false);
        }
    }

    /// <summary>Versions look like <c>66.0</c>: digits, a dot, digits.</summary>
    private static bool IsVersion(string version)
    {
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == version.Length - 1 || version.Length > 8 || version[0] == '0')
        {
            return false;
        }

        foreach (var c in version.AsSpan().Slice(0, dot))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        foreach (var c in version.AsSpan(dot + 1))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
