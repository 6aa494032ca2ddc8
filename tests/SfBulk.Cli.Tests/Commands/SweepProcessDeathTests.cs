using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

/// <summary>A sweep killed midway (SIGKILL, nothing flushed) and started again finishes the work, doing nothing twice.</summary>
public sealed class SweepProcessDeathTests
{
    private const string CloseRoute = "POST /services/async/{version}/job/{jobId}";
    private const int Jobs = 120;

    [Fact]
    public async Task Sweep_KilledMidwayAndRunAgain_ClosesEveryJobAndClosesNoneTwice()
    {
        var org = new EmulatorFixture();
        await org.InitializeAsync();
        await using var _ = org;
        var ids = await org.SeedClassicAsync($$"""{"count":{{Jobs}}}""");
        // Slow closes, so that the kill lands while the sweep is busy.
        await org.ControlAsync("_emulator/faults", $$"""{"route":"{{CloseRoute}}","kind":"latency","latencyMs":25}""");
        var args = await org.SessionArgsAsync();

        using (var first = RunningCli.Start(["sweep", "--yes", "--concurrency", "2", "--output", "json", .. args]))
        {
            await RunningCli.UntilAsync(async () => await org.RouteCountAsync(CloseRoute) >= Jobs / 3);
            await first.KillAsync();
        }

        var closesBeforeRestart = await org.RouteCountAsync(CloseRoute);
        var stillOpen = new List<string>();
        foreach (var id in ids)
        {
            var state = await org.ClassicJobStateAsync(id);
            Assert.True(state is "Open" or "Closed", $"{id} is {state} after the kill; only Open or Closed are possible.");
            if (state == "Open")
            {
                stillOpen.Add(id);
            }
        }

        Assert.InRange(stillOpen.Count, 1, Jobs - (Jobs / 3) + 2);

        var second = await CliProcess.RunAsync(["sweep", "--yes", "--concurrency", "2", "--output", "json", .. args], timeout: TimeSpan.FromSeconds(60));

        CliAssert.ExitCode(0, second);
        var report = CliAssert.Json(second);
        var reported = report.GetProperty("jobs").EnumerateArray()
            .ToDictionary(j => j.GetProperty("id").GetString()!, j => j.GetProperty("outcome").GetString());
        // The second run planned exactly the jobs the first left open, and closed each of them once.
        Assert.Equal(stillOpen.Order(StringComparer.Ordinal), reported.Keys.Order(StringComparer.Ordinal));
        Assert.All(reported.Values, outcome => Assert.Equal("closed", outcome));
        Assert.Equal(stillOpen.Count, report.GetProperty("counts").GetProperty("closed").GetInt32());
        Assert.Equal(closesBeforeRestart + stillOpen.Count, await org.RouteCountAsync(CloseRoute));
        foreach (var id in ids)
        {
            Assert.Equal("Closed", await org.ClassicJobStateAsync(id));
        }
    }
}
