using System.CommandLine;

namespace SfBulk.Cli.Infrastructure;

/// <summary>Runs a command's action with the house rules: every failure becomes a message and an exit code.</summary>
internal static class CommandActions
{
    /// <summary>Sets <paramref name="action"/> as the command's action, wrapped by the error reporter.</summary>
    public static Command WithAction(this Command command, Func<CommandContext, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Hand System.CommandLine the action's task before any work: its Ctrl+C handler waits for that task, and a
            // signal that arrives while the action still runs synchronously (a loopback connect can complete at once)
            // would otherwise end the process with 130 before the action could report what it finished.
            await Task.Yield();
            var context = new CommandContext(parse);
            if (context.Verbosity > Verbosity.Quiet && CaseSensitiveIds.Note(JobIdWords(parse)) is { } note)
            {
                Console.Error.WriteLine(note);
            }

            try
            {
                return await action(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine("Cancelled.");
                return ExitCodes.Cancelled;
            }
            catch (Exception e)
            {
                return ErrorReporter.Report(e, context.Verbosity);
            }
        });
        return command;
    }

    /// <summary>The words given to the command's <c>job-id</c> arguments.</summary>
    private static IEnumerable<string> JobIdWords(ParseResult parse) =>
        parse.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>()
            .Where(a => a.Argument.Name == "job-id")
            .SelectMany(a => a.Tokens)
            .Select(t => t.Value);
}
