using System.Globalization;
using System.Text;
using SfBulk.Emulator.Identity;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV2;

/// <summary>
/// <c>GET /jobs/query/{id}/results?locator=&amp;maxRecords=</c>: pages of generated CSV rows with the
/// <c>Sforce-Locator</c> (literal <c>null</c> on the last page) and <c>Sforce-NumberOfRecords</c> headers.
/// Locators are the base64 of the next row offset, like Salesforce's (e.g. <c>MTAwMDA</c> = "10000").
/// </summary>
internal static class V2QueryResults
{
    /// <summary>Rows per page when the client sends no maxRecords (an emulator choice; Salesforce sizes pages by bytes).</summary>
    public const int DefaultPageSize = 10_000;

    public static async Task GetAsync(HttpContext context, OrgState state)
    {
        if (await V2Request.BeginJobAsync(context, state, JobKind.V2Query).ConfigureAwait(false) is not { } begun)
        {
            return;
        }

        var job = begun.Job;
        if (!string.Equals(begun.Version, job.ApiVersion, StringComparison.Ordinal))
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status409Conflict, "API_ERROR", "The API version of the request (" + begun.Version + ") does not match the API version of the job (" + job.ApiVersion + ")").ConfigureAwait(false);
            return;
        }

        string current;
        long total;
        lock (job.Gate)
        {
            current = job.StateAt(state.Now);
            total = job.V2RecordsProcessed;
        }

        // Code and wording for results of an unfinished job: unverified.
        if (current != JobStates.JobComplete)
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "INVALIDJOBSTATE", "Results are available once the job is JobComplete. Current job state is " + current).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query;
        long offset = 0;
        if (query.TryGetValue("locator", out var locatorValue) && !string.IsNullOrEmpty(locatorValue[0]) && !TryDecodeLocator(locatorValue[0]!, out offset))
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "INVALIDLOCATOR", "Invalid locator: " + locatorValue[0]).ConfigureAwait(false);
            return;
        }

        var pageSize = DefaultPageSize;
        if (query.TryGetValue("maxRecords", out var maxValue) && !string.IsNullOrEmpty(maxValue[0])
            && (!int.TryParse(maxValue[0], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize <= 0))
        {
            await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "INVALIDPARAMETER", "maxRecords must be a positive integer").ConfigureAwait(false);
            return;
        }

        offset = Math.Min(offset, total);
        var count = Math.Min(pageSize, total - offset);
        var next = offset + count;
        var soql = V2Soql.TryParse(job.Query) ?? new V2Soql(["Id"], job.Object, null);
        var csv = Render(job, soql, offset, count);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = V2Http.CsvContentType;
        context.Response.Headers["Sforce-Locator"] = next >= total ? "null" : EncodeLocator(next);
        context.Response.Headers["Sforce-NumberOfRecords"] = count.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsync(csv, context.RequestAborted).ConfigureAwait(false);
    }

    public static string EncodeLocator(long offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    public static bool TryDecodeLocator(string locator, out long offset)
    {
        offset = 0;
        var padded = locator + new string('=', (4 - (locator.Length % 4)) % 4);
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Render(EmulatedJob job, V2Soql soql, long offset, long count)
    {
        var delimiter = V2Csv.DelimiterChar(job.ColumnDelimiter);
        var newLine = V2Csv.NewLine(job.LineEnding);
        var prefix = V2IngestProcessing.KeyPrefix(job.Object);
        var b = new StringBuilder((int)Math.Min(64 + (count * 48), 64 * 1024 * 1024));
        for (var i = 0; i < soql.Fields.Count; i++)
        {
            (i > 0 ? b.Append(delimiter) : b).AppendQuoted(soql.Fields[i]);
        }

        b.Append(newLine);
        for (var row = offset; row < offset + count; row++)
        {
            var n = (row + 1).ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < soql.Fields.Count; i++)
            {
                var field = soql.Fields[i];
                var value = string.Equals(field, "Id", StringComparison.OrdinalIgnoreCase) ? SalesforceIds.Create(prefix, row + 1, "R0")
                    : string.Equals(field, "Name", StringComparison.OrdinalIgnoreCase) ? job.Object + " " + n
                    : field + " " + n;
                (i > 0 ? b.Append(delimiter) : b).AppendQuoted(value);
            }

            b.Append(newLine);
        }

        return b.ToString();
    }
}
