using System.Text.Json;
using SfBulk.Emulator.Fidelity;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV2;

/// <summary>The common prelude of every 2.0 request: bearer session, API version, and the addressed job.</summary>
internal static class V2Request
{
    /// <summary>Bulk API 2.0 ingest appeared in 41.0, query jobs in 47.0.</summary>
    public const decimal FirstIngestVersion = 41.0m;

    public const decimal FirstQueryVersion = 47.0m;

    /// <summary>The newest version the emulated org serves (Winter '27).</summary>
    public const decimal LatestVersion = 68.0m;

    /// <summary>Authenticates and checks the version; on failure the error is written and null returned.</summary>
    public static async Task<(EmulatedSession Session, string Version)?> BeginAsync(HttpContext context, OrgState state, JobKind kind)
    {
        var session = await V2Http.AuthenticateAsync(context, state).ConfigureAwait(false);
        if (session is null)
        {
            return null;
        }

        var version = context.Request.RouteValues["version"] as string;
        var number = V2Http.VersionNumber(version);
        if (number is { } n && n < 31.0m)
        {
            // Salesforce Help 005321531: REST API answers 410 GONE for retired versions (21.0 to 30.0).
            await V2Http.WriteErrorAsync(context, StatusCodes.Status410Gone, "GONE", "API version " + version + " is retired").ConfigureAwait(false);
            return null;
        }

        var first = kind == JobKind.V2Query ? FirstQueryVersion : FirstIngestVersion;
        if (number is null || number < first || number > LatestVersion)
        {
            await V2Http.WriteNotFoundAsync(context).ConfigureAwait(false);
            return null;
        }

        return (session, version!);
    }

    /// <summary>
    /// As <see cref="BeginAsync"/>, then finds the route's job; jobs of another kind (including Bulk 1.0 jobs) and
    /// deleted jobs are NOT_FOUND.
    /// </summary>
    public static async Task<(EmulatedSession Session, string Version, EmulatedJob Job)?> BeginJobAsync(HttpContext context, OrgState state, JobKind kind)
    {
        if (await BeginAsync(context, state, kind).ConfigureAwait(false) is not { } begun)
        {
            return null;
        }

        var job = state.FindJob(context.Request.RouteValues["jobId"] as string);
        if (job is null || job.Kind != kind)
        {
            await V2Http.WriteNotFoundAsync(context).ConfigureAwait(false);
            return null;
        }

        return (begun.Session, begun.Version, job);
    }

    /// <summary>As <see cref="BeginAsync"/>, then reads the JSON object body (the caller disposes it).</summary>
    public static async Task<(EmulatedSession Session, string Version, JsonDocument Body)?> BeginWithBodyAsync(HttpContext context, OrgState state, JobKind kind)
    {
        if (await BeginAsync(context, state, kind).ConfigureAwait(false) is not { } begun)
        {
            return null;
        }

        var body = await V2Http.ReadJsonObjectAsync(context).ConfigureAwait(false);
        return body is null ? null : (begun.Session, begun.Version, body);
    }

    /// <summary>As <see cref="BeginJobAsync"/>, then reads the <c>state</c> a PATCH body asks for.</summary>
    public static async Task<(EmulatedSession Session, EmulatedJob Job, string? Requested)?> BeginStateChangeAsync(HttpContext context, OrgState state, JobKind kind)
    {
        if (await BeginJobAsync(context, state, kind).ConfigureAwait(false) is not { } begun)
        {
            return null;
        }

        using var body = await V2Http.ReadJsonObjectAsync(context).ConfigureAwait(false);
        return body is null ? null : (begun.Session, begun.Job, body.RootElement.GetString("state"));
    }

    /// <summary>Answers a PATCH: the refusal as a 400 error array, or else the changed job.</summary>
    public static Task EndStateChangeAsync(HttpContext context, EmulatedJob job, (string Code, string Message)? error, DateTimeOffset now) =>
        error is { } refused
            ? V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, refused.Code, refused.Message)
            : V2IngestEndpoints.WriteJobAsync(context, job, V2JobInfoWriter.Shape.Change, now);

    /// <summary>
    /// The message of an invalid abort/close: e.g. "Aborting already Completed Job not allowed" (documented for query
    /// aborts; the other combinations follow the same pattern, unverified).
    /// </summary>
    /// <summary>The refusal of a state change for a job no longer open, as the v2StateChangeRefusal variant says.</summary>
    public static (string Code, string Message) Refusal(string verb, string currentState, V2StateChangeRefusal variant) => variant switch
    {
        V2StateChangeRefusal.InvalidJobStateOtherWording => ("INVALIDJOBSTATE", "Job is in invalid state for this operation: " + currentState),
        V2StateChangeRefusal.ApiError => ("API_ERROR", "Error encountered when updating the job"),
        _ => ("INVALIDJOBSTATE", TransitionNotAllowed(verb, currentState)),
    };

    public static string TransitionNotAllowed(string verb, string currentState) =>
        verb + " already " + (currentState == JobStates.JobComplete ? "Completed" : currentState) + " Job not allowed";
}
