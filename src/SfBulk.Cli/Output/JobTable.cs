using System.Globalization;
using SfBulk.Models;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SfBulk.Cli.Output;

/// <summary>Readable tables for jobs: one job's details, or a list of jobs.</summary>
internal static class JobTable
{
    /// <summary>One job: a field/value grid.</summary>
    public static void WriteJob(IAnsiConsole console, JobInfo j)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        void Row(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value));
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
            Row("Batches", Invariant($"{j.NumberBatchesTotal} total: {j.NumberBatchesQueued} queued, {j.NumberBatchesInProgress} in progress, {j.NumberBatchesCompleted} completed, {j.NumberBatchesFailed} failed"));
        }

        Row("Records", Invariant($"{j.NumberRecordsProcessed} processed, {j.NumberRecordsFailed} failed"));
        Row("Processing", Invariant($"{j.TotalProcessingTime} ms total, {j.ApiActiveProcessingTime} ms API, {j.ApexProcessingTime} ms Apex"));
        Row("Retries", j.NumberRetries > 0 ? j.NumberRetries.ToString(CultureInfo.InvariantCulture) : j.Retries?.ToString(CultureInfo.InvariantCulture));
        Row("API version", j.ApiVersion.ToString(CultureInfo.InvariantCulture));
        Row("Query", j.Query);
        Row("Error", j.ErrorMessage);
        console.Write(grid);
    }

    /// <summary>Several jobs: one row each.</summary>
    public static void WriteList(IAnsiConsole console, IReadOnlyList<JobInfo> jobs, DateTimeOffset now)
    {
        new LongTable()
            .Column("Id").Column("Type").Column("Operation").Column("Object").Column("State")
            .Column("Created (UTC)").Column("Age", rightAligned: true)
            .Column("Batches", rightAligned: true).Column("Records", rightAligned: true)
            .Write(console, jobs, j =>
            [
                j.Id,
                j.JobType?.ToString() ?? string.Empty,
                j.Operation.ToString(),
                j.Object,
                j.State.ToString(),
                Date(j.CreatedDate),
                Age(now - j.CreatedDate),
                Invariant($"{j.NumberBatchesCompleted}/{j.NumberBatchesTotal}"),
                j.NumberRecordsProcessed.ToString(CultureInfo.InvariantCulture),
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

    private static Text Cell(string value) => new(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
