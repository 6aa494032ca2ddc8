using SfBulk.Emulator.BulkV2;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Allocations;

/// <summary>Maps the REST limits resource, <c>GET /services/data/v{version}/limits</c>.</summary>
/// <remarks>
/// The answer is one object per allocation, <c>{"Max":N,"Remaining":N}</c>, keyed by Salesforce's names in alphabetical
/// order. The metered allocations move (<see cref="OrgAllocations"/>); a few others are listed with fixed values, as a
/// real org lists dozens, and <c>DailyApiRequests</c> carries a per-app member as real answers do, so clients are
/// exercised on keys and members they do not know.
/// </remarks>
internal static class LimitsEndpoints
{
    /// <summary>The limits resource exists from API version 29.0.</summary>
    private const decimal FirstVersion = 29.0m;

    private static readonly (string Name, long Max)[] FixedAllocations =
    [
        ("ConcurrentAsyncGetReportInstances", 200),
        ("DailyAsyncApexExecutions", 250_000),
        ("DataStorageMB", 1_024),
        ("FileStorageMB", 20_480),
        ("HourlyPublishedPlatformEvents", 250_000),
    ];

    public static IEndpointRouteBuilder MapLimitsEndpoints(this IEndpointRouteBuilder app)
    {
        var state = app.ServiceProvider.GetRequiredService<OrgState>();
        app.MapGet("/services/data/v{version}/limits", (RequestDelegate)(context => GetAsync(context, state)));
        return app;
    }

    private static async Task GetAsync(HttpContext context, OrgState state)
    {
        if (await V2Http.AuthenticateAsync(context, state).ConfigureAwait(false) is null)
        {
            return;
        }

        if (V2Http.VersionNumber(context.Request.RouteValues["version"] as string) is not { } version
            || version < FirstVersion || version > V2Request.LatestVersion)
        {
            await V2Http.WriteNotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        var entries = new SortedDictionary<string, (long Max, long Remaining)>(StringComparer.Ordinal);
        foreach (var (name, max) in FixedAllocations)
        {
            entries[name] = (max, max);
        }

        foreach (var reading in state.Allocations.ReadAll())
        {
            entries[reading.Name] = (reading.Max, reading.Remaining);
        }

        await V2Http.WriteJsonAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            foreach (var (name, (max, remaining)) in entries)
            {
                json.WriteStartObject(name);
                json.WriteNumber("Max", max);
                json.WriteNumber("Remaining", remaining);
                if (name == AllocationNames.DailyApiRequests)
                {
                    json.WriteStartObject("Salesforce CLI");
                    json.WriteNumber("Max", 0);
                    json.WriteNumber("Remaining", 0);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
