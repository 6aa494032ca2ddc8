using SfBulk.Emulator.Fidelity;
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
        // Bulk API 1.0 answers for its own (Classic) jobs. What it answers for a 2.0 job id is undocumented: the
        // v1RouteForV2Job variant decides (InvalidJob like any unknown id, the job's JobInfo, or 404).
        var found = routeJobId is null ? null : state.FindJob(routeJobId);
        var variant = state.Variants.V1RouteForV2Job;
        var servesV2 = found is { Kind: not JobKind.Classic } && variant == V1RouteForV2Job.JobInfo && context.Request.RouteValues["batchId"] is null
            && !context.Request.Path.Value!.EndsWith("/batch", StringComparison.Ordinal);
        var job = found is { Kind: JobKind.Classic } || servesV2 ? found : null;
        var format = job is null ? Wire.ForRequest(context.Request.ContentType) : Wire.ForJob(job.ContentType);
        try
        {
            var version = context.Request.RouteValues["version"] as string ?? string.Empty;
            if (!IsVersion(version))
            {
                // Code from wsc's AsyncExceptionCode; message unverified.
                throw new V1Exception(ExceptionCodes.InvalidVersion, "Invalid Api version specified on URL: " + version);
            }

            if (IsRetired(version))
            {
                // Salesforce Help 005321531: retired versions (21.0 to 30.0) answer 400 InvalidVersion on Bulk API 1.0.
                throw new V1Exception(ExceptionCodes.InvalidVersion, "API version " + version + " is retired: use version " + FirstSupportedVersion + " or later");
            }

            var session = state.Sessions.Validate(context.Request.Headers["X-SFDC-Session"].ToString());
            if (session is null)
            {
                throw new V1Exception(ExceptionCodes.InvalidSessionId, "Invalid session id");
            }

            if (routeJobId is not null && job is null)
            {
                // Code per the doc's description of InvalidJob; message unverified. The 404 is a variant for 2.0 ids.
                var status = found is not null && variant == V1RouteForV2Job.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
                throw new V1Exception(ExceptionCodes.InvalidJob, "Invalid job id: " + routeJobId, status);
            }

            var call = new V1Call { Context = context, State = state, Session = session, Version = version, Format = format, Job = job };
            await handler(call).ConfigureAwait(false);
        }
        catch (V1Exception error) when (!context.Response.HasStarted)
        {
            await V1Responses.WriteErrorAsync(context, format, error).ConfigureAwait(false);
        }
    }

    /// <summary>The oldest API version Salesforce still serves (21.0 to 30.0 were retired in Summer '25).</summary>
    public const string FirstSupportedVersion = "31.0";

    /// <summary>True for a well-formed version below <see cref="FirstSupportedVersion"/>.</summary>
    public static bool IsRetired(string version) =>
        int.TryParse(version.AsSpan(0, version.IndexOf('.', StringComparison.Ordinal)), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major) && major < 31;

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
