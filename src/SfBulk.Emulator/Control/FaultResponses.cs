using System.Buffers;
using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace SfBulk.Emulator.Control;

/// <summary>Writes the answers of <c>status</c> and <c>requestLimitExceeded</c> faults in the caller's API dialect.</summary>
internal static class FaultResponses
{
    private const string LimitMessage = "TotalRequests Limit exceeded.";

    /// <summary>A <c>status</c> fault: the rule's status with a plausible error of that API.</summary>
    public static Task WriteStatusAsync(HttpContext context, ApiDialect dialect, FaultRuleSpec spec)
    {
        var status = spec.Status;
        var message = spec.Message ?? DefaultMessage(status);
        var code = spec.ErrorCode ?? dialect switch
        {
            ApiDialect.BulkV1Xml or ApiDialect.BulkV1Json => status >= 500 ? "InternalServerError" : "ClientInputError",
            ApiDialect.OAuth => status == 503 ? "temporarily_unavailable" : status >= 500 ? "server_error" : "invalid_request",
            _ => status switch
            {
                500 => "UNKNOWN_EXCEPTION",
                >= 500 => "SERVER_UNAVAILABLE",
                401 => "INVALID_SESSION_ID",
                404 => "NOT_FOUND",
                _ => "API_ERROR",
            },
        };
        return WriteAsync(context, dialect, status, code, message, spec.RetryAfterSeconds);
    }

    /// <summary>
    /// A <c>requestLimitExceeded</c> fault. REST and Bulk 2.0: 403 <c>REQUEST_LIMIT_EXCEEDED</c> (REST status table).
    /// SOAP: a 500 fault <c>sf:REQUEST_LIMIT_EXCEEDED</c>. Bulk 1.0: how Salesforce reports an exhausted request
    /// allocation there is unverified; the emulator answers 400 with <c>ExceededQuota</c> (the quota code of wsc's
    /// <c>AsyncExceptionCode</c>, which clients such as Gobblin retry on) and the REST message.
    /// </summary>
    public static Task WriteRequestLimitAsync(HttpContext context, ApiDialect dialect, FaultRuleSpec spec)
    {
        var message = spec.Message ?? LimitMessage;
        return dialect switch
        {
            ApiDialect.BulkV1Xml or ApiDialect.BulkV1Json =>
                WriteAsync(context, dialect, StatusCodes.Status400BadRequest, spec.ErrorCode ?? "ExceededQuota", message, spec.RetryAfterSeconds),
            ApiDialect.Soap =>
                WriteAsync(context, dialect, StatusCodes.Status500InternalServerError, spec.ErrorCode ?? "REQUEST_LIMIT_EXCEEDED", message, spec.RetryAfterSeconds),
            _ => WriteAsync(context, ApiDialect.Rest, StatusCodes.Status403Forbidden, spec.ErrorCode ?? "REQUEST_LIMIT_EXCEEDED", message, spec.RetryAfterSeconds),
        };
    }

    /// <summary>An error of <paramref name="status"/> with <paramref name="code"/> and <paramref name="message"/> in the dialect.</summary>
    public static Task WriteErrorAsync(HttpContext context, ApiDialect dialect, int status, string code, string message) =>
        WriteAsync(context, dialect, status, code, message, retryAfterSeconds: null);

    private static string DefaultMessage(int status) => status switch
    {
        500 => "An unexpected error occurred.",
        503 => "The server is temporarily unavailable. Try again later.",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "Request failed.",
    };

    private static Task WriteAsync(HttpContext context, ApiDialect dialect, int status, string code, string message, int? retryAfterSeconds)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        byte[] body;
        switch (dialect)
        {
            case ApiDialect.BulkV1Xml:
                response.ContentType = "application/xml";
                body = Encoding.UTF8.GetBytes(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n <exceptionCode>"
                    + SecurityElement.Escape(code) + "</exceptionCode>\n <exceptionMessage>" + SecurityElement.Escape(message)
                    + "</exceptionMessage>\n</error>");
                break;
            case ApiDialect.Soap:
                response.ContentType = "text/xml;charset=UTF-8";
                body = Encoding.UTF8.GetBytes(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:sf=\"urn:fault.partner.soap.sforce.com\">"
                    + "<soapenv:Body><soapenv:Fault><faultcode>sf:" + SecurityElement.Escape(code) + "</faultcode><faultstring>"
                    + SecurityElement.Escape(code + ": " + message) + "</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>");
                break;
            default:
                response.ContentType = dialect == ApiDialect.BulkV1Json ? "application/json" : "application/json;charset=UTF-8";
                body = Json(dialect, code, message);
                break;
        }

        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static byte[] Json(ApiDialect dialect, string code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer, ControlJson.WriterOptions))
        {
            switch (dialect)
            {
                case ApiDialect.BulkV1Json:
                    json.WriteStartObject();
                    json.WriteString("exceptionCode", code);
                    json.WriteString("exceptionMessage", message);
                    json.WriteEndObject();
                    break;
                case ApiDialect.OAuth:
                    json.WriteStartObject();
                    json.WriteString("error", code);
                    json.WriteString("error_description", message);
                    json.WriteEndObject();
                    break;
                default:
                    json.WriteStartArray();
                    json.WriteStartObject();
                    json.WriteString("message", message);
                    json.WriteString("errorCode", code);
                    json.WriteEndObject();
                    json.WriteEndArray();
                    break;
            }
        }

        return buffer.WrittenSpan.ToArray();
    }
}
