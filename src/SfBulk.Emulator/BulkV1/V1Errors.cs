using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SfBulk.Emulator.BulkV1;

/// <summary>Bulk API 1.0 exception codes (wsc <c>AsyncExceptionCode</c>) used by the emulator.</summary>
internal static class ExceptionCodes
{
    public const string ClientInputError = "ClientInputError";
    public const string ExceededQuota = "ExceededQuota";
    public const string InvalidBatch = "InvalidBatch";
    public const string InvalidJob = "InvalidJob";
    public const string InvalidJobState = "InvalidJobState";
    public const string InvalidOperation = "InvalidOperation";
    public const string InvalidSessionId = "InvalidSessionId";
    public const string InvalidUrl = "InvalidUrl";
    public const string InvalidUser = "InvalidUser";
    public const string InvalidVersion = "InvalidVersion";
    public const string InvalidXml = "InvalidXML";
}

/// <summary>A Bulk API 1.0 error the handlers raise; written as <c>&lt;error&gt;</c> or its JSON form.</summary>
internal sealed class V1Exception(string code, string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Code { get; } = code;

    public int Status { get; } = status;
}

/// <summary>Writes Bulk API 1.0 responses: XML or JSON documents, errors, and raw bodies.</summary>
internal static class V1Responses
{
    public static Task WriteXmlAsync(HttpContext context, StringBuilder document, int status = StatusCodes.Status200OK) =>
        WriteAsync(context, status, Wire.XmlContentType, Encoding.UTF8.GetBytes(document.ToString()));

    public static Task WriteJsonAsync(HttpContext context, ArrayBufferWriter<byte> document, int status = StatusCodes.Status200OK) =>
        WriteAsync(context, status, Wire.JsonContentType, document.WrittenMemory);

    public static Task WriteErrorAsync(HttpContext context, WireFormat format, V1Exception error)
    {
        if (format == WireFormat.Json)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("exceptionCode", error.Code);
                json.WriteString("exceptionMessage", error.Message);
                json.WriteEndObject();
            }

            return WriteJsonAsync(context, buffer, error.Status);
        }

        // Layout as captured from a real org (protocol notes §2.1/§2.2).
        var sb = new StringBuilder(256).OpenRoot("error")
            .Element(" ", "exceptionCode", error.Code)
            .Element(" ", "exceptionMessage", error.Message)
            .Append("\n</error>");
        return WriteXmlAsync(context, sb, error.Status);
    }

    public static Task WriteAsync(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>405 for methods other than the ones the resource takes; body unverified, so none is sent.</summary>
    public static Task WriteMethodNotAllowed(HttpContext context, string allow)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = allow;
        return Task.CompletedTask;
    }
}
