using System.Globalization;
using System.Text;
using SfBulk.Emulator.Identity;

namespace SfBulk.Emulator.Data;

/// <summary>
/// Streams the generated records of a query result file. Record <c>k</c> (0-based) of an object has the id
/// <c>SalesforceIds.Create(keyPrefix, k + 1)</c> and the Name "<c>{Object} {k + 1}</c>"; other fields are empty.
/// </summary>
internal static class QueryResultWriter
{
    /// <summary>Body of an empty CSV query result (Salesforce answers this text instead of a header row).</summary>
    public const string CsvNoRecords = "Records not found for this query";

    private const int RecordsPerWrite = 2_000;

    /// <summary>Writes records <paramref name="offset"/> … <paramref name="offset"/> + <paramref name="count"/> - 1.</summary>
    /// <param name="output">The response body.</param>
    /// <param name="format">The job's content type: CSV, XML or JSON (ZIP_* as their inner format).</param>
    /// <param name="query">The parsed query (fields and object).</param>
    /// <param name="offset">First record index.</param>
    /// <param name="count">Number of records.</param>
    /// <param name="apiVersion">The job's API version, used in JSON record URLs.</param>
    /// <param name="cancellationToken">Stops the stream when the client goes away.</param>
    public static async Task WriteAsync(Stream output, string format, SoqlQuery query, long offset, long count, string apiVersion, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var sb = new StringBuilder(64 * 1024);
            var prefix = ObjectCatalog.KeyPrefix(query.Object);
            var csv = format.EndsWith("CSV", StringComparison.Ordinal);
            var json = format.EndsWith("JSON", StringComparison.Ordinal);
            if (csv)
            {
                if (count == 0)
                {
                    await writer.WriteAsync(CsvNoRecords).ConfigureAwait(false);
                    return;
                }

                sb.AppendJoin(',', query.Fields.Select(f => "\"" + f + "\"")).Append('\n');
            }
            else if (json)
            {
                sb.Append('[');
            }
            else
            {
                sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><queryResult xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
            }

            for (long k = offset; k < offset + count; k++)
            {
                var number = (k + 1).ToString(CultureInfo.InvariantCulture);
                var id = SalesforceIds.Create(prefix, k + 1);
                if (csv)
                {
                    AppendCsv(sb, query, id, number);
                }
                else if (json)
                {
                    AppendJson(sb, query, id, number, apiVersion, first: k == offset);
                }
                else
                {
                    AppendXml(sb, query, id, number);
                }

                if ((k - offset + 1) % RecordsPerWrite == 0)
                {
                    await writer.WriteAsync(sb, cancellationToken).ConfigureAwait(false);
                    sb.Clear();
                }
            }

            sb.Append(csv ? string.Empty : json ? "]" : "</queryResult>");
            await writer.WriteAsync(sb, cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Value(string field, string objectName, string id, string number) =>
        field.Equals("Id", StringComparison.OrdinalIgnoreCase) ? id
        : field.Equals("Name", StringComparison.OrdinalIgnoreCase) ? objectName + " " + number
        : null;

    private static void AppendCsv(StringBuilder sb, SoqlQuery q, string id, string number)
    {
        for (var f = 0; f < q.Fields.Count; f++)
        {
            sb.Append(f == 0 ? "\"" : ",\"").Append(Value(q.Fields[f], q.Object, id, number)).Append('"');
        }

        sb.Append('\n');
    }

    private static void AppendXml(StringBuilder sb, SoqlQuery q, string id, string number)
    {
        sb.Append("<records xsi:type=\"sObject\"><type>").Append(q.Object).Append("</type>");
        foreach (var field in q.Fields)
        {
            var value = Value(field, q.Object, id, number);
            if (value is null)
            {
                sb.Append('<').Append(field).Append(" xsi:nil=\"true\"/>");
            }
            else
            {
                sb.Append('<').Append(field).Append('>').Append(value).Append("</").Append(field).Append('>');
            }
        }

        sb.Append("</records>");
    }

    private static void AppendJson(StringBuilder sb, SoqlQuery q, string id, string number, string apiVersion, bool first)
    {
        if (!first)
        {
            sb.Append(',');
        }

        sb.Append("{\"attributes\":{\"type\":\"").Append(q.Object).Append("\",\"url\":\"/services/data/v").Append(apiVersion)
            .Append("/sobjects/").Append(q.Object).Append('/').Append(id).Append("\"}");
        foreach (var field in q.Fields)
        {
            var value = Value(field, q.Object, id, number);
            sb.Append(",\"").Append(field).Append("\":");
            if (value is null)
            {
                sb.Append("null");
            }
            else
            {
                sb.Append('"').Append(value).Append('"');
            }
        }

        sb.Append('}');
    }
}
