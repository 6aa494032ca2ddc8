using System.Text.Json;

namespace SfBulk.Emulator.BulkV2;

/// <summary>The CSV format fields of a 2.0 job-create body, with Salesforce's defaults.</summary>
internal readonly record struct V2CsvFormat(string ContentType, string LineEnding, string Delimiter)
{
    /// <summary>Reads <c>contentType</c>, <c>lineEnding</c> and <c>columnDelimiter</c> (defaults CSV, LF, COMMA).</summary>
    public static V2CsvFormat Read(JsonElement body) => new(
        body.GetString("contentType") ?? "CSV",
        body.GetString("lineEnding") ?? "LF",
        body.GetString("columnDelimiter") ?? "COMMA");

    /// <summary>The JSON_PARSER_ERROR message for the first value outside its enum, or null when all are valid.</summary>
    public string? Problem() =>
        ContentType != "CSV" ? V2IngestEndpoints.EnumProblem("ContentTypeEnum", ContentType)
        : !V2Csv.LineEndings.Contains(LineEnding, StringComparer.Ordinal) ? V2IngestEndpoints.EnumProblem("LineEndingEnum", LineEnding)
        : !V2Csv.Delimiters.Contains(Delimiter, StringComparer.Ordinal) ? V2IngestEndpoints.EnumProblem("ColumnDelimiterEnum", Delimiter)
        : null;
}
