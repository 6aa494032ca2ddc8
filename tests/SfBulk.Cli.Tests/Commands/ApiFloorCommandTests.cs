using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

/// <summary><c>--min-api-remaining</c> on sweep and watch: exit code 6 and a report that says so.</summary>
public sealed class ApiFloorCommandTests
{
    [Fact]
    public async Task Sweep_FloorReachedMidway_ExitsSixAndReportSaysSo()
    {
        await using var emulator = new CliEmulator();
        await emulator.InitializeAsync();
        await emulator.SeedClassicAsync("""{"count":10,"ageSeconds":90000}""");
        await emulator.PostControlAsync("_emulator/limits", """{"DailyApiRequests":{"max":1000,"used":970}}""");

        var result = await CliProcess.RunAsync(["sweep", "--yes", "--min-api-remaining", "2%", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(6, result);
        var json = CliAssert.Json(result);
        Assert.True(json.GetProperty("stoppedAtApiFloor").GetBoolean());
        Assert.True(json.GetProperty("counts").GetProperty("apiFloorReached").GetInt32() > 0);
        Assert.Contains("API floor", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_DryRun_ShowsRequestsToSpendAndWhatRemains()
    {
        await using var emulator = new CliEmulator();
        await emulator.InitializeAsync();
        await emulator.SeedClassicAsync("""{"count":4,"ageSeconds":90000}""");

        var text = await CliProcess.RunAsync(["sweep", "--dry-run", .. await emulator.SessionArgsAsync()]);
        var json = await CliProcess.RunAsync(["sweep", "--dry-run", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, text);
        Assert.Matches(@"The sweep will spend about 4 API requests; the org has [\d,]+ of its 5,000,000 daily requests left", text.StdOut);
        var requests = CliAssert.Json(json).GetProperty("requests");
        Assert.Equal(4, requests.GetProperty("toSpend").GetInt32());
        Assert.Equal(requests.GetProperty("remaining").GetInt64() - 4, requests.GetProperty("remainingAfter").GetInt64());
    }

    [Fact]
    public async Task Watch_FloorReached_ExitsSix()
    {
        await using var emulator = new CliEmulator();
        await emulator.InitializeAsync();
        var id = await emulator.OpenJobAsync("""{"operation":"query","pkChunking":{"chunkSize":100000},"chunks":40,"chunkDurationSeconds":3600}""");
        await emulator.PostControlAsync("_emulator/limits", """{"DailyApiRequests":{"max":1000,"used":985}}""");

        var result = await CliProcess.RunAsync(["watch", id, "--min-api-remaining", "10", "--output", "json", .. await emulator.SessionArgsAsync()], timeout: TimeSpan.FromMinutes(2));

        CliAssert.ExitCode(6, result);
        Assert.Equal("apiFloorReached", CliAssert.Json(result).GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("sweep")]
    [InlineData("watch")]
    public async Task FloorOption_Malformed_ExitsTwoBeforeAnyCall(string command)
    {
        using var server = new BlackHoleServer();
        string[] args = command == "sweep"
            ? ["sweep", "--dry-run", "--min-api-remaining", "lots", "--instance-url", server.Url, "--session-id", "x"]
            : ["watch", "750R00000000001IAA", "--min-api-remaining", "150%", "--instance-url", server.Url, "--session-id", "x"];

        var result = await CliProcess.RunAsync(args);

        CliAssert.RefusedBeforeAnyCall(result, server, "--min-api-remaining");
    }
}
