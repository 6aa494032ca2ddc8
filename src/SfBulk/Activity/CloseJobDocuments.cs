using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using SfBulk.Wire;

namespace SfBulk.Activity;

/// <summary>
/// Reads and writes the Close Job activity's documents as JSON and as XML, without reflection (trim/AOT-safe).
/// Element and property names are the reference activity's; input names match case-insensitively.
/// </summary>
public static class CloseJobDocuments
{
    /// <summary>Reads an input document in JSON: <c>{"CloseJobConnection":{…},"CloseJob":{"jobId":…,"state":…},"CloseJobOptional":{"timeout":…}}</c>.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The input.</returns>
    /// <exception cref="FormatException">The document is not valid JSON or a value has the wrong type.</exception>
    public static CloseJobInput ReadInputJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            return FromTree(JsonTree(document.RootElement));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8 or holds a lone surrogate escape.
            throw new FormatException("The Close Job input is not valid JSON" + Where(e) + ".", e);
        }
    }

    /// <summary>Reads an input document in XML (root element of any name holding <c>CloseJobConnection</c>, <c>CloseJob</c>, <c>CloseJobOptional</c>).</summary>
    /// <param name="xml">The document.</param>
    /// <returns>The input.</returns>
    /// <exception cref="FormatException">The document is not well-formed XML or a value has the wrong type.</exception>
    public static CloseJobInput ReadInputXml(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            using var reader = WireXml.CreateReader(Encoding.UTF8.GetBytes(xml));
            return FromTree(XmlTree(XElement.Load(reader)));
        }
        catch (Exception e) when (WireXml.IsUnreadable(e) && e is not FormatException)
        {
            // A FormatException is the document's own value check (it names the field): it goes out as it is, as from JSON.
            throw new FormatException("The Close Job input is not well-formed XML" + Where(e) + " (a document type declaration, DTD, is refused too).", e);
        }
    }

    /// <summary><c> at line 3, column 7</c> (1-based) when the parser says where, else nothing.</summary>
    private static string Where(Exception e) => e switch
    {
        JsonException { LineNumber: { } line, BytePositionInLine: { } column } => string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, column {column + 1}"),
        System.Xml.XmlException { LineNumber: > 0 } x => string.Create(CultureInfo.InvariantCulture, $" at line {x.LineNumber}, column {x.LinePosition}"),
        _ => string.Empty,
    };

    /// <summary>Writes the output document as JSON: <c>{"CloseJobResult":{"jobId":…,…}}</c>.</summary>
    /// <param name="output">The output.</param>
    /// <returns>The JSON text.</returns>
    public static string WriteOutputJson(SalesforceCloseJobOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Json(w =>
        {
            w.WriteStartObject("CloseJobResult");
            foreach (var (name, value, isNumber) in output.CloseJobResult.Fields())
            {
                WriteJsonValue(w, name, value, isNumber);
            }

            w.WriteEndObject();
        });
    }

    /// <summary>Writes the output document as XML: <c>&lt;SalesforceCloseJobOutput&gt;&lt;CloseJobResult&gt;…</c>.</summary>
    /// <param name="output">The output.</param>
    /// <returns>The XML text.</returns>
    public static string WriteOutputXml(SalesforceCloseJobOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var result = new XElement("CloseJobResult", output.CloseJobResult.Fields().Where(f => f.Value is not null).Select(f => new XElement(f.Name, f.Value)));
        return new XElement("SalesforceCloseJobOutput", result).ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Writes a fault document as JSON: <c>{"fault":{"type":…,"errorCode":…,"statusCode":…,"message":…}}</c>.</summary>
    /// <param name="fault">The fault.</param>
    /// <returns>The JSON text.</returns>
    public static string WriteFaultJson(CloseJobFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return Json(w =>
        {
            w.WriteStartObject("fault");
            w.WriteString("type", fault.FaultType);
            WriteJsonValue(w, "errorCode", fault.ErrorCode, false);
            WriteJsonValue(w, "statusCode", fault.StatusCode?.ToString(CultureInfo.InvariantCulture), true);
            w.WriteString("message", fault.Message);
            w.WriteEndObject();
        });
    }

    /// <summary>Writes a fault document as XML: <c>&lt;fault&gt;&lt;type/&gt;&lt;errorCode/&gt;&lt;statusCode/&gt;&lt;message/&gt;&lt;/fault&gt;</c>.</summary>
    /// <param name="fault">The fault.</param>
    /// <returns>The XML text.</returns>
    public static string WriteFaultXml(CloseJobFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var element = new XElement(
            "fault",
            new XElement("type", fault.FaultType),
            fault.ErrorCode is null ? null : new XElement("errorCode", fault.ErrorCode),
            fault.StatusCode is null ? null : new XElement("statusCode", fault.StatusCode.Value),
            new XElement("message", fault.Message));
        return element.ToString(SaveOptions.DisableFormatting);
    }

    private static CloseJobInput FromTree(Dictionary<string, object?> root)
    {
        // Accept the three parts at the top or under one wrapper element/property.
        if (!root.ContainsKey("CloseJob") && !root.ContainsKey("CloseJobConnection") && !root.ContainsKey("CloseJobOptional")
            && root.Count == 1 && root.Values.Single() is Dictionary<string, object?> inner)
        {
            root = inner;
        }

        var input = new CloseJobInput();
        if (Child(root, "CloseJobConnection") is { } connection)
        {
            input.CloseJobConnection = new CloseJobConnection
            {
                ServerUrl = Text(connection, "ServerUrl"),
                SessionId = Text(connection, "SessionId"),
                ExternalSessionIdUsed = Text(connection, "ExternalSessionIdUsed") is { Length: > 0 } used
                    && (bool.TryParse(used, out var b) ? b : throw new FormatException($"ExternalSessionIdUsed is '{used}', not true or false.")),
            };
        }

        if (Child(root, "CloseJob") is { } job)
        {
            input.CloseJob = new CloseJob { JobId = Text(job, "jobId"), State = Text(job, "state") };
        }

        if (Child(root, "CloseJobOptional") is { } optional && Text(optional, "timeout") is { Length: > 0 } timeout)
        {
            input.CloseJobOptional = new CloseJobOptional
            {
                Timeout = long.TryParse(timeout, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                    ? ms
                    : throw new FormatException($"timeout is '{timeout}', not a whole number of milliseconds."),
            };
        }

        return input;
    }

    private static Dictionary<string, object?>? Child(Dictionary<string, object?> node, string name) =>
        node.TryGetValue(name, out var value) ? value as Dictionary<string, object?> : null;

    private static string? Text(Dictionary<string, object?> node, string name) =>
        node.TryGetValue(name, out var value) ? value as string : null;

    private static Dictionary<string, object?> JsonTree(JsonElement element)
    {
        var node = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The Close Job input must be a JSON object.");
        }

        foreach (var property in element.EnumerateObject())
        {
            node[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Object => JsonTree(property.Value),
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        }

        return node;
    }

    private static Dictionary<string, object?> XmlTree(XElement element)
    {
        var node = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in element.Elements())
        {
            node[child.Name.LocalName] = child.HasElements ? XmlTree(child) : child.Value;
        }

        return node;
    }

    private static void WriteJsonValue(Utf8JsonWriter w, string name, string? value, bool isNumber)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else if (isNumber)
        {
            w.WritePropertyName(name);
            w.WriteRawValue(value);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
