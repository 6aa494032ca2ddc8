using System.Globalization;
using SfBulk.Cli.Infrastructure;
using SfBulk.Watching;
using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>The end of a watch: the outcome in words or JSON, the API calls spent, the exit code, and how to resume.</summary>
internal static class WatchReport
{
    /// <summary>
    /// 0 when every batch finished (closed when asked); 6 on timeout, call limit or API floor; 1 when the job did not complete
    /// (failed, chunking failed, aborted by someone else, a 2.0 ingest job waiting for its upload); the close's own
    /// code when closing failed.
    /// </summary>
    public static int ExitCode(WatchResult result) => result.Outcome switch
    {
        WatchOutcome.Completed or WatchOutcome.Closed => ExitCodes.Success,
        WatchOutcome.TimedOut or WatchOutcome.AbortedOnTimeout or WatchOutcome.CallLimitReached or WatchOutcome.ApiFloorReached => ExitCodes.LimitReached,
        WatchOutcome.CloseFailed => result.Error is { } e ? ErrorReporter.ExitCodeOf(e) : ExitCodes.ApiError,
        _ => ExitCodes.PartialFailure,
    };

    /// <summary>True when watching again can go on where this watch stopped (the job was left as it is).</summary>
    public static bool CanResume(WatchResult result) => result.Outcome is WatchOutcome.TimedOut or WatchOutcome.CallLimitReached or WatchOutcome.ApiFloorReached;

    /// <summary>The outcome's JSON spelling: <c>completed</c>, <c>closed</c>, <c>timedOut</c>, <c>callLimitReached</c>, ….</summary>
    public static string JsonWord(WatchOutcome outcome) => OutcomeWords.Json(outcome);

    /// <summary><c>7 (5 job reads, 2 other)</c>.</summary>
    public static string Calls(WatchResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"{result.CallsUsed} ({result.Polls} job read{(result.Polls == 1 ? string.Empty : "s")}{(result.CallsUsed > result.Polls ? $", {result.CallsUsed - result.Polls} other" : string.Empty)})");

    public static void Write(CommandContext context, WatchResult result, string? resume)
    {
        if (context.Json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("jobId", result.JobId);
                w.WriteString("outcome", JsonWord(result.Outcome));
                w.WriteString("message", result.Message);
                w.WriteString("api", result.Api == Models.BulkApi.V2 ? "2" : "1");
                w.WriteNumber("callsUsed", result.CallsUsed);
                w.WriteNumber("polls", result.Polls);
                w.WriteNumber("elapsedSeconds", Math.Round(result.Elapsed.TotalSeconds, 1));
                if (result.FinishedAt is { } finished)
                {
                    w.WriteString("finishedAt", JobJson.Date(finished));
                }

                if (result.ClosedAt is { } closed)
                {
                    w.WriteString("closedAt", JobJson.Date(closed));
                }

                if (result.CloseDelay is { } delay)
                {
                    w.WriteNumber("closeDelaySeconds", Math.Round(delay.TotalSeconds, 1));
                }

                if (result.Close is { } close)
                {
                    w.WriteString("closeOutcome", OutcomeWords.Json(close.Outcome));
                }

                if (result.Error is { } error)
                {
                    JobJson.WriteError(w, "error", error);
                }

                if (resume is not null)
                {
                    w.WriteString("resumeCommand", resume);
                }

                w.WritePropertyName("job");
                JobJson.WriteJob(w, result.Job);
                w.WriteEndObject();
            });
            return;
        }

        var console = Terminal.Out;
        console.Line(result.Message);
        console.Line();
        JobTable.WriteJob(console, result.Job);
        console.Line();
        console.Line(string.Create(CultureInfo.InvariantCulture, $"API calls used: {Calls(result)}; watched for {result.Elapsed.TotalSeconds:0.0} s."));
        if (resume is not null)
        {
            console.Line("To go on watching: " + resume);
        }

        if (result.Error is { } e)
        {
            Console.Error.WriteLine("error: " + ErrorReporter.Describe(e));
        }
    }
}
