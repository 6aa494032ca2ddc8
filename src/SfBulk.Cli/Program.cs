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
    LimitsCommand.Create(),
    HistoryCommand.Create(),
    DemoCommand.Create(),
    EmulatorCommand.Create(),
    SfBulk.Cli.Ui.UiCommand.Create(),
};
root.Add(GlobalOptions.Output);
root.Add(GlobalOptions.VerbosityOption);

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    return ParseErrors.Report(parse, Console.Error);
}

// Ctrl+C cancels the action's token; the action then ends with exit code 130 on its own.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(5) });
