namespace SfBulk.Cli.Infrastructure;

/// <summary>Asks a person a yes/no question on the terminal; anything but yes (or end of input) is no.</summary>
internal static class Confirmation
{
    public static bool Ask(string question)
    {
        Console.Error.Write(question + " [y/N] ");
        var answer = Console.In.ReadLine()?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
    }
}
