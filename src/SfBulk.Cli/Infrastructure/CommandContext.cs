using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace SfBulk.Cli.Infrastructure;

/// <summary>What every command action gets: the parse result, output format, verbosity and a logger factory.</summary>
internal sealed class CommandContext
{
    public CommandContext(ParseResult parse)
    {
        Parse = parse;
        Output = parse.GetValue(GlobalOptions.Output);
        Verbosity = parse.GetValue(GlobalOptions.VerbosityOption);
        LoggerFactory = new StderrLoggerFactory(Verbosity, Console.Error);
    }

    public ParseResult Parse { get; }

    public OutputFormat Output { get; }

    public Verbosity Verbosity { get; }

    public ILoggerFactory LoggerFactory { get; }

    public bool Json => Output == OutputFormat.Json;

    /// <summary>A progress or status line on standard error (verbosity normal and up).</summary>
    public void Info(string line)
    {
        if (Verbosity >= Verbosity.Normal)
        {
            Console.Error.WriteLine(line);
        }
    }

    /// <summary>A warning on standard error (every verbosity but quiet).</summary>
    public void Warn(string line)
    {
        if (Verbosity > Verbosity.Quiet)
        {
            Console.Error.WriteLine("warning: " + line);
        }
    }

    /// <summary>Resolves the connection the command line describes.</summary>
    public SalesforceConnection Connect(ConnectionOptions options) => ConnectionResolver.Resolve(options.Read(Parse), LoggerFactory, warn: Warn);
}
