using System.CommandLine;
using SfBulk.Journal;

namespace SfBulk.Cli.Infrastructure;

/// <summary>
/// Where the CLI keeps its journal of state changes: <c>$XDG_STATE_HOME/sfbulk/journal.jsonl</c>, else
/// <c>~/.local/state/sfbulk/journal.jsonl</c>; off with <c>--no-journal</c> or <c>SFBULK_JOURNAL=off</c>.
/// </summary>
internal static class JournalSettings
{
    public const string FileName = "journal.jsonl";

    /// <summary>Adds <c>--no-journal</c> to a command that changes jobs, and returns it.</summary>
    public static Option<bool> AddTo(Command command)
    {
        var option = new Option<bool>("--no-journal")
        {
            Description = "Do not record the state changes in the journal (see 'sfbulk history'); SFBULK_JOURNAL=off does the same.",
        };
        command.Add(option);
        return option;
    }

    /// <summary>True unless <c>SFBULK_JOURNAL</c> is <c>off</c>, <c>0</c>, <c>false</c> or <c>no</c>.</summary>
    public static bool EnabledByEnvironment =>
        Environment.GetEnvironmentVariable("SFBULK_JOURNAL")?.Trim().ToLowerInvariant() is not ("off" or "0" or "false" or "no");

    /// <summary>The journal file.</summary>
    /// <exception cref="CliException">Neither XDG_STATE_HOME nor a home folder is known.</exception>
    public static string FilePath()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrWhiteSpace(state) || !Path.IsPathRooted(state))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                throw new CliException("No home folder is known for the journal: set XDG_STATE_HOME, or pass --no-journal.", ExitCodes.UsageError);
            }

            state = Path.Combine(home, ".local", "state");
        }

        return Path.Combine(state, "sfbulk", FileName);
    }

    /// <summary>Client options that record changes as <paramref name="command"/>, unless the journal is off.</summary>
    public static BulkJobClientOptions ClientOptions(CommandContext context, Option<bool> noJournal, string command)
    {
        var options = new BulkJobClientOptions { JournalCommand = command };
        if (!context.Parse.GetValue(noJournal) && EnabledByEnvironment)
        {
            options.Journal = new JsonLinesJobJournal(FilePath())
            {
                WriteFailed = (entry, e) => context.Warn($"the change to job {entry.JobId} was made but could not be recorded in the journal: {e.Message}"),
            };
        }

        return options;
    }
}
