using System.Text.Json;
using System.Xml;

namespace SfBulk.Http;

/// <summary>
/// Reads the error code out of Salesforce error bodies without binding them: Bulk 1.0 XML
/// <c>&lt;error&gt;&lt;exceptionCode&gt;</c>, Bulk 1.0 JSON <c>{"exceptionCode"}</c> and REST <c>[{"errorCode"}]</c>.
/// </summary>
internal static class ErrorBodies
{
    private const int MaxInspectedBytes = 64 * 1024;

    /// <summary>The first error code in <paramref name="body"/>, or null when it holds none.</summary>
    public static string? ErrorCode(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body.Length > MaxInspectedBytes)
        {
            return null;
        }

        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.StartsWith("\uFEFF"u8))
        {
            trimmed = trimmed[3..];
        }

        if (trimmed.IsEmpty)
        {
            return null;
        }

        return trimmed[0] is (byte)'{' or (byte)'[' ? JsonCode(trimmed) : trimmed[0] == (byte)'<' ? XmlCode(trimmed.ToArray()) : null;
    }

    private static string? JsonCode(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth <= 2
                    && (reader.ValueTextEquals("exceptionCode"u8) || reader.ValueTextEquals("errorCode"u8)))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8 or holds a lone surrogate escape.
        }

        return null;
    }

    private static string? XmlCode(byte[] body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            MaxCharactersInDocument = MaxInspectedBytes * 2,
        };
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "exceptionCode" or "errorCode")
                {
                    return reader.ReadElementContentAsString().Trim();
                }
            }
        }
        catch (Exception e) when (Wire.WireXml.IsUnreadable(e))
        {
        }

        return null;
    }
}
