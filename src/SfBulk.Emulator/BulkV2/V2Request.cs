using Microsoft.AspNetCore.Http;
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

    /// <summary>
    /// The message of an invalid abort/close: e.g. "Aborting already Completed Job not allowed" (documented for query
    /// aborts; the other combinations follow the same pattern, unverified).
    /// </summary>
    public static string TransitionNotAllowed(string verb, string currentState) =>
        verb + " already " + (currentState == JobStates.JobComplete ? "Completed" : currentState) + " Job not allowed";
}
