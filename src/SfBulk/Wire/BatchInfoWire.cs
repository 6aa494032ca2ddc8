using System.Text.Json;
using System.Xml;
using SfBulk.Diagnostics;

namespace SfBulk.Wire;

/// <summary>Reads Bulk API 1.0 <c>batchInfo</c> and <c>batchInfoList</c> in XML and JSON.</summary>
internal static class BatchInfoWire
{
    /// <summary>Parses one batchInfo, whichever dialect the body is.</summary>
    public static BatchInfo Parse(byte[] body, ApiResponse? response = null) =>
        BodySniffer.Detect(body, response?.ContentType) == BodyKind.Json
            ? WireJson.Parse(body, "a JSON batchInfo", response, root => FromJson(root, response))
            : WireXml.Parse(body, "an XML batchInfo", response, reader =>
            {
                ExpectRoot(reader, "batchInfo", response);
                return Map(WireXml.ReadFlat(reader, "batchInfo", response));
            });

    /// <summary>Parses a batchInfoList (<c>{"batchInfo":[…]}</c> in JSON), whichever dialect the body is.</summary>
    public static IReadOnlyList<BatchInfo> ParseList(byte[] body, ApiResponse? response = null) =>
        BodySniffer.Detect(body, response?.ContentType) == BodyKind.Json
            ? WireJson.Parse(body, "a JSON batchInfoList", response, root => ListFromJson(root, response))
            : WireXml.Parse(body, "an XML batchInfoList", response, reader => ListFromXml(reader, response));

    private static IReadOnlyList<BatchInfo> ListFromXml(XmlReader reader, ApiResponse? response)
    {
        ExpectRoot(reader, "batchInfoList", response);
        var list = new List<BatchInfo>();
        if (reader.IsEmptyElement)
        {
            return list;
        }

        reader.ReadStartElement();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && string.Equals(reader.LocalName, "batchInfo", StringComparison.Ordinal))
            {
                list.Add(Map(WireXml.ReadFlat(reader, "batchInfo", response)));
            }
            else
            {
                reader.Skip();
            }
        }

        return list;
    }

    private static IReadOnlyList<BatchInfo> ListFromJson(JsonElement root, ApiResponse? response)
    {
        if (ApiErrors.TryReadJsonError(root, out var error))
        {
            throw ApiErrors.ToException(error, response);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw WireFailure.InvalidResponse($"expected a JSON batchInfoList object but found {WireJson.Kind(root.ValueKind)}", response);
        }

        var list = new List<BatchInfo>();
        if (root.TryGetProperty("batchInfo", out var items))
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    list.Add(Map(WireJson.ReadFlat(item, "batchInfo", response)));
                }
            }
            else if (items.ValueKind == JsonValueKind.Object)
            {
                list.Add(Map(WireJson.ReadFlat(items, "batchInfo", response)));
            }
        }

        return list;
    }

    private static BatchInfo FromJson(JsonElement root, ApiResponse? response) =>
        ApiErrors.TryReadJsonError(root, out var error)
            ? throw ApiErrors.ToException(error, response)
            : Map(WireJson.ReadFlat(root, "batchInfo", response));

    private static void ExpectRoot(XmlReader reader, string expected, ApiResponse? response)
    {
        var root = WireXml.ReadRoot(reader);
        if (string.Equals(root, "error", StringComparison.Ordinal))
        {
            throw ApiErrors.ToException(ApiErrors.ReadXmlError(reader, response), response);
        }

        if (!string.Equals(root, expected, StringComparison.Ordinal))
        {
            throw WireFailure.InvalidResponse($"expected an XML {expected} but the root element is <{WireFailure.Shorten(root)}>", response);
        }
    }

    private static BatchInfo Map(WireFields f) => new()
    {
        Id = f.RequiredString("id"),
        JobId = f.String("jobId") ?? string.Empty,
        State = new BatchState(f.RequiredString("state")),
        StateMessage = ServerText.Clean(f.String("stateMessage")),
        CreatedDate = f.Date("createdDate"),
        SystemModstamp = f.Date("systemModstamp"),
        NumberRecordsProcessed = f.Int64("numberRecordsProcessed"),
        NumberRecordsFailed = f.Int64("numberRecordsFailed"),
        TotalProcessingTime = f.Int64("totalProcessingTime"),
        ApiActiveProcessingTime = f.Int64("apiActiveProcessingTime"),
        ApexProcessingTime = f.Int64("apexProcessingTime"),
    };
}
