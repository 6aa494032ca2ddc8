using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SfBulk.Emulator.BulkV2;

/// <summary>Maps Bulk API 2.0 under /services/data/v{version}/jobs.</summary>
internal static class BulkV2Endpoints
{
    public static IEndpointRouteBuilder MapBulkV2Endpoints(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
