using System.Globalization;
using System.Text.Json;
using SfBulk.Models;

namespace SfBulk.Cli.Output;

/// <summary>
/// JobInfo and BatchInfo as JSON with Salesforce's field names (<c>id</c>, <c>state</c>, <c>numberBatchesTotal</c>, …)
/// in Salesforce's order; dates as ISO 8601 UTC (<c>2026-01-31T12:00:00.000Z</c>); fields Salesforce did not send
/// are left out. The fields come from the library (<see cref="JobInfo.WriteJsonProperties"/>,
/// <see cref="BatchInfo.WriteJsonProperties"/>).
/// </summary>
internal static class JobJson
{
    public static void WriteJob(Utf8JsonWriter w, JobInfo j, Action<Utf8JsonWriter>? extra = null)
    {
        w.WriteStartObject();
        j.WriteJsonProperties(w);
        extra?.Invoke(w);
        w.WriteEndObject();
    }

    public static void WriteBatch(Utf8JsonWriter w, BatchInfo b)
    {
        w.WriteStartObject();
        b.WriteJsonProperties(w);
        w.WriteEndObject();
    }

    /// <summary>A failure as <c>{"errorCode":…,"statusCode":…,"message":…}</c>.</summary>
    public static void WriteError(Utf8JsonWriter w, string propertyName, Exception e)
    {
        w.WriteStartObject(propertyName);
        if (e is SalesforceException se)
        {
            Optional(w, "errorCode", se.ErrorCode);
            if (se.StatusCode is { } status)
            {
                w.WriteNumber("statusCode", (int)status);
            }
        }

        w.WriteString("message", e.Message);
        w.WriteEndObject();
    }

    public static string Date(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
