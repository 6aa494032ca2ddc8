using System.Globalization;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Chaos;

/// <summary>
/// A sweep that dies midway and is started again. The death is in-process: once a third of the jobs are reported,
/// the sweep's token is cancelled and its connection disposed at once, so requests in flight are abandoned — some
/// of them already carried out by the emulator (slow answers, dropped connections), their outcome never reported.
/// The first sweep runs under the <see cref="ChaosFaults"/> mix. Then a new connection (a new login, as a restarted
/// process makes) sweeps again.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class SweepRestartTests
{
    private const int Jobs = 300;

    [Fact]
    public async Task SweepAsync_KilledMidwayThenRunAgainUnderChaos_EveryJobClosedOnceNoneAborted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var org = await TestEmulator.StartAsync(TestSettings.Watch());
        var jobIds = await ChaosJobs.SeedAsync(org, Jobs);
        var (reported, _) = await SweepUntilKilledAsync(org);
        var before = await ChaosJobs.StatesAsync(org, jobIds);
        var openBefore = before.Where(s => s.Value == BulkJobState.Open).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var unreported = before.Count(s => s.Value != BulkJobState.Open && !reported.Contains(s.Key));

        await ChaosFaults.AddAllAsync(org);
        using var restarted = ChaosJobs.Connect(org, "restarted");
        var report = await new JobSweeper(org.CreateClient(restarted), ChaosJobs.Sweep).SweepAsync(cancellationToken: ct);
        await org.ClearFaultsAsync();
        var after = await ChaosJobs.StatesAsync(org, jobIds);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"killed after {reported.Count} jobs reported; {Jobs - openBefore.Count} closed by then ({unreported} carried out but never reported); restart: {report}"));
        Assert.InRange(reported.Count, Jobs / 3, Jobs - 1);
        Assert.True(openBefore.Count > 0, "the kill came too late");
        Assert.All(reported, id => Assert.DoesNotContain(id, openBefore));
        Assert.Equal(openBefore.Order(StringComparer.Ordinal), report.Jobs.Select(j => ChaosJobs.Key(j.JobId)).Order(StringComparer.Ordinal));
        Assert.True(report.Succeeded, string.Join(Environment.NewLine, report.Jobs.Where(j => !j.IsSuccess).Take(10)));
        Assert.Equal(openBefore.Count, report.Counts[SweepOutcome.Closed] + report.Counts[SweepOutcome.AlreadyClosed]);
        Assert.All(after, s => Assert.True(ChaosJobs.IsClosed(s.Value), $"{s.Key} is {s.Value}"));
    }

    [Fact]
    public async Task ExecuteAsync_SavedPlanRunAgainAfterKill_JobsClosedBeforeCountAsAlreadyClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var org = await TestEmulator.StartAsync(TestSettings.Watch());
        var jobIds = await ChaosJobs.SeedAsync(org, Jobs);
        var (_, plan) = await SweepUntilKilledAsync(org);
        var before = await ChaosJobs.StatesAsync(org, jobIds);
        var closedBefore = before.Count(s => s.Value != BulkJobState.Open);

        using var restarted = ChaosJobs.Connect(org, "restarted");
        var report = await new JobSweeper(org.CreateClient(restarted), ChaosJobs.Sweep).ExecuteAsync(plan, cancellationToken: ct);
        var after = await ChaosJobs.StatesAsync(org, jobIds);

        Assert.True(closedBefore is > 0 and < Jobs, closedBefore.ToString(CultureInfo.InvariantCulture));
        Assert.True(report.Succeeded, string.Join(Environment.NewLine, report.Jobs.Where(j => !j.IsSuccess).Take(10)));
        Assert.Equal(Jobs, report.Jobs.Count);
        Assert.Equal(closedBefore, report.Counts[SweepOutcome.AlreadyClosed]);
        Assert.Equal(Jobs - closedBefore, report.Counts[SweepOutcome.Closed]);
        Assert.All(report.Jobs.Where(j => before[ChaosJobs.Key(j.JobId)] != BulkJobState.Open), j => Assert.Equal(SweepOutcome.AlreadyClosed, j.Outcome));
        Assert.All(after, s => Assert.True(ChaosJobs.IsClosed(s.Value), $"{s.Key} is {s.Value}"));
    }

    /// <summary>
    /// Plans, then sweeps under chaos on a connection of its own and kills the sweep once a third of the jobs are
    /// reported; returns the jobs reported done (15-character ids) and the plan. Faults are cleared afterwards.
    /// </summary>
    private static async Task<(HashSet<string> Reported, SweepPlan Plan)> SweepUntilKilledAsync(TestEmulator org)
    {
        var connection = ChaosJobs.Connect(org, "doomed");
        var sweeper = new JobSweeper(org.CreateClient(connection), ChaosJobs.Sweep);
        var plan = await sweeper.PlanAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Jobs, plan.Entries.Count);
        await ChaosFaults.AddAllAsync(org);

        var reported = new HashSet<string>(StringComparer.Ordinal);
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new Kill(p =>
        {
            lock (reported)
            {
                if (p.Latest.IsSuccess)
                {
                    reported.Add(ChaosJobs.Key(p.Latest.JobId));
                }

                if (p.Done >= Jobs / 3 && !kill.IsCancellationRequested)
                {
                    kill.Cancel();
                    connection.Dispose();
                }
            }
        });

        await Assert.ThrowsAnyAsync<Exception>(() => sweeper.ExecuteAsync(plan, progress, kill.Token));
        connection.Dispose();
        await org.ClearFaultsAsync();
        await WaitUntilQuietAsync(org);
        lock (reported)
        {
            return ([.. reported], plan);
        }
    }

    /// <summary>
    /// Waits until the emulator has received no request for a while: requests the killed sweep had already sent may
    /// still be on their way (on a busy machine, for a second or more) and would change a job after the test read the
    /// states, as a process killed mid-request leaves work in flight. Bounded: gives up after 30 s.
    /// </summary>
    private static async Task WaitUntilQuietAsync(TestEmulator harness)
    {
        var quiet = TimeSpan.FromMilliseconds(750);
        var last = await harness.TotalRequestsAsync();
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += quiet)
        {
            await Task.Delay(quiet, TestContext.Current.CancellationToken);
            var now = await harness.TotalRequestsAsync();
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }

    /// <summary>Reports synchronously, on the sweeping thread.</summary>
    private sealed class Kill(Action<SweepProgress> onReport) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => onReport(value);
    }
}
