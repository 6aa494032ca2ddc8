using SfBulk.Jobs;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.BadInput;

namespace SfBulk.Tests.Sweeping;

/// <summary>
/// Listings and job reads the emulator never sends (canned answers from a real loopback server): a job listed with
/// no creator or a 15-character one, skipped jobs of both APIs, and a PK-chunked job whose counts say nothing runs
/// while its batch list shows chunks queued or running.
/// </summary>
public sealed class SweepListingEdgeTests : CannedSweepTests
{
    private static readonly string First = JobId.Normalize("750R00000000011");
    private static readonly string Second = JobId.Normalize("750R00000000012");
    private static readonly string Third = JobId.Normalize("750R00000000013");

    [Fact]
    public async Task PlanAsync_CreatedByIdFilter_MatchesA15CharacterCreatorAndPassesOverAJobWithNoCreator()
    {
        var old = CannedOrg.Ago(TimeSpan.FromDays(2));
        Org.Job(First, createdDate: old).Job(Second, createdDate: old).Job(Third, createdDate: old);
        Org.Records[1]["createdById"] = CannedOrg.UserId[..15];
        Org.Records[2]["createdById"] = null;

        var plan = await Sweeper().PlanAsync(new SweepFilter { CreatedById = CannedOrg.UserId }, Ct);

        Assert.Equal([First, Second], plan.Entries.Select(e => e.JobId));
        Assert.All(plan.Entries, e => Assert.Equal(CloseJobState.Closed, e.TargetState));
    }

    [Fact]
    public async Task PlanAsync_SkippedJobsOfBothApis_EachShownWithItsOwnApi()
    {
        Org.Job(First)
            .Job(Second, jobType: "V2Ingest")
            .Job("not-a-job-id", jobType: "V2Ingest", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)))
            .Job("also-not-an-id", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)));

        var plan = await Sweeper().PlanAsync(cancellationToken: Ct);

        Assert.Equal(4, plan.Entries.Count);
        Assert.All(plan.Entries, e => Assert.Null(e.TargetState));
        Assert.Equal([BulkApi.V1, BulkApi.V2, BulkApi.V2, BulkApi.V1], plan.Entries.Select(e => e.Api));
        Assert.StartsWith("Age unknown", plan.Entries[1].SkipReason, StringComparison.Ordinal);
        Assert.StartsWith("Malformed job id", plan.Entries[2].SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepAsync_AgeUnknownWithNoMinimumAge_ClosedLikeAnyOtherJob()
    {
        Org.Job(First);

        var report = await Sweeper().SweepAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, cancellationToken: Ct);

        Assert.Equal(SweepOutcome.Closed, Assert.Single(report.Jobs).Outcome);
        Assert.Equal(1, Closes());
    }

    [Theory]
    [InlineData("Queued")]
    [InlineData("InProgress")]
    public async Task SweepAsync_CountsShowNothingRunningButTheBatchListDoes_SkippedWithTheBatchListsCount(string running)
    {
        // The job read shows only NotProcessed batches (the counts cannot tell); its batch list, read next, shows two
        // chunks waiting or running.
        Org.Job(First, operation: "query", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)));
        Org.Counts[First] = (0, 0, 0, 0, 3);
        Org.Batches[First] = ["NotProcessed", running, running];

        var report = await Sweeper().SweepAsync(cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Skipped, job.Outcome);
        Assert.Equal(2, job.Entry.PendingBatches);
        Assert.Equal(
            "PK-chunked job still running: its batch list shows 2 batches queued or in progress. Close it once every chunk's results are read, or sweep --include-running (IncludeRunning).",
            job.Reason);
        Assert.Equal(0, Closes());
    }
}
