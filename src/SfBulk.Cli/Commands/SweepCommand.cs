using System.CommandLine;
using System.Globalization;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using SfBulk.Models;
using SfBulk.Sweeping;
using Spectre.Console;

namespace SfBulk.Cli.Commands;

/// <summary>
/// <c>sfbulk sweep [filters] [--abort] [--dry-run] [--yes] [--concurrency &lt;n&gt;] [--include-running] [--upload-complete]</c>:
/// finds the org's open jobs that match the filters (older than an hour unless <c>--older-than</c> says otherwise)
/// and closes (or aborts) them, after showing the plan and asking; reports every job.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var olderThan = InputRules.Duration("--older-than", "Only jobs created longer ago than this, by Salesforce's clock (default 1h: jobs younger than an hour are left alone; 0 includes jobs of any age).");
        var objectName = new Option<string>("--object") { Description = "Only jobs on this sObject (for example Account).", HelpName = "name" };
        var operation = FilterOptions.Operation("Only jobs with this operation: ");
        var createdBy = FilterOptions.CreatedBy("Only jobs created by this user id (15 or 18 characters, starting with 005). Only a job's creator may close a Bulk API 1.0 job; others may abort it.");
        var pkChunking = new Option<bool>("--pk-chunking") { Description = "Only jobs with PK chunking enabled." };
        var jobType = FilterOptions.JobType("Only jobs of this type: Classic (Bulk API 1.0), V2Ingest or V2Query.");
        var abort = new Option<bool>("--abort") { Description = "Abort the jobs instead of closing them (running Bulk API 2.0 query jobs can only be aborted)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show the plan: which jobs would be closed, aborted or skipped, and why. Nothing is changed." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Go ahead without asking (for scripts; without it, a sweep whose standard input is not a terminal refuses to run)." };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "How many jobs to close at the same time (1 to 25; Salesforce limits concurrent requests per org).",
            HelpName = "n",
            DefaultValueFactory = _ => 4,
        };
        concurrency.Within(1, 25);
        var includeRunning = new Option<bool>("--include-running")
        {
            Description = "Also close PK-chunked Bulk API 1.0 jobs whose chunk batches still run (skipped by default: close them once every chunk's results are read).",
        };
        var uploadComplete = new Option<bool>("--upload-complete")
        {
            Description = "Also complete the upload of Bulk API 2.0 ingest jobs still Open (skipped by default: completing makes Salesforce process whatever was uploaded, possibly a partial file).",
        };

        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("sweep", "Close (or abort) the org's open Bulk API jobs that match the filters; shows the plan and asks first.")
        {
            olderThan, objectName, operation, createdBy, pkChunking, jobType, abort, dryRun, yes, concurrency, includeRunning, uploadComplete,
        });
        command.Validators.Add(r =>
        {
            if (r.GetValue(abort) && r.GetValue(uploadComplete))
            {
                r.AddError("--upload-complete and --abort cannot be combined: --abort aborts open uploads, --upload-complete completes them (close sweeps only).");
            }
        });
        var noJournal = JournalSettings.AddTo(command);
        var floor = InputRules.MinApiRemaining("sweeping");
        command.Add(floor);
        return command.WithAction(async (context, cancellationToken) =>
        {
            var parse = context.Parse;
            var aborting = parse.GetValue(abort);
            var dry = parse.GetValue(dryRun);
            var confirmed = parse.GetValue(yes);
            if (!dry && !confirmed && Console.IsInputRedirected)
            {
                throw new CliException(
                    $"sweep {(aborting ? "aborts" : "closes")} jobs and asks first, but standard input is not a terminal, so it cannot ask. Pass --yes to go ahead, or --dry-run to see the plan only.",
                    ExitCodes.UsageError);
            }

            var filter = new SweepFilter
            {
                OlderThan = parse.GetValue(olderThan) ?? SweepFilter.DefaultOlderThan,
                Object = parse.GetValue(objectName),
                Operation = parse.GetValue(operation),
                CreatedById = parse.GetValue(createdBy),
                PkChunking = parse.GetValue(pkChunking) ? true : null,
                JobType = parse.GetValue(jobType),
            };
            var options = new SweepOptions
            {
                TargetState = aborting ? CloseJobState.Aborted : CloseJobState.Closed,
                IncludeRunning = parse.GetValue(includeRunning),
                CompleteUploads = parse.GetValue(uploadComplete),
                MaxConcurrency = parse.GetValue(concurrency),
                MinApiRemaining = parse.GetValue(floor),
            };

            using var sf = context.Connect(connection);
            context.Info($"Connecting as {CredentialText.Describe(sf.Credential)}…");
            await sf.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var sweeper = new JobSweeper(new BulkJobClient(sf, JournalSettings.ClientOptions(context, noJournal, "sweep")), options);
            context.Info("Listing the org's jobs…");
            var plan = await sweeper.PlanAsync(filter, cancellationToken).ConfigureAwait(false);
            if (plan.ClockWarning is { } clockWarning)
            {
                Console.Error.WriteLine("warning: " + clockWarning);
            }

            // Ages on Salesforce's clock, as the plan measured them.
            var now = plan.ServerTime ?? DateTimeOffset.UtcNow;
            if (dry)
            {
                if (context.Json)
                {
                    SweepOutput.WritePlanJson(plan);
                }
                else
                {
                    SweepOutput.WritePlan(Terminal.Out, plan, now);
                    Terminal.Out.Line("Dry run: nothing was changed.");
                }

                HistoryOutput.WriteEarlierChanges(context, plan.Entries.Select(e => e.JobId));

                return ExitCodes.Success;
            }

            var work = plan.ToClose + plan.ToAbort;
            if (work > 0 && !confirmed)
            {
                SweepOutput.WritePlan(context.Json ? Terminal.Error : Terminal.Out, plan, now);
                if (!await Confirmation.AskAsync(string.Create(CultureInfo.InvariantCulture, $"{(aborting ? "Abort" : "Close")} {work} job{(work == 1 ? string.Empty : "s")}?"), Console.In, cancellationToken).ConfigureAwait(false))
                {
                    Console.Error.WriteLine("Nothing was changed.");
                    return ExitCodes.Cancelled;
                }
            }

            SweepReport report;
            try
            {
                report = !context.Json && Terminal.IsInteractive && work > 0
                    ? await ExecuteLiveAsync(sweeper, plan, cancellationToken).ConfigureAwait(false)
                    : await sweeper.ExecuteAsync(plan, context.Verbosity >= Verbosity.Normal ? new PlainProgress() : null, cancellationToken).ConfigureAwait(false);
            }
            catch (SweepCancelledException cancelled)
            {
                // The report of what finished before Ctrl+C: nothing done is lost from the record.
                SweepOutput.WriteReport(context, cancelled.Report, now);
                Console.Error.WriteLine("Cancelled. Jobs already closed stay closed; run the same sweep again to carry on.");
                return ExitCodes.Cancelled;
            }

            SweepOutput.WriteReport(context, report, now);
            HistoryOutput.WriteEarlierChanges(context, plan.Entries.Select(e => e.JobId));
            if (report.StoppedAtApiFloor && report.Counts[SweepOutcome.Failed] == 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopped at the API floor (--min-api-remaining): {report.Counts[SweepOutcome.ApiFloorReached]} jobs were not tried. Run the same sweep again once the org has requests to spare."));
                return ExitCodes.LimitReached;
            }

            return report.Succeeded ? ExitCodes.Success : ExitCodes.PartialFailure;
        });
    }

    private static async Task<SweepReport> ExecuteLiveAsync(JobSweeper sweeper, SweepPlan plan, CancellationToken cancellationToken)
    {
        SweepReport? report = null;
        await Terminal.Out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Sweeping", maxValue: Math.Max(1, plan.Entries.Count));
                var progress = new Progress<SweepProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"Jobs {p.Done}/{p.Total} · {p.CallsUsed} calls");
                });
                report = await sweeper.ExecuteAsync(plan, progress, cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return report!;
    }

    /// <summary>One line per finished job on standard error (verbosity normal and up).</summary>
    private sealed class PlainProgress : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) =>
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{value.Done}/{value.Total}] {value.Latest.JobId} {SweepOutput.Word(value.Latest.Outcome)}"));
    }
}
