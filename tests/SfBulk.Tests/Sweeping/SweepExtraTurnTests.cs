using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Sweeping;

/// <summary>A job whose close fails for a passing reason gets more turns at the end of the sweep; a refusal does not.</summary>
public sealed class SweepExtraTurnTests
{
    private const string V1Close = "POST /services/async/{version}/job/{jobId}";

    /// <summary>The jobs here are seeded just now: no minimum age.</summary>
    private static SweepFilter AnyAge => new() { OlderThan = TimeSpan.Zero };

    [Fact]
    public async Task ExecuteAsync_CloseFails503ForAllAttempts_ClosedOnALaterTurn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await TestEmulator.StartAsync(TestSettings.Watch());
        var ids = await h.SeedClassicAsync(new { count = 2 });
        await h.AddFaultAsync($$"""{"route":"{{V1Close}}","kind":"status","status":503,"count":3}""");
        await h.ResetRequestsAsync();
        var progress = new List<SweepProgress>();

        var report = await new JobSweeper(h.Client, new SweepOptions { MaxConcurrency = 1 }).SweepAsync(AnyAge, new Sync(progress), ct);

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(2, report.Counts[SweepOutcome.Closed]);
        Assert.Equal(5, await h.RequestsAsync(V1Close)); // 3 refused + the other job + the later turn
        Assert.Equal([1, 4], report.Jobs.Select(j => j.Attempts).Order()); // 3 refused in the first turn + 1
        Assert.Equal(2, progress.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), progress.Select(p => p.Latest.JobId).Order(StringComparer.Ordinal));
        foreach (var id in ids)
        {
            Assert.Equal(BulkJobState.Closed, (await h.Client.GetJobAsync(id, BulkApi.V1, ct)).State);
        }
    }

    [Fact]
    public async Task ExecuteAsync_Close503Always_FailsAfterEveryTurnWithEveryRequestCounted()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Watch());
        await h.SeedClassicAsync(new { count = 1 });
        await h.AddFaultAsync($$"""{"route":"{{V1Close}}","kind":"status","status":503,"count":100}""");
        await h.ResetRequestsAsync();

        var report = await new JobSweeper(h.Client).SweepAsync(AnyAge, cancellationToken: TestContext.Current.CancellationToken);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Failed, job.Outcome);
        Assert.Equal(503, (int?)job.StatusCode);
        Assert.Equal(9, await h.RequestsAsync(V1Close)); // 3 turns of 3 attempts
        Assert.Equal(9, job.Attempts);
    }

    [Fact]
    public async Task ExecuteAsync_CloseRefused_FailsWithoutAnotherTurn()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Watch());
        await h.SeedClassicAsync(new { count = 1 });
        await h.AddFaultAsync($$"""{"route":"{{V1Close}}","kind":"status","status":400,"errorCode":"InvalidUser","message":"No access.","count":5}""");
        await h.ResetRequestsAsync();

        var report = await new JobSweeper(h.Client).SweepAsync(AnyAge, cancellationToken: TestContext.Current.CancellationToken);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(SweepOutcome.Failed, job.Outcome);
        Assert.Equal("InvalidUser", job.ErrorCode);
        Assert.Equal(1, await h.RequestsAsync(V1Close));
    }

    /// <summary>Collects reports synchronously (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Sync(List<SweepProgress> into) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
