using System.Text.Json;
using System.Xml;

namespace SfBulk.Emulator.BulkV1;

/// <summary>
/// Parses a <c>jobInfo</c> request body (create, close, abort) into its fields in document order. XML is read with
/// DTDs prohibited and no resolver, so a DOCTYPE is refused, never expanded.
/// </summary>
internal static class JobInfoBody
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <exception cref="V1Exception">The body is not a well-formed jobInfo.</exception>
    public static List<KeyValuePair<string, string?>> Parse(byte[] body, WireFormat format) =>
        format == WireFormat.Json ? ParseJson(body) : ParseXml(body);

    private static List<KeyValuePair<string, string?>> ParseXml(byte[] body)
    {
        var fields = new List<KeyValuePair<string, string?>>();
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            reader.MoveToContent();
            if (reader.LocalName != "jobInfo" || reader.NamespaceURI != Wire.Namespace)
            {
                // Message unverified; the namespace is required as in every doc example.
                throw new V1Exception(ExceptionCodes.InvalidXml, "Unable to parse jobInfo: the root element must be jobInfo in namespace " + Wire.Namespace);
            }

            if (reader.IsEmptyElement)
            {
                return fields;
            }

            reader.Read();
            while (reader.NodeType == XmlNodeType.Element)
            {
                var name = reader.LocalName;
                var nil = reader.GetAttribute("nil", "http://www.w3.org/2001/XMLSchema-instance") == "true";
                var value = reader.ReadElementContentAsString();
                fields.Add(new(name, nil ? null : value));
            }
        }
        catch (XmlException e)
        {
            // A DOCTYPE ends up here too (DtdProcessing.Prohibit). Code per the doc's list; message unverified.
            throw new V1Exception(ExceptionCodes.InvalidXml, "XML parsing error: " + e.Message);
        }

        return fields;
    }

    private static List<KeyValuePair<string, string?>> ParseJson(byte[] body)
    {
        var fields = new List<KeyValuePair<string, string?>>();
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new V1Exception(ExceptionCodes.InvalidJob, "Unable to parse Job: a JSON object is expected");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                string? value = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => throw new V1Exception(ExceptionCodes.InvalidJob, "Unable to parse Job: unexpected value for " + name),
                };
                fields.Add(new(name, value));
            }
        }
        catch (JsonException e)
        {
            // Code and message unverified.
            throw new V1Exception(ExceptionCodes.InvalidJob, "Unable to parse Job: " + e.Message);
        }

        return fields;
    }
}
