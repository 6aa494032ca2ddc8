using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

/// <summary>
/// A sweep or a close of many jobs stopped midway — killed (SIGKILL, nothing flushed) or interrupted (Ctrl+C) — loses
/// nothing: Ctrl+C prints what was done, and running the command again finishes the work, doing nothing twice.
/// </summary>
public sealed class InterruptionTests
{
    private const string CloseRoute = "POST /services/async/{version}/job/{jobId}";
    private const int Jobs = 120;

    [Fact]
    public async Task Sweep_KilledMidwayAndRunAgain_ClosesEveryJobAndClosesNoneTwice()
    {
        var (org, ids, args) = await SlowOrgAsync();
        await using var _ = org;

        using (var first = await StartAsync(org, ["sweep", "--yes", "--concurrency", "2", "--output", "json", .. args], closesBefore: Jobs / 3))
        {
            await first.KillAsync();
        }

        var closesBeforeRestart = await org.RequestsAsync(CloseRoute);
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
        Assert.Equal(closesBeforeRestart + stillOpen.Count, await org.RequestsAsync(CloseRoute));
        foreach (var id in ids)
        {
            Assert.Equal("Closed", await org.ClassicJobStateAsync(id));
        }
    }

    [Fact]
    public async Task Sweep_CtrlCMidway_Exits130WithEveryJobReportedClosedOrCancelled()
    {
        var (org, ids, args) = await SlowOrgAsync();
        await using var _ = org;

        using var sweep = await StartAsync(org, ["sweep", "--yes", "--concurrency", "2", "--output", "json", .. args], closesBefore: Jobs / 4);
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

    [Fact]
    public async Task Close_ManyJobsCtrlCMidway_Exits130WithEveryJobReportedClosedOrCancelled()
    {
        var (org, ids, args) = await SlowOrgAsync();
        await using var _ = org;

        using var close = await StartAsync(org, ["close", .. ids, "--parallelism", "2", "--output", "json", .. args], closesBefore: Jobs / 4);
        await close.InterruptAsync();
        var result = await close.WaitAsync();

        CliAssert.ExitCode(130, result);
        Assert.Contains("running the same command again finishes the rest", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
        var outcomes = CliAssert.Json(result).EnumerateArray()
            .ToDictionary(j => j.GetProperty("id").GetString()!, j => j.GetProperty("outcome").GetString()!);
        Assert.Equal(ids.Order(StringComparer.Ordinal), outcomes.Keys.Order(StringComparer.Ordinal));
        Assert.All(outcomes.Values, o => Assert.True(o is "closed" or "cancelled", o));
        var closed = outcomes.Where(o => o.Value == "closed").Select(o => o.Key).ToList();
        Assert.InRange(closed.Count, (Jobs / 4) - 2, Jobs - 1);
        foreach (var id in closed)
        {
            Assert.Equal("Closed", await org.ClassicJobStateAsync(id));
        }

        Assert.Matches(@"\d+ of 120 jobs done, \d+ cancelled\.", result.StdErr);
    }

    /// <summary>A new emulated org with <see cref="Jobs"/> open jobs whose closes each take 25 ms, so that a command is still busy when stopped.</summary>
    private static async Task<(CliEmulator Org, string[] Ids, string[] Args)> SlowOrgAsync()
    {
        var org = new CliEmulator();
        await org.InitializeAsync();
        var ids = await org.SeedClassicAsync($$"""{"count":{{Jobs}},"ageSeconds":7200}""");
        await org.PostControlAsync("_emulator/faults", $$"""{"route":"{{CloseRoute}}","kind":"latency","latencyMs":25}""");
        return (org, ids, await org.SessionArgsAsync());
    }

    /// <summary>Starts <c>sfbulk</c> with <paramref name="args"/> and returns once <paramref name="closesBefore"/> closes reached the org.</summary>
    private static async Task<RunningCli> StartAsync(CliEmulator org, string[] args, int closesBefore)
    {
        var cli = RunningCli.Start(args);
        await RunningCli.UntilAsync(async () => await org.RequestsAsync(CloseRoute) >= closesBefore);
        return cli;
    }
}
