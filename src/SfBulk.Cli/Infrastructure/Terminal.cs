using System.Globalization;
using Spectre.Console;

namespace SfBulk.Cli.Infrastructure;

/// <summary>The Spectre consoles for standard output and standard error, honouring NO_COLOR and redirection.</summary>
internal static class Terminal
{
    private static IAnsiConsole? _out;
    private static IAnsiConsole? _error;

    /// <summary>Standard output (results).</summary>
    public static IAnsiConsole Out => _out ??= Create(Console.Out, Console.IsOutputRedirected);

    /// <summary>Standard error (diagnostics, progress, errors).</summary>
    public static IAnsiConsole Error => _error ??= Create(Console.Error, Console.IsErrorRedirected);

    /// <summary>True when standard output is a terminal a person watches (live progress makes sense).</summary>
    public static bool IsInteractive => !Console.IsOutputRedirected && !Console.IsInputRedirected;

    /// <summary>True when standard error is a terminal a person watches (live progress there makes sense).</summary>
    public static bool IsErrorInteractive => !Console.IsErrorRedirected && !Console.IsInputRedirected;

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = noColor || redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            // Redirected output has no width; keep tables on one line per row for scripts and logs.
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 40
                ? columns
                : 200;
        }

        return console;
    }
}
