using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SfBulk.Emulator.Control;

/// <summary>Maps the test control surface under /_emulator.</summary>
internal static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
