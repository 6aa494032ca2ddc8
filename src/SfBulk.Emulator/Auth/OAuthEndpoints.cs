using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SfBulk.Emulator.Auth;

/// <summary>Maps the OAuth 2.0 token endpoint /services/oauth2/token.</summary>
internal static class OAuthEndpoints
{
    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
