using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SfBulk.Emulator.Control;

/// <summary>JSON in and out for the control surface (Utf8JsonWriter/JsonDocument only, so it stays trim- and AOT-safe).</summary>
internal static class ControlJson
{
    public const string ContentType = "application/json; charset=utf-8";

    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Writes text as Salesforce does (no \u0027-style escaping of quotes and apostrophes); nothing here is HTML.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes <c>{"error":"…"}</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, json =>
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        });

    /// <summary>
    /// Reads the request body as a JSON object. An empty body gives a null document when <paramref name="allowEmpty"/>;
    /// otherwise, and for malformed or oversized bodies, the returned error says why.
    /// </summary>
    public static async Task<(JsonDocument? Document, string? Error)> ReadObjectAsync(HttpContext context, bool allowEmpty)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, "The request body is too large.");
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        if (body.Length > MaxBodyBytes)
        {
            return (null, "The request body is too large.");
        }

        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return allowEmpty ? (null, null) : (null, "A JSON object body is required.");
        }

        try
        {
            var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return (document, null);
            }

            document.Dispose();
            return (null, "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            return (null, "Malformed JSON: " + e.Message);
        }
    }

    /// <summary>Writes a number, without a fraction when it is whole (1 not 1.0).</summary>
    public static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            json.WriteNumber(name, (long)value);
        }
        else
        {
            json.WriteNumber(name, value);
        }
    }

    /// <summary><c>2026-11-02T09:30:00.000Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
