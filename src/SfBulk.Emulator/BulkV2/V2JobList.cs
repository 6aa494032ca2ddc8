using System.Collections.Concurrent;
using System.Globalization;
using SfBulk.Emulator.Identity;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV2;

/// <summary>
/// Get All Jobs: <c>GET /jobs/ingest</c> and <c>GET /jobs/query</c>, 1,000 records a page. Per the Salesforce docs the
/// query list holds Bulk 2.0 query jobs and all Bulk 1.0 (Classic) jobs, query and ingest alike, and the ingest list
/// holds Bulk 2.0 ingest jobs and Classic jobs, so a Classic job appears in both lists. Pages follow creation order
/// (job sequence), and a query locator remembers the filters and the last sequence served, so jobs created while a
/// client pages never shift or repeat earlier pages.
/// </summary>
internal sealed class V2JobList
{
    public const int PageSize = 1000;

    private readonly ConcurrentDictionary<string, Cursor> _cursors = new(StringComparer.Ordinal);
    private long _cursorSequence;

    /// <summary>The filters of a listing and where its next page starts.</summary>
    private sealed record Cursor(JobKind[] Kinds, bool PkChunkingOnly, string? ConcurrencyMode, long AfterSequence, long Served);

    public async Task ListAsync(HttpContext context, OrgState state, bool queryList)
    {
        var listKind = queryList ? JobKind.V2Query : JobKind.V2Ingest;
        if (await V2Request.BeginAsync(context, state, listKind).ConfigureAwait(false) is not { } begun)
        {
            return;
        }

        var query = context.Request.Query;
        Cursor cursor;
        var locator = query["queryLocator"].ToString();
        if (locator.Length > 0)
        {
            // INVALID_QUERY_LOCATOR is the REST API's code for a stale locator; its use here is unverified.
            if (!_cursors.TryGetValue(locator, out var found))
            {
                await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_QUERY_LOCATOR", "invalid query locator").ConfigureAwait(false);
                return;
            }

            cursor = found;
        }
        else
        {
            var jobType = query["jobType"].ToString();
            string[] allowed = queryList ? ["Classic", "V2Query", "V2Ingest"] : ["BigObjectIngest", "Classic", "V2Ingest"];
            if (jobType.Length > 0 && !allowed.Contains(jobType, StringComparer.Ordinal))
            {
                await V2Http.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "INVALIDPARAMETER", "Invalid jobType: " + jobType + ". Valid values are " + string.Join(", ", allowed)).ConfigureAwait(false);
                return;
            }

            // The query list documents V2Ingest as a jobType value too; it holds no ingest jobs, so that filter
            // yields an empty list (unverified against a real org). BigObjectIngest jobs are never emulated.
            JobKind[] kinds = [JobKind.Classic, listKind];
            if (jobType.Length > 0)
            {
                kinds = [.. kinds.Where(k => string.Equals(k.ToString(), jobType, StringComparison.Ordinal))];
            }

            var pkOnly = string.Equals(query["isPkChunkingEnabled"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
            var mode = query["concurrencyMode"].ToString();
            cursor = new Cursor(kinds, pkOnly, mode.Length > 0 ? mode : null, 0, 0);
        }

        var now = state.Now;
        // One job more than a page says whether another page follows.
        var page = state.JobsAfter(cursor.AfterSequence, job => Matches(job, cursor), PageSize + 1);
        var more = page.Count > PageSize;
        if (more)
        {
            page.RemoveAt(PageSize);
        }

        string? nextUrl = null;
        if (more)
        {
            var served = cursor.Served + page.Count;
            var next = SalesforceIds.Create("01g", Interlocked.Increment(ref _cursorSequence)) + "-" + served.ToString(CultureInfo.InvariantCulture);
            _cursors[next] = cursor with { AfterSequence = page[^1].Sequence, Served = served };
            nextUrl = "/services/data/v" + begun.Version + "/jobs/" + (queryList ? "query" : "ingest") + "?queryLocator=" + next;
        }

        await V2Http.WriteJsonAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("done", !more);
            json.WriteStartArray("records");
            foreach (var job in page)
            {
                lock (job.Gate)
                {
                    V2JobInfoWriter.Write(json, job, V2JobInfoWriter.Shape.ListRecord, now);
                }
            }

            json.WriteEndArray();
            if (nextUrl is null)
            {
                json.WriteNull("nextRecordsUrl");
            }
            else
            {
                json.WriteString("nextRecordsUrl", nextUrl);
            }

            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static bool Matches(EmulatedJob job, Cursor cursor) =>
        Array.IndexOf(cursor.Kinds, job.Kind) >= 0
        && (!cursor.PkChunkingOnly || job.PkChunking is not null)
        && (cursor.ConcurrencyMode is null || string.Equals(cursor.ConcurrencyMode, job.ConcurrencyMode, StringComparison.OrdinalIgnoreCase));
}
