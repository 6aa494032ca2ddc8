using System.CommandLine;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using SfBulk.Models;

namespace SfBulk.Cli.Commands;

/// <summary>
/// <c>sfbulk close &lt;job-id&gt;... [--state Closed|Aborted]</c> and <c>sfbulk abort &lt;job-id&gt;...</c>: closes or
/// aborts jobs, several at a time, and reports every one.
/// </summary>
internal static class CloseCommand
{
    public const int DefaultParallelism = 8;

    public static Command Create() => Build(aborting: false);

    public static Command CreateAbort() => Build(aborting: true);

    private static Command Build(bool aborting)
    {
        var ids = InputRules.JobIds(aborting ? "The ids of the jobs to abort (15 or 18 characters, starting with 750)." : "The ids of the jobs to close (15 or 18 characters, starting with 750).");
        var state = InputRules.TargetState();
        var timeout = InputRules.Duration("--timeout", "How long closing each job may take (default: as long as it takes; at most 49 days).", CloseJobOptions.MaxTimeout);
        var api = InputRules.Api("jobs belong");
        var format = InputRules.Choice(
            "--format",
            "The Bulk API 1.0 request format: xml (default) or json; a JSON job is closed in JSON either way.",
            "xml|json",
            ["xml", "json"],
            v => v == "json" ? BulkDialect.Json : BulkDialect.Xml);
        var parallelism = new Option<int>("--parallelism")
        {
            Description = "How many jobs to close at the same time.",
            HelpName = "n",
            DefaultValueFactory = _ => DefaultParallelism,
        };
        parallelism.Within(1, 64);

        var connection = new ConnectionOptions();
        var command = aborting
            ? new Command("abort", "Abort Bulk API jobs (same as close --state Aborted).") { ids, timeout, api, format, parallelism }
            : new Command("close", "Close (or abort) Bulk API 1.0 and 2.0 jobs; a job already in that state counts as done.") { ids, state, timeout, api, format, parallelism };
        connection.AddTo(command);
        var noJournal = JournalSettings.AddTo(command);
        command.Validators.Add(r =>
        {
            if ((r.GetValue(ids) ?? []).Contains(JobIdList.FromStandardInput) && r.GetValue(connection.SessionId) == "-")
            {
                r.AddError("Job ids from standard input ('-') and --session-id - cannot both read it: give the session another way (SFBULK_SESSION_ID, a named connection) or the ids as arguments.");
            }
        });
        return command.WithAction(async (context, cancellationToken) =>
        {
            var parse = context.Parse;
            var options = new CloseJobOptions
            {
                TargetState = aborting ? CloseJobState.Aborted : parse.GetValue(state),
                Timeout = parse.GetValue(timeout),
                Api = parse.GetValue(api) ?? BulkApi.Auto,
                Dialect = parse.GetValue(format),
            };
            var jobIds = JobIdList.Resolve(parse.GetValue(ids)!, Console.In);

            using var sf = context.Connect(connection);
            context.Info($"Connecting as {CredentialText.Describe(sf.Credential)}…");
            try
            {
                await sf.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SalesforceLoginException) when (jobIds.Length > 1)
            {
                // Nothing was tried: every job is reported "not attempted", then the login failure itself (exit code 3).
                CloseReport.Write(context, [.. jobIds.Select(id => new CloseOutcomeEntry(id, null, null) { NotAttempted = true })]);
                throw;
            }

            var client = new BulkJobClient(sf, JournalSettings.ClientOptions(context, noJournal, aborting ? "abort" : "close"));
            var outcomes = new CloseOutcomeEntry[jobIds.Length];
            SalesforceLoginException? loginFailure = null;

            async Task CloseOneAsync(int i, CancellationToken token)
            {
                // The first login failure stops the command: logging in again for every job could lock the
                // user out. The jobs after it are reported "not attempted".
                if (Volatile.Read(ref loginFailure) is not null)
                {
                    outcomes[i] = new(jobIds[i], null, null) { NotAttempted = true };
                    return;
                }

                try
                {
                    outcomes[i] = new(jobIds[i], await client.CloseJobAsync(jobIds[i], options, token).ConfigureAwait(false), null);
                }
                catch (SalesforceLoginException e) when (!token.IsCancellationRequested)
                {
                    outcomes[i] = Interlocked.CompareExchange(ref loginFailure, e, null) is null
                        ? new(jobIds[i], null, e)
                        : new(jobIds[i], null, null) { NotAttempted = true };
                }
                catch (Exception e) when (e is SalesforceException or ArgumentException && !token.IsCancellationRequested)
                {
                    outcomes[i] = new(jobIds[i], null, e) { CreatedById = await CreatorAsync(client, jobIds[i], e, token).ConfigureAwait(false) };
                }
            }

            try
            {
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, jobIds.Length),
                    new ParallelOptions { MaxDegreeOfParallelism = parse.GetValue(parallelism), CancellationToken = cancellationToken },
                    (i, token) => new ValueTask(CloseOneAsync(i, token))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: report what finished, so that nothing done is lost from the record.
                for (var i = 0; i < outcomes.Length; i++)
                {
                    outcomes[i] ??= new(jobIds[i], null, null);
                }

                CloseReport.Write(context, outcomes);
                Console.Error.WriteLine("Cancelled. Jobs already closed stay closed; running the same command again finishes the rest (those count as already closed).");
                return ExitCodes.Cancelled;
            }

            CloseReport.Write(context, outcomes, aborting || options.TargetState == CloseJobState.Aborted);
            return CloseReport.ExitCode(outcomes);
        });
    }

    /// <summary>
    /// After an InvalidUser answer (only the creator may close a job), reads the job once to name its creator in the
    /// hint; null for any other failure, or when the read fails too.
    /// </summary>
    private static async Task<string?> CreatorAsync(BulkJobClient client, string jobId, Exception error, CancellationToken cancellationToken)
    {
        if (error is not SalesforceException { ErrorCode: "InvalidUser" })
        {
            return null;
        }

        try
        {
            return (await client.GetJobAsync(jobId, cancellationToken: cancellationToken).ConfigureAwait(false)).CreatedById;
        }
        catch (SalesforceException)
        {
            return null;
        }
    }
}
