using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

/// <summary><c>sfbulk close -</c>: job ids on standard input, each checked before anything is sent.</summary>
public sealed class CloseFromStandardInputTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    [Fact]
    public async Task Close_IdsOnStandardInput_ClosesEachOnceWithThoseOnTheCommandLine()
    {
        var ids = await emulator.SeedClassicAsync("""{"count":4}""");
        var stdin = $"# jobs left open by the nightly load\n{ids[0]} {ids[1]}\n\n{ids[2][..15]},{ids[0]}\r\n";

        var result = await CliProcess.RunAsync(["close", "-", ids[3], "--output", "json", .. await emulator.SessionArgsAsync()], stdin: stdin);

        CliAssert.ExitCode(0, result);
        var closed = CliAssert.Json(result).EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), closed.Order(StringComparer.Ordinal));
        foreach (var id in ids)
        {
            Assert.Equal("Closed", await emulator.ClassicJobStateAsync(id));
        }
    }

    [Fact]
    public async Task Close_BadIdsOnStandardInput_ExitsTwoNamingTheLinesAndSendsNothing()
    {
        using var server = new BlackHoleServer();
        var stdin = "750R00000000001IAA\n751R00000000001IAA\n750R00000000001IAA 12345\n";

        var result = await CliProcess.RunAsync(["close", "-", "--instance-url", server.Url, "--session-id", "x"], stdin: stdin);

        CliAssert.RefusedBeforeAnyCall(result, server, "Standard input holds 2 job ids that cannot be used; nothing was sent");
        Assert.Contains("line 2: ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("line 3: '12345' is not a job id", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "held none")]
    [InlineData("# only a comment\n\n", "held none")]
    public async Task Close_NoIdsOnStandardInput_ExitsTwo(string stdin, string message)
    {
        using var server = new BlackHoleServer();

        var result = await CliProcess.RunAsync(["close", "-", "--instance-url", server.Url, "--session-id", "x"], stdin: stdin);

        CliAssert.RefusedBeforeAnyCall(result, server, message);
    }

    [Theory]
    [InlineData(new[] { "close", "-", "--instance-url", "http://127.0.0.1:9", "--session-id", "-" }, "cannot both read it")]
    [InlineData(new[] { "close", "-", "-", "--instance-url", "http://127.0.0.1:9", "--session-id", "x" }, "may be given once")]
    public async Task Close_StandardInputAskedTwice_ExitsTwo(string[] args, string message)
    {
        var result = await CliProcess.RunAsync(args, stdin: "750R00000000001IAA\n");

        CliAssert.ExitCode(2, result);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }
}
