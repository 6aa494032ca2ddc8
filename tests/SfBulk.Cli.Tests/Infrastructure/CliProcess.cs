using System.Diagnostics;
using System.Text;

namespace SfBulk.Cli.Tests.Infrastructure;

/// <summary>What a finished <c>sfbulk</c> process printed and returned.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// Runs the built <c>sfbulk</c> CLI as a separate process, as users run it: the framework-dependent build next to
/// the tests, or the executable named by <c>SFBULK_TEST_CLI</c> (the NativeAOT binary, which <c>eng/test.sh</c>
/// publishes and runs the whole suite against as well).
/// </summary>
public static class CliProcess
{
    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "SfBulk.Cli.dll");

    /// <summary>The executable under test when it is not the framework-dependent build; null for that build.</summary>
    public static string? Executable { get; } = Environment.GetEnvironmentVariable("SFBULK_TEST_CLI") is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : null;

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(Executable ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (Executable is null)
        {
            info.ArgumentList.Add(CliDll);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A clean environment for what sfbulk reads, so the developer's own settings never leak into tests.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("SFBULK_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["NO_COLOR"] = "1";

        // No test reads the developer's connections: a config path that does not exist unless a test sets its own.
        info.Environment["SFBULK_CONFIG"] = Path.Combine(Path.GetTempPath(), "sfbulk-tests-none", Guid.NewGuid().ToString("N"), "connections.json");

        // Nor writes the developer's journal: state goes to a folder of its own unless a test sets XDG_STATE_HOME.
        info.Environment["XDG_STATE_HOME"] = Path.Combine(Path.GetTempPath(), "sfbulk-tests-state", Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null, string? stdin = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args, environment))!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sfbulk {string.Join(' ', args)} did not exit within {timeout ?? TimeSpan.FromSeconds(60)}.");
        }

        var result = new CliResult(process.ExitCode, await stdout, await stderr);

        // Every run of the whole suite is scanned for the shared canary secrets.
        Canaries.AssertAbsent(result.StdOut, $"the standard output of 'sfbulk {args.FirstOrDefault()}'");
        Canaries.AssertAbsent(result.StdErr, $"the standard error of 'sfbulk {args.FirstOrDefault()}'");
        return result;
    }
}
