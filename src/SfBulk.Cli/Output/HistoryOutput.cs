using System.Globalization;
using System.Text.Json;
using SfBulk.Cli.Infrastructure;
using SfBulk.Journal;
using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>Journal entries as a table or JSON, and the notes a sweep prints about jobs sfbulk changed before.</summary>
internal static class HistoryOutput
{
    public static void WriteTable(IAnsiConsole console, IReadOnlyList<JobJournalEntry> entries)
    {
        new LongTable()
            .Column("Time (UTC)").Column("Command").Column("Job").Column("API").Column("State")
            .Column("Outcome").Column("Requests", rightAligned: true).Column("Org").Column("User").Column("Host")
            .Write(console, entries, e =>
            [
                JobTable.Date(e.Time),
                e.Command,
                e.JobId,
                e.Api,
                (e.StateBefore ?? "?") + " → " + (e.StateAfter ?? "?"),
                e.ErrorCode is null ? e.Outcome : e.Outcome + " (" + e.ErrorCode + ")",
                e.RequestsSpent.ToString(CultureInfo.InvariantCulture),
                e.OrgId ?? string.Empty,
                e.UserId ?? string.Empty,
                e.HostName,
            ]);
    }

    /// <summary>An array of entries with the journal's own member names.</summary>
    public static void WriteJson(Utf8JsonWriter json, IReadOnlyList<JobJournalEntry> entries)
    {
        json.WriteStartArray();
        foreach (var entry in entries)
        {
            JsonLinesJobJournal.WriteEntry(json, entry);
            JsonOutput.Pace(json);
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// One note on standard error per job among <paramref name="jobIds"/> that the journal shows sfbulk changed
    /// before: when, how and by which command.
    /// </summary>
    public static void WriteEarlierChanges(CommandContext context, IEnumerable<string> jobIds)
    {
        if (!JournalSettings.EnabledByEnvironment)
        {
            return;
        }

        IReadOnlyList<JobJournalEntry> entries;
        try
        {
            entries = JsonLinesJobJournal.Read(JournalSettings.FilePath(), context.Warn);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CliException)
        {
            context.Warn("the journal could not be read: " + e.Message);
            return;
        }

        var wanted = jobIds.ToHashSet(StringComparer.Ordinal);
        foreach (var group in entries.Where(e => wanted.Contains(e.JobId)).GroupBy(e => e.JobId, StringComparer.Ordinal))
        {
            var last = group.Last();
            var count = group.Count();
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"note: sfbulk changed job {group.Key} before: {last.Outcome} {JobTable.Date(last.Time)} UTC by '{last.Command}' on {last.HostName}{(count > 1 ? $" ({count} entries in the journal)" : string.Empty)}."));
        }
    }
}
