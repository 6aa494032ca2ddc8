using SfBulk.Wire;

namespace SfBulk.Jobs;

/// <summary>Where a job lives: Bulk 1.0, or a Bulk 2.0 list (<c>ingest</c> or <c>query</c>).</summary>
internal readonly record struct JobRoute(BulkApi Api, string Kind)
{
    public static JobRoute V1 { get; } = new(BulkApi.V1, "async");

    public static JobRoute V2Ingest { get; } = new(BulkApi.V2, "ingest");

    public static JobRoute V2Query { get; } = new(BulkApi.V2, "query");

    public bool IsQuery => Api == BulkApi.V2 && string.Equals(Kind, "query", StringComparison.Ordinal);

    public string JobPath(string version, string jobId) =>
        Api == BulkApi.V1 ? $"services/async/{version}/job/{jobId}" : $"services/data/v{version}/jobs/{Kind}/{jobId}";

    public ApiRequest Get(string version, string jobId, BulkDialect dialect) => Api == BulkApi.V1
        ? new ApiRequest(HttpMethod.Get, JobPath(version, jobId), ApiFamily.BulkV1, Accept: Accept(dialect), IsIdempotent: true)
        : new ApiRequest(HttpMethod.Get, JobPath(version, jobId), ApiFamily.Rest, Accept: "application/json", IsIdempotent: true);

    /// <summary>The close/abort request: 1.0 POST with a state-only jobInfo, 2.0 PATCH with <c>{"state":…}</c>.</summary>
    public ApiRequest ChangeState(string version, string jobId, BulkJobState state, BulkDialect dialect) => Api == BulkApi.V1
        ? new ApiRequest(
            HttpMethod.Post,
            JobPath(version, jobId),
            ApiFamily.BulkV1,
            dialect == BulkDialect.Json ? RequestBodies.V1Json(state) : RequestBodies.V1Xml(state),
            dialect == BulkDialect.Json ? RequestBodies.JsonContentType : RequestBodies.XmlContentType,
            Accept(dialect))
        : new ApiRequest(HttpMethod.Patch, JobPath(version, jobId), ApiFamily.Rest, RequestBodies.V2Patch(state), RequestBodies.JsonContentType, "application/json");

    /// <summary>
    /// The wire state that closes or aborts a job on this route: the one place a <see cref="CloseJobState"/> (what is
    /// asked) becomes a <see cref="BulkJobState"/> (what Salesforce's API says): Bulk 1.0 <c>Closed</c>, Bulk 2.0
    /// <c>UploadComplete</c>, or <c>Aborted</c> on both.
    /// </summary>
    public BulkJobState WireState(CloseJobState target) =>
        target == CloseJobState.Aborted ? BulkJobState.Aborted : Api == BulkApi.V1 ? BulkJobState.Closed : BulkJobState.UploadComplete;

    /// <summary>True when <paramref name="state"/> already is what <paramref name="target"/> asks for.</summary>
    public bool Satisfies(BulkJobState state, CloseJobState target) =>
        target == CloseJobState.Aborted
            ? state == BulkJobState.Aborted
            : state == BulkJobState.Closed || state == BulkJobState.UploadComplete || state == BulkJobState.InProgress || state == BulkJobState.JobComplete;

    /// <summary>
    /// True when a success answer on this route shows the change done: 1.0 <c>Closed</c> or <c>Aborted</c> exactly, 2.0 as
    /// <see cref="Satisfies"/>. A 1.0 answer in any other state did not close the job.
    /// </summary>
    public bool Reached(BulkJobState state, CloseJobState target) =>
        Api == BulkApi.V1
            ? state == WireState(target)
            : Satisfies(state, target);

    public override string ToString() => Api == BulkApi.V1 ? "Bulk API 1.0" : $"Bulk API 2.0 {Kind}";

    private static string Accept(BulkDialect dialect) => dialect == BulkDialect.Json ? "application/json" : "application/xml";
}
