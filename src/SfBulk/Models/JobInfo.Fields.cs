using System.Globalization;
using System.Text.Json;

namespace SfBulk.Models;

/// <summary>The one list of a job's fields, with Salesforce's names and order, shared by every writer of a <see cref="JobInfo"/>.</summary>
public sealed partial record JobInfo
{
    /// <summary>
    /// Writes the fields Salesforce sent as JSON properties of the object <paramref name="writer"/> is in: Salesforce's
    /// names in Salesforce's order (<c>id</c>, <c>operation</c>, <c>object</c>, … <c>numberBatchesTotal</c>, …),
    /// numbers and flags unquoted, dates as ISO 8601 UTC with milliseconds (<c>2026-01-31T12:00:00.000Z</c>); fields
    /// Salesforce did not send are left out.
    /// </summary>
    /// <param name="writer">The writer, inside an object.</param>
    public void WriteJsonProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var (name, value, isRaw) in Fields(IsoDate))
        {
            if (isRaw)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(value, skipInputValidation: true);
            }
            else
            {
                writer.WriteString(name, value);
            }
        }
    }

    /// <summary>A date as ISO 8601 UTC with milliseconds.</summary>
    internal static string IsoDate(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The fields in wire order; <c>IsRaw</c> marks numbers and booleans (unquoted in JSON).</summary>
    internal IEnumerable<(string Name, string Value, bool IsRaw)> Fields(Func<DateTimeOffset, string> date)
    {
        var j = this;
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        static string B(bool b) => b ? "true" : "false";

        yield return ("id", j.Id, false);
        yield return ("operation", j.Operation.ToString(), false);
        yield return ("object", j.Object, false);
        yield return ("createdById", j.CreatedById, false);
        yield return ("createdDate", date(j.CreatedDate), false);
        yield return ("systemModstamp", date(j.SystemModstamp), false);
        yield return ("state", j.State.ToString(), false);
        if (j.ExternalIdFieldName is { } ext)
        {
            yield return ("externalIdFieldName", ext, false);
        }

        if (j.ConcurrencyMode is { } mode)
        {
            yield return ("concurrencyMode", mode.ToString(), false);
        }

        if (j.ContentType is { } type)
        {
            yield return ("contentType", type.ToString(), false);
        }

        yield return ("numberBatchesQueued", N(j.NumberBatchesQueued), true);
        yield return ("numberBatchesInProgress", N(j.NumberBatchesInProgress), true);
        yield return ("numberBatchesCompleted", N(j.NumberBatchesCompleted), true);
        yield return ("numberBatchesFailed", N(j.NumberBatchesFailed), true);
        yield return ("numberBatchesTotal", N(j.NumberBatchesTotal), true);
        yield return ("numberRecordsProcessed", N(j.NumberRecordsProcessed), true);
        yield return ("numberRetries", N(j.NumberRetries), true);
        yield return ("apiVersion", j.ApiVersion.ToString(CultureInfo.InvariantCulture), true);
        if (j.AssignmentRuleId is { } rule)
        {
            yield return ("assignmentRuleId", rule, false);
        }

        yield return ("numberRecordsFailed", N(j.NumberRecordsFailed), true);
        yield return ("totalProcessingTime", N(j.TotalProcessingTime), true);
        yield return ("apiActiveProcessingTime", N(j.ApiActiveProcessingTime), true);
        yield return ("apexProcessingTime", N(j.ApexProcessingTime), true);
        if (j.FastPathEnabled is { } fast)
        {
            yield return ("fastPathEnabled", B(fast), true);
        }

        foreach (var extra in V2Fields(j))
        {
            yield return extra;
        }
    }

    private static IEnumerable<(string Name, string Value, bool IsRaw)> V2Fields(JobInfo j)
    {
        if (j.JobType is { } jobType)
        {
            yield return ("jobType", jobType.ToString(), false);
        }

        if (j.ContentUrl is { } url)
        {
            yield return ("contentUrl", url, false);
        }

        if (j.LineEnding is { } le)
        {
            yield return ("lineEnding", le, false);
        }

        if (j.ColumnDelimiter is { } cd)
        {
            yield return ("columnDelimiter", cd, false);
        }

        if (j.ErrorMessage is { } em)
        {
            yield return ("errorMessage", em, false);
        }

        if (j.Retries is { } retries)
        {
            yield return ("retries", retries.ToString(CultureInfo.InvariantCulture), true);
        }

        if (j.IsPkChunkingSupported is { } pk)
        {
            yield return ("isPkChunkingSupported", pk ? "true" : "false", true);
        }

        if (j.Query is { } q)
        {
            yield return ("query", q, false);
        }
    }
}
