using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SfBulk.Emulator.Auth;

/// <summary>Maps SOAP login() at /services/Soap/u/{version}.</summary>
internal static class SoapLoginEndpoints
{
    public static IEndpointRouteBuilder MapSoapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
