using System.Diagnostics;
using System.Globalization;

namespace SfBulk.Cli.Tests.Infrastructure;

/// <summary>An <c>sfbulk</c> process started in the background, for tests that act while it runs (time, sessions, Ctrl+C).</summary>
public sealed class RunningCli : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private RunningCli(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static RunningCli Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var process = Process.Start(CliProcess.StartInfo(args, environment))!;
        process.StandardInput.Close();
        return new RunningCli(process);
    }

    /// <summary>Sends SIGINT, as Ctrl+C does.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Kills the process at once (SIGKILL): no handler runs, requests in flight are abandoned.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end (killing it after <paramref name="timeout"/>).</summary>
    public async Task<CliResult> WaitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("sfbulk did not exit in time.\nstderr so far is not available.");
        }

        return new CliResult(_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (at most 20 s).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 20 s.");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
