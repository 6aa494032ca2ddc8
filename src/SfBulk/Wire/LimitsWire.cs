using System.Text.Json;
using SfBulk.Limits;

namespace SfBulk.Wire;

/// <summary>
/// Reads the REST limits resource: an object of <c>{"Max":N,"Remaining":N, …}</c> objects. Members that are not such
/// an object, and extra members inside one (per-app breakdowns), are skipped: Salesforce adds and renames keys.
/// </summary>
internal static class LimitsWire
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static OrgLimits Parse(ApiResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw WireFailure.InvalidResponse("expected the limits object", response);
            }

            var all = new Dictionary<string, OrgLimit>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Value.ValueKind == JsonValueKind.Object
                    && Number(member.Value, "Max") is { } max
                    && Number(member.Value, "Remaining") is { } remaining)
                {
                    all[member.Name] = new OrgLimit(member.Name, max, remaining);
                }
            }

            return new OrgLimits(all);
        }
        catch (JsonException ex)
        {
            throw WireFailure.InvalidResponse("the limits body is not JSON", response, ex);
        }
    }

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
