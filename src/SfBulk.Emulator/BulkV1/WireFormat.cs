using System.Globalization;

namespace SfBulk.Emulator.BulkV1;

/// <summary>The two Bulk API 1.0 response dialects.</summary>
internal enum WireFormat
{
    Xml,
    Json,
}

/// <summary>
/// Wire constants of Bulk API 1.0 and the "Content Type Header" rule: responses of CSV and XML jobs are XML, of
/// JSON jobs JSON; before the job is known the request's Content-Type decides, XML by default.
/// </summary>
internal static class Wire
{
    public const string Namespace = "http://www.force.com/2009/06/asyncapi/dataload";
    public const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    public const string XmlContentType = "application/xml";
    public const string JsonContentType = "application/json";
    public const string CsvContentType = "text/csv";

    /// <summary>The job content types Bulk API 1.0 accepts.</summary>
    public static bool IsJobContentType(string value) =>
        value is "CSV" or "XML" or "JSON" or "ZIP_CSV" or "ZIP_XML" or "ZIP_JSON";

    public static WireFormat ForJob(string jobContentType) =>
        jobContentType is "JSON" or "ZIP_JSON" ? WireFormat.Json : WireFormat.Xml;

    public static WireFormat ForRequest(string? requestContentType) =>
        requestContentType is not null && requestContentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? WireFormat.Json
            : WireFormat.Xml;

    public static string MediaType(WireFormat format) => format == WireFormat.Json ? JsonContentType : XmlContentType;

    /// <summary>XML dates: <c>2009-04-14T18:15:59.000Z</c> (Salesforce stores whole seconds).</summary>
    public static string XmlDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", CultureInfo.InvariantCulture);

    /// <summary>JSON dates: <c>2015-11-19T01:45:03.000+0000</c>.</summary>
    public static string JsonDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000+0000'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The batch media type a job of <paramref name="jobContentType"/> takes (query batches too), compared on the
    /// media type alone so that <c>; charset=UTF-8</c> is accepted.
    /// </summary>
    public static bool BatchMatchesJob(string? requestContentType, string jobContentType)
    {
        if (string.IsNullOrWhiteSpace(requestContentType))
        {
            return false;
        }

        var semicolon = requestContentType.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? requestContentType : requestContentType[..semicolon]).Trim();
        return jobContentType switch
        {
            "CSV" => media.Equals("text/csv", StringComparison.OrdinalIgnoreCase),
            "XML" => media.Equals("application/xml", StringComparison.OrdinalIgnoreCase) || media.Equals("text/xml", StringComparison.OrdinalIgnoreCase),
            "JSON" => media.Equals("application/json", StringComparison.OrdinalIgnoreCase),
            "ZIP_CSV" => media.Equals("zip/csv", StringComparison.OrdinalIgnoreCase),
            "ZIP_XML" => media.Equals("zip/xml", StringComparison.OrdinalIgnoreCase),
            "ZIP_JSON" => media.Equals("zip/json", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }
}
