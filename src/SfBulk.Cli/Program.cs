using System.CommandLine;
using SfBulk.Cli.Commands;
using SfBulk.Cli.Infrastructure;

var root = new RootCommand("sfbulk: close, abort, watch and sweep Salesforce Bulk API jobs.")
{
    CloseCommand.Create(),
    CloseCommand.CreateAbort(),
    ShowCommand.Create(),
    ListCommand.Create(),
    ConnectionCommand.Create(),
    RunCommand.Create(),
    WatchCommand.Create(),
    SweepCommand.Create(),
    DemoCommand.Create(),
    EmulatorCommand.Create(),
    SfBulk.Cli.Ui.UiCommand.Create(),
};
root.Add(GlobalOptions.Output);
root.Add(GlobalOptions.VerbosityOption);

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine($"Run '{string.Join(' ', ["sfbulk", .. parse.CommandResult.Command.Parents.OfType<Command>().Where(c => c is not RootCommand).Reverse().Select(c => c.Name), parse.CommandResult.Command is RootCommand ? string.Empty : parse.CommandResult.Command.Name]).TrimEnd()} --help' for usage.");
    return ExitCodes.UsageError;
}

// Ctrl+C cancels the action's token; the action then ends with exit code 130 on its own.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(5) });
