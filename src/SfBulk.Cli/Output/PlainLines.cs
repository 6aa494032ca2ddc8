using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>
/// Lines of text written as they are: the terminal wraps a long one where it must, instead of Spectre breaking it
/// at the console's width and padding it with spaces (which a pipe or a copy then carries along).
/// </summary>
internal static class PlainLines
{
    /// <summary>Writes <paramref name="text"/> and a line break to the console's output.</summary>
    public static void Line(this IAnsiConsole console, string text = "")
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(text);
        writer.Write('\n');
        writer.Flush();
    }
}
