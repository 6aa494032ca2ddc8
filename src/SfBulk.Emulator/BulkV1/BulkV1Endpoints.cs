using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SfBulk.Emulator.BulkV1;

/// <summary>Maps Bulk API 1.0 under /services/async/{version}.</summary>
internal static class BulkV1Endpoints
{
    public static IEndpointRouteBuilder MapBulkV1Endpoints(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
