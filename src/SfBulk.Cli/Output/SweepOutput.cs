using System.Globalization;
using System.Text.Json;
using SfBulk.Cli.Infrastructure;
using SfBulk.Sweeping;
using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>A sweep's plan and its report: a table a person reads, or one JSON document.</summary>
internal static partial class SweepOutput
{
    /// <summary>The <c> (POST https://… → HTTP 400)</c> the library appends to an API error's message.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@" \([A-Z]+ \S+ → HTTP \d{3}\)$")]
    private static partial System.Text.RegularExpressions.Regex RequestSuffix();

    /// <summary>The outcome's JSON spelling: <c>closed</c>, <c>aborted</c>, <c>alreadyClosed</c>, <c>alreadyAborted</c>, <c>skipped</c>, <c>failed</c>, <c>cancelled</c>, <c>apiFloorReached</c>.</summary>
    public static string JsonWord(SweepOutcome outcome) => OutcomeWords.Json(outcome);

    /// <summary>The outcome in words: <c>closed</c>, <c>already closed</c>, <c>skipped</c>, ….</summary>
    public static string Word(SweepOutcome outcome) => OutcomeWords.Text(outcome);

    /// <summary><c>12 open jobs match (of 40 listed): 10 to close, 2 skipped; 3 API calls.</c></summary>
    public static string Summary(SweepPlan plan)
    {
        var parts = new List<string>();
        if (plan.ToClose > 0)
        {
            parts.Add(Invariant($"{plan.ToClose} to close"));
        }

        if (plan.ToAbort > 0)
        {
            parts.Add(Invariant($"{plan.ToAbort} to abort"));
        }

        if (plan.ToSkip > 0)
        {
            parts.Add(Invariant($"{plan.ToSkip} skipped"));
        }

        var jobs = plan.Entries.Count == 1 ? "1 open job matches" : Invariant($"{plan.Entries.Count} open jobs match");
        return Invariant($"{jobs} (of {plan.JobsListed} listed){(parts.Count > 0 ? ": " + string.Join(", ", parts) : string.Empty)}; {plan.CallsUsed} API calls.");
    }

    /// <summary><c>12 jobs: 10 closed, 1 already closed, 1 failed; 27 API calls in 0.8 s.</c></summary>
    public static string Summary(SweepReport report)
    {
        var parts = report.Counts.Where(c => c.Value > 0).Select(c => Invariant($"{c.Value} {Word(c.Key)}"));
        var jobs = report.Jobs.Count == 1 ? "1 job" : Invariant($"{report.Jobs.Count} jobs");
        return Invariant($"{jobs}{(report.Jobs.Count > 0 ? ": " + string.Join(", ", parts) : string.Empty)}; {report.CallsUsed} API calls in {report.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>The age cutoff the plan applied, e.g. <c>Only jobs created before 2026-11-02 08:00:00 UTC (older than 1h by Salesforce's clock) were considered; --older-than 0 includes jobs of any age.</c></summary>
    public static string Cutoff(SweepPlan plan) => plan.CreatedBefore is { } before && plan.MinimumAge is { } age
        ? Invariant($"Only jobs created before {JobTable.Date(before)} UTC (older than {JobTable.Age(age)} by {(plan.ServerTime is null ? "this computer's clock: Salesforce sent no Date" : "Salesforce's clock")}) were considered; --older-than 0 includes jobs of any age.")
        : "Jobs of any age were considered (--older-than 0).";

    /// <summary>A job's age on the plan's clock, or <c>?</c> when the listing gave no readable createdDate.</summary>
    private static string Age(DateTimeOffset now, DateTimeOffset created) => created == default ? "?" : JobTable.Age(now - created);

    /// <summary>The plan as a table (one row per job).</summary>
    public static void WritePlan(IAnsiConsole console, SweepPlan plan, DateTimeOffset now)
    {
        if (plan.Entries.Count > 0)
        {
            new LongTable()
                .Column("Id").Column("Type", fit: ColumnFit.Drop).Column("Operation", fit: ColumnFit.Drop, dropRank: 1).Column("Object", fit: ColumnFit.Drop, dropRank: 1).Column("State", fit: ColumnFit.Drop)
                .Column("Created by").Column("Age", rightAligned: true).Column("Action").Column("Reason", fit: ColumnFit.Wrap)
                .Write(console, plan.Entries, e =>
                [
                    e.Job.Id, e.Job.JobType?.ToString() ?? "Classic", e.Job.Operation.ToString(), e.Job.Object, e.Job.State.ToString(),
                    e.Job.CreatedById, Age(now, e.Job.CreatedDate), OutcomeWords.Verb(e.TargetState), e.SkipReason ?? string.Empty,
                ]);
        }

        console.Line(Summary(plan));
        console.Line(Cutoff(plan));
        console.Line(Requests(plan));
    }

    /// <summary><c>The sweep will spend about 12 API requests; the org has 14,500 of its 15,000 daily requests left (14,488 after).</c></summary>
    public static string Requests(SweepPlan plan) => plan.ApiUsage is { } usage
        ? Invariant($"The sweep will spend about {plan.RequestsToSpend:N0} API requests; the org has {usage.Remaining:N0} of its {usage.Max:N0} daily requests left ({Math.Max(0, usage.Remaining - plan.RequestsToSpend):N0} after).")
        : Invariant($"The sweep will spend about {plan.RequestsToSpend:N0} API requests (the org's remaining daily requests are not known: run 'sfbulk limits').");

    /// <summary><c>"requests":{"toSpend":12,"max":15000,"remaining":14500,"remainingAfter":14488}</c>.</summary>
    private static void WriteRequests(System.Text.Json.Utf8JsonWriter w, SweepPlan plan)
    {
        w.WriteStartObject("requests");
        w.WriteNumber("toSpend", plan.RequestsToSpend);
        if (plan.ApiUsage is { } usage)
        {
            w.WriteNumber("max", usage.Max);
            w.WriteNumber("remaining", usage.Remaining);
            w.WriteNumber("remainingAfter", Math.Max(0, usage.Remaining - plan.RequestsToSpend));
        }

        w.WriteEndObject();
    }

    /// <summary>The plan as JSON (<c>"dryRun": true</c>).</summary>
    public static void WritePlanJson(SweepPlan plan) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("dryRun", true);
        w.WriteString("action", OutcomeWords.Verb(plan.TargetState));
        w.WriteNumber("jobsListed", plan.JobsListed);
        w.WriteNumber("callsUsed", plan.CallsUsed);
        WriteCutoff(w, plan);
        WriteRequests(w, plan);
        w.WriteStartObject("counts");
        w.WriteNumber("close", plan.ToClose);
        w.WriteNumber("abort", plan.ToAbort);
        w.WriteNumber("skip", plan.ToSkip);
        w.WriteEndObject();
        w.WriteStartArray("jobs");
        foreach (var e in plan.Entries)
        {
            w.WriteStartObject();
            WriteJobIdentity(w, e);
            w.WriteString("state", e.Job.State.ToString());
            w.WriteString("createdDate", JobJson.Date(e.Job.CreatedDate));
            w.WriteString("decision", OutcomeWords.Verb(e.TargetState));
            if (e.SkipReason is { } reason)
            {
                w.WriteString("skipReason", reason);
            }

            if (e.IsPkChunked is { } pk)
            {
                w.WriteBoolean("isPkChunked", pk);
            }

            if (e.PendingBatches is { } pending)
            {
                w.WriteNumber("pendingBatches", pending);
            }

            w.WriteEndObject();
            JsonOutput.Pace(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>The report: a table (or JSON) on standard output, failures' details and the summary on standard error.</summary>
    public static void WriteReport(CommandContext context, SweepReport report, DateTimeOffset now)
    {
        if (context.Json)
        {
            WriteReportJson(report);
        }
        else if (report.Jobs.Count > 0)
        {
            new LongTable()
                .Column("Id").Column("Type", fit: ColumnFit.Drop).Column("Operation", fit: ColumnFit.Drop, dropRank: 1).Column("Object", fit: ColumnFit.Drop, dropRank: 1).Column("Created by", fit: ColumnFit.Drop, dropRank: 2)
                .Column("Age", rightAligned: true, fit: ColumnFit.Drop, dropRank: 2).Column("Outcome", fit: ColumnFit.Wrap).Column("Details", fit: ColumnFit.Wrap)
                .Write(Terminal.Out, report.Jobs, r =>
                [
                    r.Entry.Job.Id, r.Entry.Job.JobType?.ToString() ?? "Classic", r.Entry.Job.Operation.ToString(), r.Entry.Job.Object,
                    r.Entry.Job.CreatedById, Age(now, r.Entry.Job.CreatedDate), Word(r.Outcome), Details(r),
                ]);
        }

        foreach (var failed in report.Jobs.Where(r => r.Outcome == SweepOutcome.Failed))
        {
            Console.Error.WriteLine($"error: {failed.JobId}: {Failure(failed)}");
        }

        if (context.Verbosity > Verbosity.Quiet)
        {
            Console.Error.WriteLine(Cutoff(report.Plan));
            Console.Error.WriteLine(Summary(report));
        }
    }

    /// <summary><c>InvalidUser (HTTP 400): Only the user who created the job can close it</c>.</summary>
    public static string Failure(SweepJobResult r)
    {
        var code = r.ErrorCode ?? "FAILED";
        var reason = r.Reason ?? string.Empty;
        if (reason.StartsWith(code + ": ", StringComparison.Ordinal))
        {
            reason = reason[(code.Length + 2)..];
        }

        reason = RequestSuffix().Replace(reason, string.Empty); // the request is in the log at -v d

        return code + (r.StatusCode is { } status ? Invariant($" (HTTP {(int)status})") : string.Empty) + (reason.Length > 0 ? ": " + reason : string.Empty);
    }

    /// <summary>
    /// The Details cell: the state reached, the reason a job was skipped, or for a failure only its code and HTTP
    /// status (<c>InvalidUser (HTTP 400)</c>): the whole message, which may name the request's URL, is on standard error.
    /// </summary>
    private static string Details(SweepJobResult r) => r.Outcome switch
    {
        SweepOutcome.Failed => (r.ErrorCode ?? "FAILED") + (r.StatusCode is { } status ? Invariant($" (HTTP {(int)status})") : string.Empty),
        SweepOutcome.Skipped or SweepOutcome.Cancelled or SweepOutcome.ApiFloorReached => r.Reason ?? string.Empty,
        _ => r.Job.State.ToString(),
    };

    private static void WriteReportJson(SweepReport report) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("dryRun", false);
        w.WriteString("action", OutcomeWords.Verb(report.Plan.TargetState));
        w.WriteNumber("jobsListed", report.Plan.JobsListed);
        w.WriteNumber("callsUsed", report.CallsUsed);
        WriteCutoff(w, report.Plan);
        w.WriteNumber("planSeconds", Math.Round(report.Plan.Elapsed.TotalSeconds, 2));
        w.WriteNumber("elapsedSeconds", Math.Round(report.Elapsed.TotalSeconds, 2));
        w.WriteBoolean("succeeded", report.Succeeded);
        w.WriteBoolean("cancelled", report.WasCancelled);
        w.WriteBoolean("stoppedAtApiFloor", report.StoppedAtApiFloor);
        w.WriteStartObject("counts");
        foreach (var (outcome, count) in report.Counts.OrderBy(c => c.Key))
        {
            w.WriteNumber(JsonWord(outcome), count);
        }

        w.WriteEndObject();
        w.WriteStartArray("jobs");
        foreach (var r in report.Jobs)
        {
            w.WriteStartObject();
            WriteJobIdentity(w, r.Entry);
            w.WriteString("outcome", JsonWord(r.Outcome));
            w.WriteString("state", r.Job.State.ToString());
            if (r.Reason is { } reason && r.Outcome is SweepOutcome.Skipped or SweepOutcome.Cancelled or SweepOutcome.ApiFloorReached)
            {
                w.WriteString("reason", reason);
            }

            if (r.Outcome == SweepOutcome.Failed)
            {
                w.WriteStartObject("error");
                if (r.ErrorCode is { } code)
                {
                    w.WriteString("errorCode", code);
                }

                if (r.StatusCode is { } status)
                {
                    w.WriteNumber("statusCode", (int)status);
                }

                w.WriteString("message", r.Reason ?? string.Empty);
                w.WriteEndObject();
            }

            w.WriteNumber("attempts", r.Attempts);
            w.WriteEndObject();
            JsonOutput.Pace(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary><c>minimumAgeSeconds</c> and <c>createdBefore</c> (null when jobs of any age were considered), <c>clockSkewSeconds</c> (Salesforce's clock minus this computer's, when known).</summary>
    private static void WriteCutoff(Utf8JsonWriter w, SweepPlan plan)
    {
        if (plan.MinimumAge is { } age && plan.CreatedBefore is { } before)
        {
            w.WriteNumber("minimumAgeSeconds", Math.Round(age.TotalSeconds, 3));
            w.WriteString("createdBefore", JobJson.Date(before));
        }
        else
        {
            w.WriteNull("minimumAgeSeconds");
            w.WriteNull("createdBefore");
        }

        if (plan.ClockSkew is { } skew)
        {
            w.WriteNumber("clockSkewSeconds", Math.Round(skew.TotalSeconds));
        }
    }

    private static void WriteJobIdentity(Utf8JsonWriter w, SweepPlanEntry e)
    {
        w.WriteString("id", e.JobId);
        w.WriteString("jobType", e.Job.JobType?.ToString() ?? "Classic");
        w.WriteString("operation", e.Job.Operation.ToString());
        w.WriteString("object", e.Job.Object);
        w.WriteString("createdById", e.Job.CreatedById);
    }


    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
