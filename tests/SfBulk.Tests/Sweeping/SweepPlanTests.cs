using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Sweeping;

public sealed class SweepPlanTests : IAsyncLifetime
{
    private TestEmulator _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _harness = await TestEmulator.StartAsync(TestSettings.Watch());
        await SweepFixture.SeedAsync(_harness);
    }

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private Task<SweepPlan> PlanAsync(SweepFilter? filter = null, Action<SweepOptions>? configure = null)
    {
        var options = new SweepOptions { TimeProvider = _harness.Time };
        configure?.Invoke(options);
        return new JobSweeper(_harness.Client, options).PlanAsync(filter ?? new SweepFilter { OlderThan = TimeSpan.Zero }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PlanAsync_NoFilter_ListsEveryOpenJobOnceAndSkipsRunningChunksAndQueryJobs()
    {
        var plan = await PlanAsync();

        Assert.Equal(SweepFixture.OpenJobs, plan.Entries.Count);
        Assert.Equal(plan.Entries.Count, plan.Entries.Select(e => e.JobId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(15, plan.JobsListed);
        Assert.Equal(8, plan.ToClose);
        Assert.Equal(4, plan.ToSkip);
        Assert.All(plan.Entries.Where(e => e.Job.JobType == BulkJobType.V2Ingest), e => Assert.StartsWith("Upload not completed", e.SkipReason, StringComparison.Ordinal));
        var running = Assert.Single(plan.Entries, e => e.PendingBatches > 0);
        Assert.Null(running.TargetState);
        Assert.Contains("PK-chunked job still running", running.SkipReason, StringComparison.Ordinal);
        Assert.Single(plan.Entries, e => e.IsPkChunked == true && e.TargetState == CloseJobState.Closed);
        Assert.Contains("no Closed state", Assert.Single(plan.Entries, e => e.Job.JobType == BulkJobType.V2Query).SkipReason, StringComparison.Ordinal);

        // Pages of both lists, the PK-chunked listing and one read per open PK-chunked job; nothing changed.
        Assert.InRange(plan.CallsUsed, 4, 8);
        Assert.Equal(SweepFixture.OpenJobs, (await PlanAsync()).Entries.Count);
    }

    [Fact]
    public async Task PlanAsync_OlderThan_KeepsOldJobsOnly()
    {
        var plan = await PlanAsync(new SweepFilter { OlderThan = TimeSpan.FromDays(1) });

        Assert.Equal(7, plan.Entries.Count);
        Assert.All(plan.Entries, e => Assert.True(e.Job.CreatedDate <= _harness.Time.GetUtcNow().AddDays(-1)));
    }

    [Fact]
    public async Task PlanAsync_Object_IgnoresCase()
    {
        var plan = await PlanAsync(new SweepFilter { Object = "contact", OlderThan = TimeSpan.Zero });

        Assert.Equal(2, plan.Entries.Count);
        Assert.All(plan.Entries, e => Assert.Equal("Contact", e.Job.Object));
    }

    [Fact]
    public async Task PlanAsync_Operation_KeepsQueryJobsOfBothApis()
    {
        var plan = await PlanAsync(new SweepFilter { Operation = JobOperation.Query, OlderThan = TimeSpan.Zero });

        Assert.Equal(3, plan.Entries.Count);
    }

    [Fact]
    public async Task PlanAsync_CreatedById_KeepsThatUsersJobs()
    {
        var user = await _harness.UserIdAsync(SweepFixture.OtherUser);

        var plan = await PlanAsync(new SweepFilter { CreatedById = user[..15], OlderThan = TimeSpan.Zero });

        Assert.Equal(2, plan.Entries.Count);
        Assert.All(plan.Entries, e => Assert.Equal(user, e.Job.CreatedById));
    }

    [Fact]
    public async Task PlanAsync_PkChunking_SplitsChunkedFromTheRest()
    {
        var chunked = await PlanAsync(new SweepFilter { PkChunking = true, OlderThan = TimeSpan.Zero });
        var plain = await PlanAsync(new SweepFilter { PkChunking = false, OlderThan = TimeSpan.Zero });

        Assert.Equal(2, chunked.Entries.Count);
        Assert.All(chunked.Entries, e => Assert.True(e.IsPkChunked));
        Assert.Equal(SweepFixture.OpenJobs - 2, plain.Entries.Count);
        Assert.DoesNotContain(plain.Entries, e => e.IsPkChunked == true);
    }

    [Theory]
    [InlineData("Classic", 9)]
    [InlineData("V2Ingest", 2)]
    [InlineData("V2Query", 1)]
    public async Task PlanAsync_JobType_KeepsThatType(string type, int expected)
    {
        var plan = await PlanAsync(new SweepFilter { JobType = new BulkJobType(type), OlderThan = TimeSpan.Zero });

        Assert.Equal(expected, plan.Entries.Count);
    }

    [Fact]
    public async Task PlanAsync_IncludeRunningAndAbort_PlansRunningChunksAndQueryJobs()
    {
        var plan = await PlanAsync(configure: o => { o.IncludeRunning = true; o.TargetState = CloseJobState.Aborted; });

        Assert.Equal(SweepFixture.OpenJobs, plan.ToAbort);
        Assert.Equal(CloseJobState.Aborted, plan.TargetState);
    }

    [Fact]
    public async Task PlanAsync_BadUserId_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => PlanAsync(new SweepFilter { CreatedById = "005x" }));
    }

    [Fact]
    public void Constructor_BadConcurrency_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JobSweeper(_harness.Client, new SweepOptions { MaxConcurrency = 0 }));
    }
}
