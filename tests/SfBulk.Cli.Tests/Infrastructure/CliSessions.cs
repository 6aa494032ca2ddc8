namespace SfBulk.Cli.Tests.Infrastructure;

/// <summary>Command-line arguments that point sfbulk at an emulator.</summary>
public static class CliSessions
{
    /// <summary>The arguments of an external session: <c>--instance-url URL --session-id TOKEN</c>.</summary>
    public static async Task<string[]> SessionArgsAsync(this TestEmulator emulator) => ["--instance-url", emulator.Url, "--session-id", await emulator.LoginAsync()];
}
