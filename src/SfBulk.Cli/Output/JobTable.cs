using System.Globalization;
using SfBulk.Models;
using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>Readable tables for jobs: one job's details, or a list of jobs.</summary>
internal static class JobTable
{
    /// <summary>One job: a field/value list, names padded to one width, no space at the end of a line.</summary>
    public static void WriteJob(IAnsiConsole console, JobInfo j)
    {
        var writer = console.Profile.Out.Writer;
        foreach (var line in JobLines(j, console.Profile.Width))
        {
            writer.Write(line);
            writer.Write('\n');
        }

        writer.Flush();
    }

    /// <summary>The lines of <see cref="WriteJob"/>; a value too long for <paramref name="width"/> wraps under itself.</summary>
    public static IEnumerable<string> JobLines(JobInfo j, int width)
    {
        var rows = new List<(string Name, string Value)>();
        void Row(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                rows.Add((name, value));
            }
        }

        Row("Id", j.Id);
        Row("State", j.State.ToString());
        Row("Job type", j.JobType?.ToString() ?? "Classic");
        Row("Operation", j.Operation.ToString());
        Row("Object", j.Object);
        Row("Created", Date(j.CreatedDate) + " by " + j.CreatedById);
        Row("Modified", Date(j.SystemModstamp));
        Row("Content type", j.ContentType?.ToString());
        Row("Concurrency", j.ConcurrencyMode?.ToString());
        Row("External id", j.ExternalIdFieldName);
        if (j.NumberBatchesTotal > 0 || j.JobType is null || j.JobType == BulkJobType.Classic)
        {
            Row("Batches", Batches(j));
        }

        Row("Records", Invariant($"{j.NumberRecordsProcessed:N0} processed, {j.NumberRecordsFailed:N0} failed"));
        Row("Processing", Invariant($"{j.TotalProcessingTime:N0} ms total, {j.ApiActiveProcessingTime:N0} ms API, {j.ApexProcessingTime:N0} ms Apex"));
        Row("Retries", j.NumberRetries > 0 ? j.NumberRetries.ToString("N0", CultureInfo.InvariantCulture) : j.Retries?.ToString("N0", CultureInfo.InvariantCulture));
        Row("API version", j.ApiVersion.ToString(CultureInfo.InvariantCulture));
        Row("Query", j.Query);
        Row("Error", j.ErrorMessage);
        var names = rows.Max(r => r.Name.Length) + 2;
        var room = Math.Max(20, width - names - 1);
        return rows.SelectMany(r => LongTable.Wrap(r.Value, room).Select((part, i) => ((i == 0 ? r.Name : string.Empty).PadRight(names) + part).TrimEnd()));
    }

    /// <summary>
    /// <c>11 total: 0 queued, 0 in progress, 10 completed, 0 failed, 1 not processed</c> (the not processed ones are
    /// those the counts leave over: a PK-chunked job's original batch, batches of an aborted job).
    /// </summary>
    public static string Batches(JobInfo j)
    {
        var notProcessed = Math.Max(0, j.NumberBatchesTotal - j.NumberBatchesQueued - j.NumberBatchesInProgress - j.NumberBatchesCompleted - j.NumberBatchesFailed);
        return Invariant($"{j.NumberBatchesTotal:N0} total: {j.NumberBatchesQueued:N0} queued, {j.NumberBatchesInProgress:N0} in progress, {j.NumberBatchesCompleted:N0} completed, {j.NumberBatchesFailed:N0} failed")
            + (notProcessed > 0 ? Invariant($", {notProcessed:N0} not processed") : string.Empty);
    }

    /// <summary>
    /// Several jobs: one row each. A job list does not carry batch or record counts (Salesforce's list leaves them
    /// out), so the table has none: <c>sfbulk show &lt;job-id&gt;</c> reads them.
    /// </summary>
    public static void WriteList(IAnsiConsole console, IReadOnlyList<JobInfo> jobs, DateTimeOffset now)
    {
        new LongTable()
            .Column("Id").Column("Type", fit: ColumnFit.Drop).Column("Operation", fit: ColumnFit.Drop, dropRank: 1).Column("Object", fit: ColumnFit.Wrap).Column("State")
            .Column("Created by").Column("Created (UTC)", fit: ColumnFit.Drop).Column("Age", rightAligned: true)
            .Write(console, jobs, j =>
            [
                j.Id,
                j.JobType?.ToString() ?? string.Empty,
                j.Operation.ToString(),
                j.Object,
                j.State.ToString(),
                j.CreatedById,
                Date(j.CreatedDate),
                Age(now - j.CreatedDate),
            ]);
    }

    /// <summary>A compact age: <c>45s</c>, <c>12m</c>, <c>3h</c>, <c>9d</c>.</summary>
    public static string Age(TimeSpan age) =>
        age < TimeSpan.Zero ? "0s"
        : age.TotalMinutes < 1 ? Invariant($"{(int)age.TotalSeconds}s")
        : age.TotalHours < 1 ? Invariant($"{(int)age.TotalMinutes}m")
        : age.TotalDays < 1 ? Invariant($"{(int)age.TotalHours}h")
        : Invariant($"{(int)age.TotalDays}d");

    public static string Date(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>What a table shows where a count is unknown or does not apply.</summary>
    public const string Unknown = "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
