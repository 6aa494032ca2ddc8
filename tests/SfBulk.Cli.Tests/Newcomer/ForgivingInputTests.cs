using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Newcomer;

/// <summary>Mistakes a newcomer makes are named as such, with the fix, before anything is sent.</summary>
public sealed class ForgivingInputTests
{
    [Fact]
    public async Task Close_MisspeltOption_IsNamedWithTheClosestOption()
    {
        using var server = new BlackHoleServer();

        var result = await CliProcess.RunAsync(["close", "750R00000000001IAA", "--timout", "30s", "--instance-url", server.Url, "--session-id", "x"]);

        CliAssert.RefusedBeforeAnyCall(result, server, "unknown option '--timout' for 'sfbulk close'. Did you mean '--timeout'?");
        Assert.DoesNotContain("is not a job id", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MisspeltCommand_IsNamedWithTheClosestCommand()
    {
        var result = await CliProcess.RunAsync(["clsoe", "750R00000000001IAA"]);

        CliAssert.ExitCode(2, result);
        Assert.Contains("'clsoe' is not an sfbulk command. Did you mean 'close'?", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("watch", "--timeout")]
    [InlineData("close", "--timeout")]
    public async Task Duration_WithoutUnit_IsRefusedWithTheFix(string command, string option)
    {
        using var server = new BlackHoleServer();

        var result = await CliProcess.RunAsync([command, "750R00000000001IAA", option, "30", "--instance-url", server.Url, "--session-id", "x"]);

        CliAssert.RefusedBeforeAnyCall(result, server, "'30' has no unit: add a unit: 30s or 30000ms");
    }
}
