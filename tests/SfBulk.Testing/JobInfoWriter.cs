using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using SfBulk.Models;

namespace SfBulk.Testing;

/// <summary>
/// Writes a <see cref="JobInfo"/> as Salesforce does: XML in the wsc/doc element order with <c>Z</c> dates, JSON with
/// <c>+0000</c> dates and a numeric <c>apiVersion</c>; absent (null) fields are omitted. The library only reads
/// JobInfo, so this writer lives with the tests (round trips) and the benchmarks.
/// </summary>
public static class JobInfoWriter
{
    private const string BulkV1Namespace = "http://www.force.com/2009/06/asyncapi/dataload";

    public static byte[] ToXml(JobInfo job)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = " " };
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("jobInfo", BulkV1Namespace);
            foreach (var (name, value, _) in Fields(job, json: false))
            {
                w.WriteElementString(name, BulkV1Namespace, value);
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    public static byte[] ToJson(JobInfo job)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            foreach (var (name, value, isRaw) in Fields(job, json: true).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (isRaw)
                {
                    w.WritePropertyName(name);
                    w.WriteRawValue(value);
                }
                else
                {
                    w.WriteString(name, value);
                }
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The fields in wire order; <c>IsRaw</c> marks numbers and booleans (unquoted in JSON).</summary>
    private static IEnumerable<(string Name, string Value, bool IsRaw)> Fields(JobInfo j, bool json)
    {
        string Date(DateTimeOffset d) =>
            d.UtcDateTime.ToString(json ? "yyyy-MM-dd'T'HH:mm:ss.fff'+0000'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        static string B(bool b) => b ? "true" : "false";

        yield return ("id", j.Id, false);
        yield return ("operation", j.Operation.ToString(), false);
        yield return ("object", j.Object, false);
        yield return ("createdById", j.CreatedById, false);
        yield return ("createdDate", Date(j.CreatedDate), false);
        yield return ("systemModstamp", Date(j.SystemModstamp), false);
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
