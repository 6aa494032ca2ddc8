using System.Globalization;
using System.Text.Json;

namespace SfBulk.Wire;

/// <summary>
/// JSON reading without reflection: <see cref="JsonDocument"/> with a depth cap; objects become flat
/// <see cref="WireFields"/> (unknown properties and nested values skipped, null kept as null).
/// </summary>
internal static class WireJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Runs <paramref name="parse"/> over a JSON body, turning every JSON failure into INVALID_RESPONSE.</summary>
    public static T Parse<T>(byte[] body, string what, ApiResponse? response, Func<JsonElement, T> parse)
    {
        BodySniffer.Require(body, BodyKind.Json, what, response);
        try
        {
            using var document = JsonDocument.Parse(body, DocumentOptions);
            return parse(document.RootElement);
        }
        catch (SalesforceException)
        {
            throw;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw WireFailure.InvalidResponse($"{what} is not valid JSON: {e.Message}", response, e);
        }
    }

    public static WireFields ReadFlat(JsonElement element, string objectName, ApiResponse? response)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw WireFailure.InvalidResponse($"expected a JSON object for the {objectName} but found {Kind(element.ValueKind)}", response);
        }

        var fields = new WireFields(objectName, response);
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    fields.Set(property.Name, value.GetString());
                    break;
                case JsonValueKind.Number:
                    fields.Set(property.Name, value.GetRawText());
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    fields.Set(property.Name, value.GetBoolean() ? "true" : "false");
                    break;
                case JsonValueKind.Null:
                    fields.Set(property.Name, null);
                    break;
                default:
                    // Objects and arrays are not part of these flat shapes: tolerated and ignored.
                    break;
            }
        }

        return fields;
    }

    public static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
