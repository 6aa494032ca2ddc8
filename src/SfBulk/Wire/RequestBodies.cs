namespace SfBulk.Wire;

/// <summary>
/// The close/abort request bodies. Bulk 1.0 takes a jobInfo holding <b>only</b> <c>state</c> (echoing other fields
/// fails with <c>InvalidJob</c>); the XML form is byte for byte the developer guide's "Close a Job" example.
/// </summary>
internal static class RequestBodies
{
    /// <summary>The Content-Type of a Bulk 1.0 XML job update.</summary>
    public const string XmlContentType = "application/xml; charset=UTF-8";

    /// <summary>The Content-Type of a Bulk 1.0 JSON job update and of every Bulk 2.0 request.</summary>
    public const string JsonContentType = "application/json; charset=UTF-8";

    private const string XmlTemplate =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jobInfo\n   xmlns=\"" + WireXml.Namespace + "\">\n <state>{0}</state>\n</jobInfo>";

    /// <summary>The Bulk 1.0 XML body that sets <paramref name="state"/>.</summary>
    public static byte[] V1Xml(BulkJobState state) =>
        System.Text.Encoding.UTF8.GetBytes(XmlTemplate.Replace("{0}", state.ToString(), StringComparison.Ordinal));

    /// <summary>The Bulk 1.0 JSON body that sets <paramref name="state"/>: <c>{"state":"Closed"}</c>.</summary>
    public static byte[] V1Json(BulkJobState state) => StateJson(state);

    /// <summary>The Bulk 2.0 PATCH body: <c>{"state":"UploadComplete"}</c> or <c>{"state":"Aborted"}</c>.</summary>
    public static byte[] V2Patch(BulkJobState state) => StateJson(state);

    private static byte[] StateJson(BulkJobState state)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(32);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("state", state.ToString());
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
