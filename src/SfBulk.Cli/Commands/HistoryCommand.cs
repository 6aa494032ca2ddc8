using System.CommandLine;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using SfBulk.Jobs;
using SfBulk.Journal;
using Spectre.Console;

namespace SfBulk.Cli.Commands;

/// <summary><c>sfbulk history [--since d] [--job id] [--org id]</c>: the journal of state changes sfbulk made.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var since = InputRules.Duration("--since", "Only changes made within this long before now (for example 24h or 7d).");
        var job = new Option<string>("--job")
        {
            Description = "Only changes to this job (15 or 18 characters).",
            HelpName = "id",
        };
        job.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !JobId.TryNormalize(r.Tokens[0].Value, out _, out var error))
            {
                r.AddError("--job: " + error);
            }
        });
        var org = new Option<string>("--org")
        {
            Description = "Only changes in this org (its 15- or 18-character id, starting with 00D).",
            HelpName = "id",
        };
        org.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !IsOrgId(r.Tokens[0].Value))
            {
                r.AddError($"--org: '{r.Tokens[0].Value}' is not an org id (15 or 18 letters and digits starting with 00D).");
            }
        });

        var command = new Command("history", "Show the journal: every close, abort and upload complete sfbulk made, oldest first.") { since, job, org };
        return command.WithAction((context, _) =>
        {
            var parse = context.Parse;
            var path = JournalSettings.FilePath();
            var entries = JsonLinesJobJournal.Read(path, context.Warn);
            var jobId = parse.GetValue(job) is { } j ? JobId.Normalize(j) : null;
            var orgId = parse.GetValue(org);
            var from = parse.GetValue(since) is { } d ? DateTimeOffset.UtcNow - d : (DateTimeOffset?)null;
            var shown = entries
                .Where(e => from is null || e.Time >= from)
                .Where(e => jobId is null || string.Equals(e.JobId, jobId, StringComparison.Ordinal))
                .Where(e => orgId is null || SameOrg(e.OrgId, orgId))
                .ToList();
            if (context.Json)
            {
                JsonOutput.Write(w => HistoryOutput.WriteJson(w, shown));
            }
            else if (shown.Count == 0)
            {
                Terminal.Out.WriteLine(entries.Count == 0 ? $"The journal is empty ({path})." : "No journal entry matches.");
            }
            else
            {
                HistoryOutput.WriteTable(Terminal.Out, shown);
            }

            return Task.FromResult(ExitCodes.Success);
        });
    }

    private static bool IsOrgId(string text) =>
        text.Length is 15 or 18 && text.StartsWith("00D", StringComparison.Ordinal) && text.All(char.IsAsciiLetterOrDigit);

    /// <summary>Org ids match on their first 15 characters (the 18-character form only adds a checksum).</summary>
    private static bool SameOrg(string? recorded, string wanted) =>
        recorded is { Length: >= 15 } && string.Equals(recorded[..15], wanted[..15], StringComparison.Ordinal);
}
