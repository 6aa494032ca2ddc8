using System.Text.Json;
using SfBulk.Cli.Infrastructure;
using SfBulk.Models;
using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>
/// How closing one job ended: a result, the failure, <see cref="NotAttempted"/> after an earlier login failure, or
/// neither when Ctrl+C came first (<see cref="Cancelled"/>).
/// </summary>
internal sealed record CloseOutcomeEntry(string JobId, CloseJobResult? Result, Exception? Error)
{
    /// <summary>The command was cancelled before this job's close finished: the job may or may not have changed state.</summary>
    public bool Cancelled => Result is null && Error is null && !NotAttempted;

    /// <summary>Logging in failed for an earlier job, so this one was not tried (and not changed).</summary>
    public bool NotAttempted { get; init; }
}

/// <summary>Reports close/abort outcomes: every job on standard output, failures' details on standard error.</summary>
internal static class CloseReport
{
    /// <summary><c>closed</c>, <c>aborted</c>, <c>already closed</c>, <c>already aborted</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public static string Word(CloseOutcomeEntry e) => e.Result?.Outcome switch
    {
        CloseOutcome.Closed => "closed",
        CloseOutcome.Aborted => "aborted",
        CloseOutcome.AlreadyClosed => "already closed",
        CloseOutcome.AlreadyAborted => "already aborted",
        _ => e.NotAttempted ? "not attempted" : e.Cancelled ? "cancelled" : "failed",
    };

    /// <summary>The JSON spelling of the outcome: <c>closed</c>, <c>aborted</c>, <c>alreadyClosed</c>, <c>alreadyAborted</c>, <c>failed</c>, <c>cancelled</c>.</summary>
    public static string JsonWord(CloseOutcomeEntry e) => e.Result?.Outcome switch
    {
        CloseOutcome.Closed => "closed",
        CloseOutcome.Aborted => "aborted",
        CloseOutcome.AlreadyClosed => "alreadyClosed",
        CloseOutcome.AlreadyAborted => "alreadyAborted",
        _ => e.NotAttempted ? "notAttempted" : e.Cancelled ? "cancelled" : "failed",
    };

    public static void Write(CommandContext context, IReadOnlyList<CloseOutcomeEntry> outcomes)
    {
        if (context.Json)
        {
            JsonOutput.Write(w =>
            {
                if (outcomes.Count == 1)
                {
                    WriteJson(w, outcomes[0]);
                    return;
                }

                w.WriteStartArray();
                foreach (var outcome in outcomes)
                {
                    WriteJson(w, outcome);
                    JsonOutput.Pace(w);
                }

                w.WriteEndArray();
            });
        }
        else
        {
            var table = new Table().Border(TableBorder.None).HideHeaders().AddColumn("Job").AddColumn("Result").AddColumn("Details");
            foreach (var e in outcomes)
            {
                var details = e.Result is { } r
                    ? $"{r.Job.State} · {r.Job.Operation} {r.Job.Object}{(UploadCompleted(e) ? " · " + UploadCompletedNote : string.Empty)}"
                    : e.NotAttempted ? NotAttemptedDetails
                    : e.Cancelled ? CancelledDetails
                    : e.Error is SalesforceException { ErrorCode: { } code } ? code : "see the error below";
                table.AddRow(new Text(e.JobId), new Text(Word(e)), new Text(details));
            }

            Terminal.Out.Write(table);
        }

        var failures = outcomes.Where(o => o.Error is not null).ToList();
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"error: {failure.JobId}: {ErrorReporter.Describe(failure.Error!)}");
        }

        if (failures.Count > 0 && context.Verbosity > Verbosity.Quiet && ErrorReporter.Hint(failures[0].Error!) is { } hint)
        {
            Console.Error.WriteLine("hint: " + hint);
        }

        var cancelled = outcomes.Count(o => o.Cancelled);
        var notAttempted = outcomes.Count(o => o.NotAttempted);
        if (outcomes.Count > 1 && context.Verbosity > Verbosity.Quiet)
        {
            var done = outcomes.Count - failures.Count - cancelled - notAttempted;
            Console.Error.WriteLine(failures.Count == 0 && cancelled == 0 && notAttempted == 0
                ? $"All {outcomes.Count} jobs done."
                : $"{done} of {outcomes.Count} jobs done{(failures.Count > 0 ? $", {failures.Count} failed" : string.Empty)}{(notAttempted > 0 ? $", {notAttempted} not attempted" : string.Empty)}{(cancelled > 0 ? $", {cancelled} cancelled" : string.Empty)}.");
        }
    }

    /// <summary>What closing a Bulk API 2.0 ingest job means: its upload is complete and Salesforce processes the data now.</summary>
    public const string UploadCompletedNote = "upload marked complete: Salesforce now processes the uploaded data";

    /// <summary>True when this close moved a Bulk API 2.0 ingest job from Open to UploadComplete.</summary>
    public static bool UploadCompleted(CloseOutcomeEntry e) =>
        e.Result is { Outcome: CloseOutcome.Closed, Api: BulkApi.V2 } r && r.Job.JobType != BulkJobType.V2Query;

    private const string CancelledDetails = "not finished: cancelled; the job may or may not have changed state";

    private const string NotAttemptedDetails = "not attempted: logging in failed (see the error); the job was not changed";

    /// <summary>0 when every job is in the requested state; the failure's code for one job (or when every failure agrees); else 1.</summary>
    public static int ExitCode(IReadOnlyList<CloseOutcomeEntry> outcomes)
    {
        var failures = outcomes.Where(o => o.Error is not null).Select(o => ErrorReporter.ExitCodeOf(o.Error!)).ToList();
        var notAttempted = outcomes.Count(o => o.NotAttempted);
        if (failures.Count == 0 && notAttempted == 0)
        {
            return ExitCodes.Success;
        }

        // Jobs not attempted after a login failure share that failure's exit code.
        return failures.Count > 0 && failures.Count + notAttempted == outcomes.Count && failures.Distinct().Count() == 1 ? failures[0] : ExitCodes.PartialFailure;
    }

    private static void WriteJson(Utf8JsonWriter w, CloseOutcomeEntry e)
    {
        if (e.Result is { } result)
        {
            JobJson.WriteJob(w, result.Job, x =>
            {
                x.WriteString("outcome", JsonWord(e));
                if (UploadCompleted(e))
                {
                    x.WriteString("note", UploadCompletedNote);
                }
            });
            return;
        }

        w.WriteStartObject();
        w.WriteString("id", e.JobId);
        w.WriteString("outcome", JsonWord(e));
        if (e.Error is { } error)
        {
            JobJson.WriteError(w, "error", error);
        }
        else
        {
            w.WriteString("reason", e.NotAttempted ? NotAttemptedDetails : CancelledDetails);
        }

        w.WriteEndObject();
    }
}
