using System.Text;
using System.Xml;

namespace SfBulk.Wire;

/// <summary>
/// Safe XML reading for Bulk API 1.0 documents: DTDs prohibited, no resolver, a size cap; elements are matched by
/// local name in any order, unknown and nested elements skipped.
/// </summary>
internal static class WireXml
{
    /// <summary>The Bulk API 1.0 namespace.</summary>
    public const string Namespace = "http://www.force.com/2009/06/asyncapi/dataload";

    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    private const long MaxCharacters = 16 * 1024 * 1024;

    public static XmlReader CreateReader(byte[] body) => XmlReader.Create(
        new MemoryStream(body, writable: false),
        new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            MaxCharactersInDocument = MaxCharacters,
            CloseInput = true,
        });

    /// <summary>Moves to the root element and returns its local name.</summary>
    public static string ReadRoot(XmlReader reader)
    {
        reader.MoveToContent();
        return reader.NodeType == XmlNodeType.Element ? reader.LocalName : throw new XmlException("No root element.");
    }

    /// <summary>
    /// Reads the children of the current element as flat fields; the reader ends after the element. A child holding
    /// elements of its own is skipped; a child with <c>xsi:nil="true"</c> is null; otherwise its value is its text.
    /// </summary>
    public static WireFields ReadFlat(XmlReader reader, string objectName, ApiResponse? response)
    {
        var fields = new WireFields(objectName, response);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return fields;
        }

        reader.ReadStartElement();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Skip();
                continue;
            }

            var name = reader.LocalName;
            var isNil = string.Equals(reader.GetAttribute("nil", XsiNamespace), "true", StringComparison.Ordinal);
            if (ReadLeafText(reader) is { } value)
            {
                fields.Set(name, isNil ? null : value);
            }
        }

        reader.Read();
        return fields;
    }

    /// <summary>
    /// Reads the element the reader is on, to its end, and returns its text (the text, CDATA and whitespace nodes it
    /// holds, joined), or null when it holds elements. The reader ends after the element.
    /// </summary>
    private static string? ReadLeafText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var depth = reader.Depth;
        string? text = null;
        StringBuilder? more = null;
        var hasElements = false;
        Next(reader);
        while (reader.NodeType != XmlNodeType.EndElement || reader.Depth != depth)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    hasElements = true;
                    reader.Skip();
                    continue;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    if (text is null)
                    {
                        text = reader.Value;
                    }
                    else
                    {
                        (more ??= new StringBuilder(text)).Append(reader.Value);
                    }

                    break;
            }

            Next(reader);
        }

        reader.Read();
        return hasElements ? null : more?.ToString() ?? text ?? string.Empty;
    }

    private static void Next(XmlReader reader)
    {
        if (!reader.Read())
        {
            throw new XmlException("The document ends inside an element.");
        }
    }

    /// <summary>
    /// True for the exceptions reading a bad XML document can raise: <see cref="XmlException"/>, and others that
    /// XmlReader lets through for some inputs (an ArgumentOutOfRangeException from a declaration whose version holds
    /// non-ASCII characters; decoding failures; value conversions).
    /// </summary>
    public static bool IsUnreadable(Exception e) =>
        e is XmlException or InvalidOperationException or FormatException or OverflowException or DecoderFallbackException or ArgumentException;

    /// <summary>Runs <paramref name="parse"/> over an XML body, turning every XML failure into INVALID_RESPONSE.</summary>
    public static T Parse<T>(byte[] body, string what, ApiResponse? response, Func<XmlReader, T> parse)
    {
        BodySniffer.Require(body, BodyKind.Xml, what, response);
        try
        {
            using var reader = CreateReader(body);
            return parse(reader);
        }
        catch (SalesforceException)
        {
            throw;
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw WireFailure.InvalidResponse($"{what} is not well-formed XML: {e.Message}", response, e);
        }
    }
}
