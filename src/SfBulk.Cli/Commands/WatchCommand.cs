using System.CommandLine;
using System.Globalization;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using SfBulk.Jobs;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Cli.Commands;

/// <summary>
/// <c>sfbulk watch &lt;job-id&gt; [--close] [--abort-on-timeout] [--timeout &lt;duration&gt;] [--max-calls &lt;n&gt;]</c>:
/// follows a job until every batch that will run has finished (PK chunking aware), optionally closes it then, and
/// reports the API calls spent.
/// </summary>
internal static class WatchCommand
{
    /// <summary>The largest --max-calls accepted; more is almost certainly a typo (a day of polls every second is 86,400).</summary>
    public const int MaxCallsLimit = 1_000_000;

    /// <summary>The shortest --max-interval: the library's wait between polls near a job's end (FinishInterval).</summary>
    private static readonly TimeSpan MinMaxInterval = new WatchOptions().FinishInterval;

    public static Command Create()
    {
        var id = InputRules.JobId("The id of the job to watch (15 or 18 characters, starting with 750); omit it with --all.");
        id.Arity = ArgumentArity.ZeroOrOne;
        var all = WatchAllCommand.Create();
        var close = new Option<bool>("--close")
        {
            Description = "Close the job as soon as every batch that will run has finished (PK chunking: every chunk batch), and print the final JobInfo.",
        };
        var abortOnTimeout = new Option<bool>("--abort-on-timeout")
        {
            Description = "Abort the job when --timeout elapses (otherwise it is left as it is).",
        };
        var timeout = InputRules.Duration("--timeout", "How long to watch before giving up (default: until the job finishes).");
        timeout.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && DurationParser.TryParse(r.Tokens[0].Value, out var value, out _) && value <= TimeSpan.Zero)
            {
                r.AddError("--timeout must be longer than 0.");
            }
        });
        var maxInterval = InputRules.Duration(
            "--max-interval",
            "The longest wait between two polls (default 1m, at least 2s). Polls are spaced by the job's progress; a shorter cap bounds how late the close can come after the last batch, at the price of more calls.",
            maximum: TimeSpan.FromDays(1));
        maxInterval.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && DurationParser.TryParse(r.Tokens[0].Value, out var value, out _) && value < MinMaxInterval)
            {
                r.AddError("--max-interval must be at least 2s (the wait between polls near a job's end).");
            }
        });
        var maxCalls = new Option<int?>("--max-calls")
        {
            Description = "The most API requests the watch may send (polls, batch lists, the close or abort); it stops rather than pass it, leaving the job as it is.",
            HelpName = "n",
        };
        maxCalls.Within(1, MaxCallsLimit);
        var api = InputRules.Api("job belongs");

        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("watch", "Follow a job until every batch that will run has finished (PK chunking aware); optionally close it then. With --all, follow every matching open job of the org.") { id, close, abortOnTimeout, timeout, maxInterval, maxCalls, api });
        foreach (var option in all.Options)
        {
            command.Options.Add(option);
        }

        var noJournal = JournalSettings.AddTo(command);
        var floor = InputRules.MinApiRemaining("watching");
        command.Add(floor);
        command.Validators.Add(r =>
        {
            var watchAll = r.GetValue(all.All);
            var hasId = r.GetResult(id) is { Tokens.Count: > 0 };
            if (watchAll && hasId)
            {
                r.AddError("Give either a job id or --all, not both.");
            }
            else if (!watchAll && !hasId)
            {
                r.AddError("Give the id of the job to watch, or --all to watch every matching open job of the org.");
            }

            if (!watchAll)
            {
                foreach (var option in all.Filters.Where(o => r.GetResult(o) is { Implicit: false }))
                {
                    r.AddError($"{option.Name} goes with --all.");
                }
            }
            else
            {
                foreach (var option in new Option[] { abortOnTimeout, timeout, maxCalls, api }.Where(o => r.GetResult(o) is { Implicit: false }))
                {
                    r.AddError($"{option.Name} is for one job; it does not go with --all.");
                }
            }

            if (r.GetValue(abortOnTimeout) && r.GetValue(timeout) is null)
            {
                r.AddError("--abort-on-timeout needs --timeout: without a timeout the watch never gives up.");
            }
        });
        return command.WithAction(async (context, cancellationToken) =>
        {
            var parse = context.Parse;
            if (parse.GetValue(all.All))
            {
                var orgOptions = all.ToOptions(parse, parse.GetValue(close), parse.GetValue(maxInterval));
                orgOptions.MinApiRemaining = parse.GetValue(floor);
                using var org = context.Connect(connection);
                context.Info($"Connecting ({org.Credential})…");
                await org.ConnectAsync(cancellationToken).ConfigureAwait(false);

                var orgWatcher = new OrgWatcher(new BulkJobClient(org), orgOptions);
                return await WatchAllCommand.RunAsync(context, orgWatcher, cancellationToken).ConfigureAwait(false);
            }

            var jobId = JobId.Normalize(parse.GetValue(id)!);
            var options = new WatchOptions
            {
                CloseWhenDone = parse.GetValue(close),
                AbortOnTimeout = parse.GetValue(abortOnTimeout),
                Timeout = parse.GetValue(timeout),
                MaxCalls = parse.GetValue(maxCalls),
                MinApiRemaining = parse.GetValue(floor),
                MaxInterval = parse.GetValue(maxInterval) ?? new WatchOptions().MaxInterval,
                Api = parse.GetValue(api) ?? BulkApi.Auto,
            };
            var resume = ResumeCommand(parse, connection, jobId);

            using var sf = context.Connect(connection);
            context.Info($"Connecting as {CredentialText.Describe(sf.Credential)}…");
            await sf.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var watcher = new JobWatcher(new BulkJobClient(sf, JournalSettings.ClientOptions(context, noJournal, "watch")), options);
            var snapshots = watcher.WatchProgressAsync(jobId, cancellationToken);
            WatchResult result;
            try
            {
                result = await WatchDisplay.FollowAsync(context, snapshots, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine("Cancelled.");
                Console.Error.WriteLine($"Stopped watching; job {jobId} was left as it is. To go on watching: {resume}");
                return ExitCodes.Cancelled;
            }

            WatchReport.Write(context, result, WatchReport.CanResume(result) ? resume : null);
            return WatchReport.ExitCode(result);
        });
    }

    /// <summary>
    /// The command that watches the same job again with the same options. A session id given on the command line is
    /// never repeated: the command reads it from standard input instead (<c>--session-id -</c>).
    /// </summary>
    private static string ResumeCommand(ParseResult parse, ConnectionOptions connection, string jobId)
    {
        var words = new List<string> { "sfbulk", "watch", jobId };
        void Flag(Option<bool> option)
        {
            if (parse.GetValue(option))
            {
                words.Add(option.Name);
            }
        }

        void Value(Option option, string? replacement = null)
        {
            if (parse.GetResult(option) is { Implicit: false, Tokens.Count: > 0 } given)
            {
                words.Add(option.Name);
                words.Add(replacement ?? given.Tokens[0].Value);
            }
        }

        foreach (var option in parse.CommandResult.Command.Options)
        {
            switch (option)
            {
                case Option<bool> flag:
                    Flag(flag);
                    break;
                case var o when ReferenceEquals(o, connection.SessionId):
                    Value(o, "-");
                    break;
                default:
                    Value(option);
                    break;
            }
        }

        Value(GlobalOptions.Output);
        return ShellWords.Join(words);
    }
}
