using System.Globalization;
using Microsoft.AspNetCore.Http;
using SfBulk.Models;

namespace SfBulk.Cli.Ui;

/// <summary>The jobs page's filters, sort and page, read from the query string (unknown values are ignored).</summary>
internal sealed class JobListQuery
{
    public const int MaxPageSize = 500;

    public string? State { get; private init; }

    public string? Api { get; private init; }

    public string? Object { get; private init; }

    public TimeSpan? OlderThan { get; private init; }

    public string? CreatedById { get; private init; }

    public bool PkOnly { get; private init; }

    public bool OpenOnly { get; private init; }

    public string Sort { get; private init; } = "age";

    public bool Descending { get; private init; }

    public int Page { get; private init; } = 1;

    public int PageSize { get; private init; } = 50;

    public bool Refresh { get; private init; }

    public static JobListQuery Parse(IQueryCollection q)
    {
        static string? Text(IQueryCollection q, string name) => q[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        static int Int(IQueryCollection q, string name, int fallback, int min, int max) =>
            int.TryParse(q[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? Math.Clamp(v, min, max) : fallback;

        return new JobListQuery
        {
            State = Text(q, "state"),
            Api = Text(q, "api") is "Classic" or "V2Ingest" or "V2Query" ? Text(q, "api") : null,
            Object = Text(q, "object"),
            OlderThan = long.TryParse(q["olderThan"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? TimeSpan.FromSeconds(s) : null,
            CreatedById = Text(q, "createdBy"),
            PkOnly = q["pk"] == "true",
            OpenOnly = q["open"] == "true",
            Sort = Text(q, "sort") is "id" or "object" or "operation" or "state" or "api" or "createdBy" or "age" or "batches" or "records" ? Text(q, "sort")! : "age",
            Descending = q["dir"] == "desc",
            Page = Int(q, "page", 1, 1, int.MaxValue),
            PageSize = Int(q, "pageSize", 50, 1, MaxPageSize),
            Refresh = q["refresh"] == "true",
        };
    }

    public bool Matches(JobInfo job, DateTimeOffset now) =>
        (State is null || string.Equals(job.State.ToString(), State, StringComparison.Ordinal))
        && (Api is null || JobKinds.Api(job) == Api)
        && (Object is null || job.Object.Contains(Object, StringComparison.OrdinalIgnoreCase))
        && (OlderThan is null || job.CreatedDate <= now - OlderThan.Value)
        && (CreatedById is null || SameId(job.CreatedById, CreatedById))
        && (!OpenOnly || JobKinds.IsOpen(job));

    public IEnumerable<JobInfo> Ordered(IEnumerable<JobInfo> jobs, Func<string, string> userName)
    {
        // Age ascending = newest first, like Setup's list.
        IOrderedEnumerable<JobInfo> ordered = Sort switch
        {
            "id" => jobs.OrderBy(j => j.Id, StringComparer.Ordinal),
            "object" => jobs.OrderBy(j => j.Object, StringComparer.OrdinalIgnoreCase),
            "operation" => jobs.OrderBy(j => j.Operation.ToString(), StringComparer.Ordinal),
            "state" => jobs.OrderBy(j => j.State.ToString(), StringComparer.Ordinal),
            "api" => jobs.OrderBy(JobKinds.Api, StringComparer.Ordinal),
            "createdBy" => jobs.OrderBy(j => userName(j.CreatedById), StringComparer.OrdinalIgnoreCase),
            "batches" => jobs.OrderBy(j => j.NumberBatchesTotal),
            "records" => jobs.OrderBy(j => j.NumberRecordsProcessed),
            _ => jobs.OrderByDescending(j => j.CreatedDate),
        };
        ordered = ordered.ThenByDescending(j => j.CreatedDate).ThenBy(j => j.Id, StringComparer.Ordinal);
        return Descending ? ordered.Reverse() : ordered;
    }

    public static bool SameId(string a, string b) =>
        a.Length >= 15 && b.Length >= 15 && string.Equals(a[..15], b[..15], StringComparison.Ordinal);
}
