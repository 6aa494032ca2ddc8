using SfBulk.Journal;

namespace SfBulk.Cli.Tests.Journal;

/// <summary>A temporary XDG_STATE_HOME, so tests never touch the real journal; deleted on dispose.</summary>
public sealed class JournalFolder : IDisposable
{
    public string StateHome { get; } = Path.Combine(Path.GetTempPath(), "sfbulk-cli-journal", Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(StateHome, "sfbulk", "journal.jsonl");

    public Dictionary<string, string?> Environment => new() { ["XDG_STATE_HOME"] = StateHome };

    public IReadOnlyList<JobJournalEntry> Read(List<string>? warnings = null) => JsonLinesJobJournal.Read(FilePath, warnings is null ? null : warnings.Add);

    public void Dispose()
    {
        if (Directory.Exists(StateHome))
        {
            Directory.Delete(StateHome, recursive: true);
        }
    }
}
