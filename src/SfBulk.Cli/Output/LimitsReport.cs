using System.Globalization;
using System.Text.Json;
using SfBulk.Limits;
using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>The allocations <c>sfbulk limits</c> shows: a table, or JSON keyed by Salesforce's names.</summary>
internal static class LimitsReport
{
    /// <summary>The allocations a Bulk API tool spends, in the order shown.</summary>
    public static readonly string[] BulkNames =
        ["DailyApiRequests", "DailyBulkApiBatches", "DailyBulkV2QueryJobs", "DailyBulkV2QueryFileStorageMB"];

    /// <summary>The Bulk allocations the org reported (renamed keys found under today's name), or every allocation.</summary>
    public static IReadOnlyList<OrgLimit> Select(OrgLimits limits, bool all) =>
        all
            ? [.. limits.All.Values.OrderBy(l => l.Name, StringComparer.Ordinal)]
            : [.. BulkNames.Select(limits.Find).OfType<OrgLimit>()];

    /// <summary>Bulk allocations the org did not report.</summary>
    public static IEnumerable<string> Missing(OrgLimits limits) => BulkNames.Where(n => limits.Find(n) is null);

    public static void WriteTable(IAnsiConsole console, IReadOnlyList<OrgLimit> limits)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Allocation")
            .AddColumn(new TableColumn("Max").RightAligned())
            .AddColumn(new TableColumn("Remaining").RightAligned())
            .AddColumn(new TableColumn("Used").RightAligned());
        foreach (var limit in limits)
        {
            table.AddRow(
                Markup.Escape(limit.Name),
                limit.Max.ToString("N0", CultureInfo.InvariantCulture),
                limit.Remaining.ToString("N0", CultureInfo.InvariantCulture),
                Share(limit.ShareUsed));
        }

        console.Write(table);
    }

    /// <summary><c>{"DailyApiRequests":{"Max":N,"Remaining":N,"used":N,"shareUsed":0.01},…}</c>: Salesforce's names and members, plus what sfbulk derives.</summary>
    public static void WriteJson(Utf8JsonWriter json, IReadOnlyList<OrgLimit> limits)
    {
        json.WriteStartObject();
        foreach (var limit in limits)
        {
            json.WriteStartObject(limit.Name);
            json.WriteNumber("Max", limit.Max);
            json.WriteNumber("Remaining", limit.Remaining);
            json.WriteNumber("used", limit.Used);
            json.WriteNumber("shareUsed", Math.Round(limit.ShareUsed, 4));
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary><c>12.5%</c>.</summary>
    public static string Share(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
