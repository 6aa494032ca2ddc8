using System.Text.Json;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

/// <summary><c>sfbulk watch --all</c> against the emulator in real time; each test watches its own sObject.</summary>
public sealed class WatchAllCommandTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    private static string Chunked(string sobject, int chunks, double seconds) =>
        $$"""{"operation":"query","object":"{{sobject}}","pkChunking":true,"chunks":{{chunks}},"chunkDurationSeconds":{{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""";

    [Fact]
    public async Task WatchAll_CloseUntilIdleJson_StreamsOneEventPerLineAndClosesEveryJobOnce()
    {
        var first = await emulator.OpenJobAsync(Chunked("Contact", 2, 0.5));
        var second = await emulator.OpenJobAsync(Chunked("Contact", 3, 1));
        var other = await emulator.OpenJobAsync(Chunked("Lead", 2, 0.5));

        var result = await CliProcess.RunAsync(
            ["watch", "--all", "--close", "--until-idle", "--older-than", "0s", "--object", "Contact", "--output", "json", .. await emulator.SessionArgsAsync()],
            timeout: TimeSpan.FromSeconds(60));

        CliAssert.ExitCode(0, result);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("event").GetString())));
        foreach (var id in new[] { first, second })
        {
            Assert.Single(events, e => e.GetProperty("event").GetString() == "seen" && e.GetProperty("jobId").GetString() == id);
            var closed = Assert.Single(events, e => e.GetProperty("event").GetString() == "closed" && e.GetProperty("jobId").GetString() == id);
            Assert.Equal("Closed", closed.GetProperty("state").GetString());
            Assert.Equal("Closed", await emulator.ClassicJobStateAsync(id));
        }

        var stopped = events[^1];
        Assert.Equal("stopped", stopped.GetProperty("event").GetString());
        Assert.Equal("idle", stopped.GetProperty("reason").GetString());
        Assert.Equal(new[] { first, second }.Order(), stopped.GetProperty("closed").EnumerateArray().Select(e => e.GetString()!).Order());
        Assert.True(stopped.GetProperty("callsUsed").GetInt64() >= 5);
        Assert.DoesNotContain(events, e => e.TryGetProperty("jobId", out var id) && id.GetString() == other);
        Assert.Equal("Open", await emulator.ClassicJobStateAsync(other));
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task WatchAll_CtrlC_PrintsWhatItClosedAndLeavesTheRestExits130()
    {
        var quick = await emulator.OpenJobAsync(Chunked("Opportunity", 2, 0.5));
        var slow = await emulator.OpenJobAsync(Chunked("Opportunity", 40, 30));
        using var watch = RunningCli.Start(["watch", "--all", "--close", "--older-than", "0s", "--object", "Opportunity", .. await emulator.SessionArgsAsync()]);
        await RunningCli.UntilAsync(async () => await emulator.ClassicJobStateAsync(quick) == "Closed");
        // The slow job is followed by now (it was listed with the quick one); let the watch wait for its next look.
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        await watch.InterruptAsync();
        var result = await watch.WaitAsync(TimeSpan.FromSeconds(15));

        CliAssert.ExitCode(130, result);
        Assert.Contains("Cancelled.", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Closed 1 job:", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"  {quick}  Opportunity  closed ", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"Still followed, left as they are: {slow}", result.StdOut, StringComparison.Ordinal);
        Assert.Equal("Open", await emulator.ClassicJobStateAsync(slow));
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task WatchAll_DefaultMinimumAge_LeavesAFreshJobAloneAndStopsIdle()
    {
        var fresh = await emulator.OpenJobAsync(Chunked("Case", 2, 0.5));

        var result = await CliProcess.RunAsync(["watch", "--all", "--close", "--until-idle", "--object", "Case", .. await emulator.SessionArgsAsync()], timeout: TimeSpan.FromSeconds(30));

        CliAssert.ExitCode(0, result);
        Assert.Contains("Closed 0 jobs.", result.StdOut, StringComparison.Ordinal);
        Assert.Equal("Open", await emulator.ClassicJobStateAsync(fresh));
    }
}
