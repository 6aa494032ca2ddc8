using System.Diagnostics;
using System.Globalization;
using SfBulk.Sweeping;
using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Sweeping;

/// <summary>
/// Sweep throughput on the emulator: 1,000 open Bulk 1.0 jobs in the normal suite; the 10,000-job run is explicit:
/// <c>dotnet test --project tests/SfBulk.Tests -- --filter-method "*Sweep10000*" --explicit only</c>.
/// </summary>
public sealed class SweepBenchmarkTests
{
    [Fact]
    public Task SweepAsync_1000OpenJobs_ClosesAllAtAboutOneCallPerJob() => MeasureAsync(1_000);

    [Fact(Explicit = true)]
    public Task SweepAsync_Sweep10000OpenJobs_Measured()
    {
        ExplicitTests.SkipDuringMutationRun();
        return MeasureAsync(10_000);
    }

    private static async Task MeasureAsync(int jobs)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await TestEmulator.StartAsync(TestSettings.Watch());
        await harness.SeedClassicAsync(new { count = jobs, ageSeconds = 90_000 });
        await harness.ResetRequestsAsync();
        var sweeper = new JobSweeper(harness.Client);

        var clock = Stopwatch.StartNew();
        var report = await sweeper.SweepAsync(new SweepFilter { OlderThan = TimeSpan.FromHours(24) }, cancellationToken: ct);
        clock.Stop();

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(jobs, report.Counts[SweepOutcome.Closed]);
        Assert.Equal(await harness.TotalRequestsAsync(), report.CallsUsed);
        var pages = 2 * ((jobs + 999) / 1000);
        Assert.Equal(jobs + pages, report.CallsUsed);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{jobs} jobs: {report.CallsUsed} calls ({(double)report.CallsUsed / jobs:0.###} per job; plan {report.Plan.CallsUsed} calls in {report.Plan.Elapsed.TotalSeconds:0.##} s), sweep {report.Elapsed.TotalSeconds:0.##} s = {report.JobsPerSecond:0} jobs/s, total {clock.Elapsed.TotalSeconds:0.##} s at concurrency 4"));
    }
}
