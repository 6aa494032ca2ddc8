using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV2;

/// <summary>Shared plumbing of the Bulk API 2.0 endpoints: bearer auth, JSON bodies, error arrays, dates.</summary>
internal static class V2Http
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    /// <summary>Salesforce prints apostrophes, plus signs and non-ASCII text literally, so the relaxed encoder is used.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    public const string CsvContentType = "text/csv;charset=UTF-8";
    public const string NotFoundMessage = "The requested resource does not exist";

    /// <summary>Formats a date as Salesforce's REST JSON does: <c>2015-11-19T01:45:03.000+0000</c>.</summary>
    public static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + ".000+0000";

    /// <summary>Writes <c>apiVersion</c> as a JSON number that keeps its ".0" (e.g. <c>66.0</c>).</summary>
    public static void WriteApiVersion(Utf8JsonWriter json, string version)
    {
        json.WritePropertyName("apiVersion");
        if (IsVersion(version))
        {
            json.WriteRawValue(version, skipInputValidation: true);
        }
        else
        {
            json.WriteStringValue(version);
        }
    }

    /// <summary>True for a version like <c>66.0</c>.</summary>
    public static bool IsVersion(string? version) =>
        version is { Length: >= 3 and <= 6 } && version[^2] == '.' && char.IsAsciiDigit(version[^1])
        && version.AsSpan(0, version.Length - 2).ContainsAnyExceptInRange('0', '9') is false;

    /// <summary>The API version number of a route value such as <c>66.0</c>, or null when malformed.</summary>
    public static decimal? VersionNumber(string? version) =>
        IsVersion(version) && decimal.TryParse(version, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// Returns the live session of the request's <c>Authorization: Bearer</c> (or <c>OAuth</c>) token, or writes the
    /// 401 <c>INVALID_SESSION_ID</c> array and returns null.
    /// </summary>
    public static async Task<EmulatedSession?> AuthenticateAsync(HttpContext context, OrgState state)
    {
        string? token = null;
        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            && (string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || string.Equals(header.Scheme, "OAuth", StringComparison.OrdinalIgnoreCase)))
        {
            token = header.Parameter;
        }

        var session = state.Sessions.Validate(token);
        if (session is null)
        {
            // Salesforce prints message before errorCode in this one error.
            await WriteJsonAsync(context, StatusCodes.Status401Unauthorized, json =>
            {
                json.WriteStartArray();
                json.WriteStartObject();
                json.WriteString("message", "Session expired or invalid");
                json.WriteString("errorCode", "INVALID_SESSION_ID");
                json.WriteEndObject();
                json.WriteEndArray();
            }).ConfigureAwait(false);
        }

        return session;
    }

    /// <summary>Writes <c>[{"errorCode":..,"message":..}]</c> with <paramref name="status"/>.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string errorCode, string message) =>
        WriteJsonAsync(context, status, json =>
        {
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("errorCode", errorCode);
            json.WriteString("message", message);
            json.WriteEndObject();
            json.WriteEndArray();
        });

    /// <summary>404 <c>NOT_FOUND</c> "The requested resource does not exist".</summary>
    public static Task WriteNotFoundAsync(HttpContext context) =>
        WriteErrorAsync(context, StatusCodes.Status404NotFound, "NOT_FOUND", NotFoundMessage);

    /// <summary>Serializes with <paramref name="write"/> and sends the JSON body.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a small JSON object body. On failure writes 400 <c>JSON_PARSER_ERROR</c> and returns null.
    /// </summary>
    public static async Task<JsonDocument?> ReadJsonObjectAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var body = context.Request.Body;
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Limits.MaxJobInfoBytes)
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", "The request body is too large").ConfigureAwait(false);
                return null;
            }
        }

        try
        {
            var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", ex.Message).ConfigureAwait(false);
            return null;
        }

        await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", "The request body must be a JSON object").ConfigureAwait(false);
        return null;
    }

    /// <summary>A string member of a JSON object, or null when missing or not a string.</summary>
    public static string? GetString(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
