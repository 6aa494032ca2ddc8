using System.Text.Json;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV2;

/// <summary>
/// Control surface: <c>POST /_emulator/jobs/v2</c> creates Bulk 2.0 jobs directly in a given state, for tests.
/// Body: <c>{"count":500,"kind":"V2Ingest"|"V2Query","object":"Account","operation":"insert","state":"Open",
/// "createdBy":"admin@sfbulk.test","ageSeconds":3600,"apiVersion":"66.0"}</c> (all optional); answers 200 with the
/// JSON array of the new ids. Seeded jobs stay in the given state (nothing is scheduled on their timelines).
/// </summary>
internal static class V2JobSeedEndpoints
{
    public const int MaxCount = 100_000;

    private static readonly string[] IngestStates = [JobStates.Open, JobStates.UploadComplete, JobStates.InProgress, JobStates.JobComplete, JobStates.Failed, JobStates.Aborted];
    private static readonly string[] QueryStates = [JobStates.UploadComplete, JobStates.InProgress, JobStates.JobComplete, JobStates.Failed, JobStates.Aborted];

    public static IEndpointRouteBuilder MapV2JobSeedEndpoints(this IEndpointRouteBuilder app, OrgState state)
    {
        app.MapPost("/_emulator/jobs/v2", (RequestDelegate)(context => SeedAsync(context, state)));
        return app;
    }

    private static async Task SeedAsync(HttpContext context, OrgState state)
    {
        using var body = await V2Http.ReadJsonObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var root = body.RootElement;
        var count = GetLong(root, "count") ?? 1;
        var kindText = root.GetString("kind") ?? "V2Ingest";
        var isQuery = kindText == "V2Query";
        var objectName = root.GetString("object") ?? "Account";
        var operation = root.GetString("operation") ?? (isQuery ? "query" : "insert");
        var jobState = root.GetString("state") ?? (isQuery ? JobStates.UploadComplete : JobStates.Open);
        var createdBy = root.GetString("createdBy");
        var age = GetLong(root, "ageSeconds") ?? 0;
        var version = root.GetString("apiVersion") ?? "66.0";
        var user = createdBy is null ? state.DefaultUser : state.FindUser(createdBy);
        var error = count is < 1 or > MaxCount ? "count must be between 1 and " + MaxCount
            : kindText is not ("V2Ingest" or "V2Query") ? "kind must be V2Ingest or V2Query"
            : !(isQuery ? QueryStates : IngestStates).Contains(jobState, StringComparer.Ordinal) ? "state " + jobState + " is not a state of a " + kindText + " job"
            : user is null ? "createdBy names no user of the org"
            : age < 0 ? "ageSeconds must not be negative"
            : !V2Http.IsVersion(version) ? "apiVersion must look like 66.0"
            : null;
        if (error is not null)
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_SEED", error).ConfigureAwait(false);
            return;
        }

        if (count > state.JobsLeft)
        {
            // Refused whole, before any job is created (the guard middleware writes the error).
            throw new EmulatedOrgFullException("jobs", state.Options.MaxJobs, nameof(EmulatorOptions.MaxJobs));
        }

        var created = state.Now - TimeSpan.FromSeconds(age);
        var kind = isQuery ? JobKind.V2Query : JobKind.V2Ingest;
        var records = state.Options.ObjectRecordCounts.TryGetValue(objectName, out var n) ? n : 0;
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            var id = state.NewJobId(out var sequence);
            var job = new EmulatedJob(id, kind, created, jobState)
            {
                Sequence = sequence,
                Operation = operation,
                Object = objectName,
                CreatedById = user!.Id,
                ApiVersion = version,
                ContentType = "CSV",
                Query = isQuery ? "SELECT Id FROM " + objectName : null,
                LastModified = created,
            };
            if (isQuery && jobState == JobStates.JobComplete)
            {
                job.V2RecordsProcessed = records;
            }

            state.AddJob(job);
            ids[i] = id;
        }

        await V2Http.WriteJsonAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartArray();
            foreach (var id in ids)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private static long? GetLong(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
}
