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
    /// <summary>The id of the user who created the job, when a failure made sfbulk read it (InvalidUser).</summary>
    public string? CreatedById { get; init; }

    /// <summary>The command was cancelled before this job's close finished: the job may or may not have changed state.</summary>
    public bool Cancelled => Result is null && Error is null && !NotAttempted;

    /// <summary>Logging in failed for an earlier job, so this one was not tried (and not changed).</summary>
    public bool NotAttempted { get; init; }

    /// <summary>A close (target Closed) found the job aborted: not a success, the job was not closed.</summary>
    public bool AbortedNotClosed => Result is { Outcome: CloseOutcome.AlreadyAborted, WasAlreadyInRequestedState: false };
}

/// <summary>
/// Reports close/abort outcomes: every job on standard output, failures' details on standard error. The JSON is always
/// an array (one element per job, even for one job), so scripts read one shape.
/// </summary>
internal static class CloseReport
{
    /// <summary><c>closed</c>, <c>aborted</c>, <c>already closed</c>, <c>already aborted</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public static string Word(CloseOutcomeEntry e) =>
        e.Result is { } r ? OutcomeWords.Text(r.Outcome) : e.NotAttempted ? "not attempted" : e.Cancelled ? "cancelled" : "failed";

    /// <summary>The JSON spelling of the outcome: <c>closed</c>, <c>aborted</c>, <c>alreadyClosed</c>, <c>alreadyAborted</c>, <c>failed</c>, <c>cancelled</c>.</summary>
    public static string JsonWord(CloseOutcomeEntry e) =>
        e.Result is { } r ? OutcomeWords.Json(r.Outcome) : e.NotAttempted ? "notAttempted" : e.Cancelled ? "cancelled" : "failed";

    public static void Write(CommandContext context, IReadOnlyList<CloseOutcomeEntry> outcomes, bool aborting = false)
    {
        if (context.Json)
        {
            JsonOutput.Write(w =>
            {
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
            new LongTable().NoHeaders().Column("Job").Column("Result").Column("Details", fit: ColumnFit.Wrap)
                .Write(Terminal.Out, outcomes, e =>
                [
                    e.JobId,
                    Word(e),
                    e.AbortedNotClosed ? $"{e.Result!.Job.State} · not closed: {AbortedNotClosedReason}"
                    : e.Result is { } r ? $"{r.Job.State} · {r.Job.Operation} {r.Job.Object}{(UploadCompleted(e) ? " · " + UploadCompletedNote : string.Empty)}"
                    : e.NotAttempted ? NotAttemptedDetails
                    : e.Cancelled ? CancelledDetails
                    : e.Error is SalesforceException { ErrorCode: { } code } ? code : "see the error below",
                ]);
        }

        foreach (var aborted in outcomes.Where(o => o.AbortedNotClosed))
        {
            Console.Error.WriteLine($"error: {aborted.JobId}: {AbortedNotClosedReason}");
        }

        var failures = outcomes.Where(o => o.Error is not null).ToList();
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"error: {failure.JobId}: {ErrorReporter.Describe(failure.Error!)}");
        }

        if (failures.Count > 0 && context.Verbosity > Verbosity.Quiet && Hint(failures, aborting) is { } hint)
        {
            Console.Error.WriteLine("hint: " + hint);
        }

        var cancelled = outcomes.Count(o => o.Cancelled);
        var notAttempted = outcomes.Count(o => o.NotAttempted);
        if (outcomes.Count > 1 && context.Verbosity > Verbosity.Quiet)
        {
            var notClosed = outcomes.Count(o => o.AbortedNotClosed);
            var done = outcomes.Count - failures.Count - cancelled - notAttempted - notClosed;
            Console.Error.WriteLine(failures.Count == 0 && cancelled == 0 && notAttempted == 0 && notClosed == 0
                ? $"All {outcomes.Count} jobs done."
                : $"{done} of {outcomes.Count} jobs done{(failures.Count > 0 ? $", {failures.Count} failed" : string.Empty)}{(notClosed > 0 ? $", {notClosed} found aborted (not closed)" : string.Empty)}{(notAttempted > 0 ? $", {notAttempted} not attempted" : string.Empty)}{(cancelled > 0 ? $", {cancelled} cancelled" : string.Empty)}.");
        }
    }

    /// <summary>
    /// What to do about the first failure, as a command: InvalidUser (only the creator may close a job) names the
    /// creator and suggests aborting; closing a Bulk 2.0 query job (it has no Closed state) suggests aborting it.
    /// </summary>
    private static string? Hint(List<CloseOutcomeEntry> failures, bool aborting)
    {
        var first = failures[0];
        var ids = string.Join(' ', failures.Where(f => f.Error is SalesforceException e && e.ErrorCode == (first.Error as SalesforceException)?.ErrorCode).Select(f => f.JobId));
        return first.Error switch
        {
            SalesforceException { ErrorCode: "InvalidUser" } when !aborting =>
                (first.CreatedById is { } creator ? $"Job {first.JobId} was created by user {creator}; only that user can close it. " : "Only the user who created a job can close it. ")
                + $"Log in as that user, or abort instead: sfbulk abort {ids}",
            SalesforceRestException { ErrorCode: SfBulkErrorCodes.InvalidArgument, StatusCode: null } when !aborting =>
                $"A Bulk API 2.0 query job cannot be closed; to stop it, abort it: sfbulk abort {ids}",
            { } e => ErrorReporter.Hint(e),
            null => null,
        };
    }

    /// <summary>What closing a Bulk API 2.0 ingest job means: its upload is complete and Salesforce processes the data now.</summary>
    public const string UploadCompletedNote = "upload marked complete: Salesforce now processes the uploaded data";

    /// <summary>True when this close moved a Bulk API 2.0 ingest job from Open to UploadComplete.</summary>
    public static bool UploadCompleted(CloseOutcomeEntry e) =>
        e.Result is { Outcome: CloseOutcome.Closed, Api: BulkApi.V2 } r && r.Job.JobType != BulkJobType.V2Query;

    private const string CancelledDetails = "not finished: cancelled; the job may or may not have changed state";

    private const string AbortedNotClosedReason = "the job was aborted (its queued batches were dropped), not closed";

    private const string NotAttemptedDetails = "not attempted: logging in failed (see the error); the job was not changed";

    /// <summary>
    /// 0 when every job is in the requested state; the failure's code for one job (or when every failure agrees); else 1.
    /// A close that found the job aborted is a failure with the API error code (5).
    /// </summary>
    public static int ExitCode(IReadOnlyList<CloseOutcomeEntry> outcomes)
    {
        var failures = outcomes.Where(o => o.Error is not null).Select(o => ErrorReporter.ExitCodeOf(o.Error!))
            .Concat(outcomes.Where(o => o.AbortedNotClosed).Select(_ => ExitCodes.ApiError)).ToList();
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
                if (e.AbortedNotClosed)
                {
                    x.WriteString("reason", AbortedNotClosedReason);
                }

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
