using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV2;

/// <summary>Maps Bulk API 2.0 under /services/data/v{version}/jobs.</summary>
/// <remarks>
/// Every route authenticates with <c>Authorization: Bearer</c> (401 <c>INVALID_SESSION_ID</c> otherwise), then checks the
/// version (404 for versions before 2.0 existed or after the newest), then finds the job: a job of the other 2.0
/// kind, a Bulk 1.0 job or a deleted job is 404 <c>NOT_FOUND</c>. Bulk 1.0 jobs are visible only in Get All Jobs.
/// </remarks>
internal static class BulkV2Endpoints
{
    private const string Ingest = "/services/data/v{version}/jobs/ingest";
    private const string Query = "/services/data/v{version}/jobs/query";

    public static IEndpointRouteBuilder MapBulkV2Endpoints(this IEndpointRouteBuilder app)
    {
        var state = app.ServiceProvider.GetRequiredService<OrgState>();
        var list = new V2JobList();

        app.MapPost(Ingest, Handler(c => V2IngestEndpoints.CreateAsync(c, state)));
        app.MapGet(Ingest, Handler(c => list.ListAsync(c, state, queryList: false)));
        app.MapGet(Ingest + "/{jobId}", Handler(c => V2IngestEndpoints.GetAsync(c, state)));
        app.MapPatch(Ingest + "/{jobId}", Handler(c => V2IngestEndpoints.PatchAsync(c, state)));
        app.MapDelete(Ingest + "/{jobId}", Handler(c => V2IngestEndpoints.DeleteAsync(c, state)));
        app.MapPut(Ingest + "/{jobId}/batches", Handler(c => V2IngestEndpoints.UploadAsync(c, state)));
        foreach (var results in (string[])["successfulResults", "failedResults", "unprocessedrecords"])
        {
            app.MapGet(Ingest + "/{jobId}/" + results, Handler(c => V2IngestEndpoints.ResultsAsync(c, state, results)));
        }

        app.MapPost(Query, Handler(c => V2QueryEndpoints.CreateAsync(c, state)));
        app.MapGet(Query, Handler(c => list.ListAsync(c, state, queryList: true)));
        app.MapGet(Query + "/{jobId}", Handler(c => V2QueryEndpoints.GetAsync(c, state)));
        app.MapPatch(Query + "/{jobId}", Handler(c => V2QueryEndpoints.PatchAsync(c, state)));
        app.MapDelete(Query + "/{jobId}", Handler(c => V2QueryEndpoints.DeleteAsync(c, state)));
        app.MapGet(Query + "/{jobId}/results", Handler(c => V2QueryResults.GetAsync(c, state)));

        if (state.Options.EnableControlSurface)
        {
            app.MapV2JobSeedEndpoints(state);
        }

        return app;
    }

    private static RequestDelegate Handler(Func<HttpContext, Task> handler) => new(handler);
}
