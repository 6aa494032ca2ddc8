using System.Diagnostics;
using System.Text;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Newcomer;

/// <summary>Ctrl+C at the sweep's confirmation prompt, in a pseudo terminal (<c>script</c>), as a person presses it.</summary>
public sealed class PromptInterruptTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    [Fact]
    public async Task Sweep_CtrlCAtThePrompt_EndsTheLineAndExitsAtOnce()
    {
        await emulator.SeedClassicAsync("""{"count":2,"ageSeconds":90000}""");
        var cli = CliProcess.Executable is { } exe ? ShellQuote(exe) : "dotnet " + ShellQuote(Path.Combine(AppContext.BaseDirectory, "SfBulk.Cli.dll"));
        var info = CliProcess.StartInfo([], new Dictionary<string, string?>
        {
            ["SFBULK_INSTANCE_URL"] = emulator.Url,
            ["SFBULK_SESSION_ID"] = await emulator.LoginAsync(),
        });
        info.FileName = "script";
        info.ArgumentList.Clear();
        foreach (var arg in new[] { "-qefc", cli + " sweep --older-than 24h", "/dev/null" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var buffer = new char[4096];
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!output.ToString().Contains("[y/N] ", StringComparison.Ordinal))
            {
                var n = await process.StandardOutput.ReadAsync(buffer, cts.Token);
                Assert.True(n > 0, "The prompt never came:\n" + output);
                output.Append(buffer, 0, n);
            }
        }

        await process.StandardInput.WriteAsync('\u0003'); // Ctrl+C: the terminal sends SIGINT
        await process.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
        var stopwatch = Stopwatch.StartNew();
        output.Append(await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken));
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        // Well under the 5 s the process would otherwise be given to stop on its own.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"Exiting took {stopwatch.Elapsed}.");
        Assert.Equal(130, process.ExitCode);
        Assert.Matches(@"\[y/N\] (\^C)?\r?\n", output.ToString());
        Assert.Contains("Cancelled.", output.ToString(), StringComparison.Ordinal);
    }

    private static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
