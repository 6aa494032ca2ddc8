using System.Diagnostics;
using System.Globalization;
using SfBulk.Sweeping;

namespace SfBulk.Tests.Chaos;

/// <summary>
/// A sweep of open jobs (Bulk 1.0 XML and JSON, Bulk 2.0 ingest) while the emulator injects the <see cref="ChaosFaults"/>
/// mix on every request: every job must end closed (read back from the emulator), the report must hold each job
/// exactly once with a success, nothing may throw or go unobserved, and the API calls must stay within 1.3 times a
/// fault-free sweep of an identical org measured in the same test. 300 jobs in the suite; the 2,000-job run is explicit:
/// <c>dotnet test --project tests/SfBulk.Tests -c Release -- --filter-method "*Chaos2000*" --explicit only</c>.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosSweepTests
{
    private const double CallBudget = 1.3;

    [Fact]
    public Task SweepAsync_300MixedJobsUnderChaos_ClosesEveryJobOnceWithin130PercentOfCalls() => RunAsync(300);

    [Fact(Explicit = true)]
    public Task SweepAsync_Chaos2000MixedJobs_Measured()
    {
        ExplicitTests.SkipDuringMutationRun();
        return RunAsync(2_000);
    }

    private static async Task RunAsync(int jobs)
    {
        var ct = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper;

        long calmCalls;
        await using (var calm = await TestEmulator.StartAsync(TestSettings.Watch()))
        {
            await ChaosJobs.SeedAsync(calm, jobs);
            using var calmConnection = ChaosJobs.Connect(calm, "chaos");
            var calmReport = await new JobSweeper(calm.CreateClient(calmConnection), ChaosJobs.Sweep).SweepAsync(cancellationToken: ct);
            Assert.True(calmReport.Succeeded, calmReport.ToString());
            Assert.Equal(jobs, calmReport.Counts[SweepOutcome.Closed]);
            calmCalls = await calm.TotalRequestsAsync();
        }

        await using var org = await TestEmulator.StartAsync(TestSettings.Watch());
        var jobIds = await ChaosJobs.SeedAsync(org, jobs);
        using var chaos = ChaosJobs.Connect(org, "chaos");
        await ChaosFaults.AddAllAsync(org);
        using var unobserved = new UnobservedExceptions();
        var clock = Stopwatch.StartNew();
        var report = await new JobSweeper(org.CreateClient(chaos), ChaosJobs.Sweep).SweepAsync(cancellationToken: ct);
        clock.Stop();
        var calls = await org.TotalRequestsAsync();
        var applied = await ChaosFaults.AppliedAsync(org);
        await org.ClearFaultsAsync();
        var states = await ChaosJobs.StatesAsync(org, jobIds);

        output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{jobs} jobs, {clock.Elapsed.TotalSeconds:0.0} s: {report}"));
        foreach (var (name, count) in applied)
        {
            output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  injected {count,5}  {name}"));
        }

        output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  faults {applied.Sum(a => a.Applied)} of {calls} requests; calls {calls} vs fault-free {calmCalls} = {(double)calls / calmCalls:0.000}x; sweep's own count {report.CallsUsed}"));
        output?.WriteLine("  jobs that needed more than one close request: " + report.Jobs.Count(j => j.Attempts > 1).ToString(CultureInfo.InvariantCulture));

        Assert.True(report.Succeeded, string.Join(Environment.NewLine, report.Jobs.Where(j => !j.IsSuccess).Take(10)));
        Assert.Equal(jobs, report.Jobs.Count);
        Assert.Equal(jobIds.Select(ChaosJobs.Key).Order(StringComparer.Ordinal), report.Jobs.Select(j => ChaosJobs.Key(j.JobId)).Order(StringComparer.Ordinal));
        Assert.Equal(jobs, report.Counts[SweepOutcome.Closed] + report.Counts[SweepOutcome.AlreadyClosed]);
        Assert.Equal(jobs, report.Counts.Values.Sum());
        Assert.All(states, s => Assert.True(ChaosJobs.IsClosed(s.Value), $"{s.Key} is {s.Value}"));
        Assert.All(applied, a => Assert.True(a.Applied > 0, "never injected: " + a.Name));
        Assert.True(calls <= CallBudget * calmCalls, string.Create(CultureInfo.InvariantCulture, $"{calls} calls under chaos vs {calmCalls} fault-free: {(double)calls / calmCalls:0.000}x"));
        Assert.Empty(unobserved.Collect());
    }
}
