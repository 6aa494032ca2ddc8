namespace SfBulk.Emulator.Control;

/// <summary>Which routes are Salesforce API routes (counted, open to faults) and their keys.</summary>
internal static class ApiRoutes
{
    private static readonly string[] AnyMethod = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Control and seeding routes live under this path, which no Salesforce API uses.</summary>
    public const string ControlPrefix = "/_emulator";

    public static bool IsControlPath(PathString path) => path.StartsWithSegments(ControlPrefix, StringComparison.Ordinal);

    /// <summary>Route keys (<c>METHOD /pattern</c>) of every mapped API route.</summary>
    public static IReadOnlySet<string> Known(EndpointDataSource endpoints)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var raw = endpoint.RoutePattern.RawText ?? string.Empty;
            if (IsControlPath(new PathString(raw.StartsWith('/') ? raw : "/" + raw)))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods is { Count: > 0 } ? methods : AnyMethod)
            {
                keys.Add(RequestCounter.RouteKey(method, endpoint));
            }
        }

        return keys;
    }
}
