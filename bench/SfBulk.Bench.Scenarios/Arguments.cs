using System.Globalization;

namespace SfBulk.Bench.Scenarios;

/// <summary>Command-line helpers of the scenario runner.</summary>
internal static class Arguments
{
    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>The session id, from <c>SFBULK_SESSION_ID</c> (never from the command line, where ps would show it).</summary>
    public static string Session() =>
        Environment.GetEnvironmentVariable("SFBULK_SESSION_ID") is { Length: > 0 } id
            ? id
            : throw new InvalidOperationException("set SFBULK_SESSION_ID to a session id of the emulator");

    public static int Usage()
    {
        Console.Error.WriteLine("usage: SfBulk.Bench.Scenarios watch <output-dir> [--seeds N]");
        Console.Error.WriteLine("       SfBulk.Bench.Scenarios sweep|raw-sweep <instance-url> [--concurrency N]   (SFBULK_SESSION_ID set)");
        return 2;
    }
}
