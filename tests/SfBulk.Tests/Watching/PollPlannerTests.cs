using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

public sealed class PollPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Eight batches of 2 s done, the last two running: the mean batch time is 2 s.</summary>
    private static JobInfo Tail(DateTimeOffset created) => SfBulkModelFactory.JobInfo(
        operation: JobOperation.Query,
        state: BulkJobState.Open,
        createdDate: created,
        numberBatchesTotal: 10,
        numberBatchesInProgress: 2,
        numberBatchesCompleted: 8,
        totalProcessingTime: 16_000);

    [Fact]
    public void NextDelay_RunningBatchesStartedJustNow_WaitsAboutOneBatchTime()
    {
        var planner = new PollPlanner(new WatchOptions { Jitter = 0 });
        var job = Tail(Now.AddSeconds(-10));
        var running = SfBulkModelFactory.BatchInfo(state: BatchState.InProgress, systemModstamp: Now);

        Assert.True(planner.WantsBatchStarts(job, Now));
        planner.UseBatchStarts(job, [running], Now);

        Assert.InRange(planner.NextDelay(job, hasBatchCounts: true, Now), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3.5));
    }

    [Fact]
    public void NextDelay_SalesforceClockTenMinutesAhead_StillWaitsAtMostAboutOneBatchTime()
    {
        // Salesforce stamps batches with its own clock; a client clock 10 minutes behind must not make the watcher
        // believe the running batches end 10 minutes from now (and sleep the longest pause).
        var planner = new PollPlanner(new WatchOptions { Jitter = 0 });
        var skew = TimeSpan.FromMinutes(10);
        var job = Tail(Now.AddSeconds(-10) + skew);
        var running = SfBulkModelFactory.BatchInfo(state: BatchState.InProgress, systemModstamp: Now + skew);

        planner.UseBatchStarts(job, [running], Now);

        Assert.InRange(planner.NextDelay(job, hasBatchCounts: true, Now), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3.5));
        Assert.True(planner.EstimatedFinish <= Now + TimeSpan.FromSeconds(2));
    }
}
