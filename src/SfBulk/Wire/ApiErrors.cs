using System.Text.Json;
using System.Xml;
using SfBulk.Diagnostics;

namespace SfBulk.Wire;

/// <summary>An API error as Salesforce reported it: its code exactly as sent, and its message.</summary>
internal readonly record struct ApiError(string? Code, string Message);

/// <summary>
/// Reads the error bodies of every API involved: Bulk 1.0 XML <c>&lt;error&gt;</c> and JSON
/// <c>{exceptionCode,exceptionMessage}</c>, Bulk 2.0/REST <c>[{errorCode,message}]</c>, and OAuth
/// <c>{error,error_description}</c>. Never throws: an unreadable body becomes a description of it.
/// </summary>
internal static class ApiErrors
{
    public static ApiError Read(ApiResponse response)
    {
        var kind = BodySniffer.Detect(response.Body, response.ContentType);
        try
        {
            switch (kind)
            {
                case BodyKind.Xml:
                    using (var reader = WireXml.CreateReader(response.Body))
                    {
                        if (string.Equals(WireXml.ReadRoot(reader), "error", StringComparison.Ordinal))
                        {
                            return ReadXmlError(reader, response);
                        }
                    }

                    break;
                case BodyKind.Json:
                    using (var document = JsonDocument.Parse(response.Body))
                    {
                        if (TryReadJsonError(document.RootElement, out var error))
                        {
                            return error;
                        }
                    }

                    break;
            }
        }
        catch (Exception e) when (e is JsonException or SalesforceException || WireXml.IsUnreadable(e))
        {
            kind = BodyKind.Other;
        }

        return new ApiError(SfBulkErrorCodes.InvalidResponse, kind switch
        {
            BodyKind.Empty => "the response has no body",
            BodyKind.Html => "the response is an HTML page, not a Salesforce API error (a proxy, login or maintenance page?)",
            _ => "the response body is not a Salesforce error document",
        });
    }

    public static ApiError ReadXmlError(XmlReader reader, ApiResponse? response)
    {
        var f = WireXml.ReadFlat(reader, "error", response);
        return new ApiError(f.String("exceptionCode"), f.String("exceptionMessage") ?? string.Empty);
    }

    public static bool TryReadJsonError(JsonElement root, out ApiError error)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            // Bulk 2.0 / REST: [{"errorCode":"…","message":"…"}, …]; the first entry names the error.
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    error = new ApiError(Text(item, "errorCode"), Text(item, "message") ?? string.Empty);
                    return true;
                }
            }

            error = default;
            return false;
        }

        if (root.ValueKind == JsonValueKind.Object)
        {
            if (Text(root, "exceptionCode") is { } code)
            {
                error = new ApiError(code, Text(root, "exceptionMessage") ?? string.Empty);
                return true;
            }

            if (Text(root, "error") is { } oauth)
            {
                error = new ApiError(oauth, Text(root, "error_description") ?? string.Empty);
                return true;
            }

            if (Text(root, "errorCode") is { } rest)
            {
                error = new ApiError(rest, Text(root, "message") ?? string.Empty);
                return true;
            }
        }

        error = default;
        return false;
    }

    /// <summary>Salesforce's error code in <paramref name="response"/>'s body, or null when the body holds none.</summary>
    public static string? Code(ApiResponse response) => Read(response).Code is { } code && code != SfBulkErrorCodes.InvalidResponse ? code : null;

    /// <summary>The exception for an API error: Salesforce's code, the status, method and URL.</summary>
    public static SalesforceRestException ToException(ApiError error, ApiResponse? response)
    {
        var where = response is null ? string.Empty : $" ({response.RequestMethod} {response.RequestUri} → HTTP {(int)response.StatusCode})";
        var message = ServerText.Clean(error.Message);
        var text = error.Code is null or SfBulkErrorCodes.InvalidResponse
            ? $"Salesforce returned an error: {message}"
            : $"{ServerText.Clean(error.Code)}: {message}";
        return new SalesforceRestException(text + where, error.Code, response?.StatusCode, response?.RequestMethod, response?.RequestUri);
    }

    /// <summary>Reads <paramref name="response"/>'s error body and builds its exception.</summary>
    public static SalesforceRestException ToException(ApiResponse response) => ToException(Read(response), response);

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
