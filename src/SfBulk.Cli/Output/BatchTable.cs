using System.Globalization;
using SfBulk.Models;
using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>The batches of a Bulk API 1.0 job: counts per state, then one row per batch.</summary>
internal static class BatchTable
{
    /// <summary><c>10 batches: 1 NotProcessed, 9 Completed</c>.</summary>
    public static string Summary(IReadOnlyList<BatchInfo> batches) =>
        string.Create(CultureInfo.InvariantCulture, $"{batches.Count} batches")
        + (batches.Count == 0 ? string.Empty : ": " + string.Join(", ", batches
            .GroupBy(b => b.State.ToString(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"))));

    public static void Write(IAnsiConsole console, IReadOnlyList<BatchInfo> batches)
    {
        console.Line(Summary(batches));
        if (batches.Count == 0)
        {
            return;
        }

        new LongTable()
            .Column("Batch").Column("State").Column("Processed", rightAligned: true)
            .Column("Failed", rightAligned: true).Column("Created (UTC)", fit: ColumnFit.Drop).Column("Message", fit: ColumnFit.Wrap)
            .Write(console, batches, b =>
            [
                b.Id,
                b.State.ToString(),
                b.NumberRecordsProcessed.ToString("N0", CultureInfo.InvariantCulture),
                b.NumberRecordsFailed.ToString("N0", CultureInfo.InvariantCulture),
                JobTable.Date(b.CreatedDate),
                b.StateMessage ?? string.Empty,
            ]);
    }
}
