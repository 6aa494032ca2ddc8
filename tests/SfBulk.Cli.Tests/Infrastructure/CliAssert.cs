using System.Text.Json;

namespace SfBulk.Cli.Tests.Infrastructure;

/// <summary>Checks shared by the CLI tests.</summary>
public static class CliAssert
{
    public static void ExitCode(int expected, CliResult result) =>
        Assert.True(expected == result.ExitCode, $"Expected exit code {expected}, got {result.ExitCode}.\nstdout:\n{result.StdOut}\nstderr:\n{result.StdErr}");

    /// <summary>No stack trace and none of <paramref name="secrets"/> in either stream.</summary>
    public static void Clean(CliResult result, params string[] secrets)
    {
        Assert.DoesNotContain("   at ", result.StdOut + result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, result.StdOut, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.StdErr, StringComparison.Ordinal);
        }
    }

    /// <summary>Bad input: exit code 2, <paramref name="message"/> on standard error, no request to <paramref name="server"/>, no stack trace.</summary>
    public static void RefusedBeforeAnyCall(CliResult result, BlackHoleServer server, string message)
    {
        ExitCode(2, result);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, server.Accepted);
        Clean(result);
    }

    /// <summary>Standard error without the warning every command prints for a session id given on the command line.</summary>
    public static string WithoutSessionIdWarning(string stderr) =>
        string.Join('\n', stderr.Split('\n').Where(line => !line.StartsWith("warning: --session-id given on the command line", StringComparison.Ordinal)));

    public static JsonElement Json(CliResult result)
    {
        try
        {
            using var document = JsonDocument.Parse(result.StdOut);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not one JSON document ({e.Message}):\n{result.StdOut}\nstderr:\n{result.StdErr}");
        }
    }
}
