using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

/// <summary>Ctrl+C during a sweep: exit code 130 and the report of what finished, so that nothing done is lost.</summary>
public sealed class SweepInterruptTests
{
    private const string CloseRoute = "POST /services/async/{version}/job/{jobId}";
    private const int Jobs = 120;

    [Fact]
    public async Task Sweep_CtrlCMidway_Exits130WithEveryJobReportedClosedOrCancelled()
    {
        var org = new EmulatorFixture();
        await org.InitializeAsync();
        await using var _ = org;
        var ids = await org.SeedClassicAsync($$"""{"count":{{Jobs}}}""");
        // Slow closes, so that Ctrl+C lands while the sweep is busy.
        await org.ControlAsync("_emulator/faults", $$"""{"route":"{{CloseRoute}}","kind":"latency","latencyMs":25}""");
        var args = await org.SessionArgsAsync();

        using var sweep = RunningCli.Start(["sweep", "--yes", "--concurrency", "2", "--output", "json", .. args]);
        await RunningCli.UntilAsync(async () => await org.RouteCountAsync(CloseRoute) >= Jobs / 4);
        await sweep.InterruptAsync();
        var result = await sweep.WaitAsync();

        CliAssert.ExitCode(130, result);
        Assert.Contains("run the same sweep again", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
        var report = CliAssert.Json(result);
        Assert.False(report.GetProperty("succeeded").GetBoolean());
        Assert.True(report.GetProperty("cancelled").GetBoolean());
        var outcomes = report.GetProperty("jobs").EnumerateArray()
            .ToDictionary(j => j.GetProperty("id").GetString()!, j => j.GetProperty("outcome").GetString()!);
        Assert.Equal(ids.Order(StringComparer.Ordinal), outcomes.Keys.Order(StringComparer.Ordinal));
        Assert.All(outcomes.Values, o => Assert.True(o is "closed" or "cancelled", o));
        var closed = outcomes.Where(o => o.Value == "closed").Select(o => o.Key).ToList();
        // At least the closes answered before Ctrl+C, less the two in flight then.
        Assert.InRange(closed.Count, (Jobs / 4) - 2, Jobs - 1);
        Assert.Equal(closed.Count, report.GetProperty("counts").GetProperty("closed").GetInt32());
        Assert.Equal(Jobs - closed.Count, report.GetProperty("counts").GetProperty("cancelled").GetInt32());
        foreach (var id in closed)
        {
            Assert.Equal("Closed", await org.ClassicJobStateAsync(id));
        }

        // A cancelled job is still open, unless its close was in flight (two at a time) and went through.
        var cancelledButClosed = 0;
        foreach (var id in outcomes.Where(o => o.Value == "cancelled").Select(o => o.Key))
        {
            cancelledButClosed += await org.ClassicJobStateAsync(id) == "Closed" ? 1 : 0;
        }

        Assert.InRange(cancelledButClosed, 0, 2);
    }
}
