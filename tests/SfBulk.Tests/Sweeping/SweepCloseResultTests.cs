using SfBulk.Models;
using SfBulk.Sweeping;

namespace SfBulk.Tests.Sweeping;

/// <summary>
/// A sweep speaks the close's vocabulary: a job it closed carries the close's result, and its outcome is the close's
/// outcome by declaration (the four values <see cref="SweepOutcome"/> and <see cref="CloseOutcome"/> share).
/// </summary>
public sealed class SweepCloseResultTests : SweepEmulatorTests
{
    private static readonly SweepFilter AnyAge = new() { OlderThan = TimeSpan.Zero };

    [Fact]
    public void SweepOutcome_EveryCloseOutcome_HasTheSameNameAndNumber()
    {
        Assert.All(Enum.GetValues<CloseOutcome>(), close =>
        {
            var sweep = (SweepOutcome)close;
            Assert.True(Enum.IsDefined(sweep), $"{close} has no SweepOutcome.");
            Assert.Equal(close.ToString(), sweep.ToString());
        });
    }

    [Fact]
    public async Task ExecuteAsync_JobClosedAndJobFoundClosed_EachCarriesItsCloseResult()
    {
        var ids = await Harness.SeedClassicAsync(new { count = 2 });
        var upload = (await Harness.SeedV2Async(new { kind = "V2Ingest", state = "Open" }))[0];
        var plan = await Sweeper().PlanAsync(AnyAge, Ct);
        await Harness.Client.CloseJobAsync(ids[1], cancellationToken: Ct);

        var report = await Sweeper().ExecuteAsync(plan, cancellationToken: Ct);

        var closed = Assert.Single(report.Jobs, j => j.JobId == ids[0]);
        Assert.Equal(CloseOutcome.Closed, closed.Close?.Outcome);
        Assert.Equal(SweepOutcome.Closed, closed.Outcome);
        Assert.Same(closed.Close!.Job, closed.Job);
        Assert.Equal(BulkApi.V1, closed.Close.Api);
        Assert.Equal(1, closed.Attempts);
        var already = Assert.Single(report.Jobs, j => j.JobId == ids[1]);
        Assert.Equal(CloseOutcome.AlreadyClosed, already.Close?.Outcome);
        Assert.Equal(SweepOutcome.AlreadyClosed, already.Outcome);
        Assert.True(already.Close!.WasAlreadyInRequestedState);
        Assert.True(already.IsSuccess);
        var skipped = Assert.Single(report.Jobs, j => j.JobId == upload);
        Assert.Equal(SweepOutcome.Skipped, skipped.Outcome);
        Assert.Null(skipped.Close);
        Assert.False(skipped.IsSuccess);
    }

    [Fact]
    public async Task ExecuteAsync_AbortSweep_EntriesAskAbortedAndResultsCarryTheAbort()
    {
        var id = (await Harness.SeedClassicAsync(new { count = 1 }))[0];
        var sweeper = new JobSweeper(Harness.Client, new SweepOptions { TargetState = CloseJobState.Aborted, TimeProvider = Harness.Time, MaxConcurrency = 1 });

        var plan = await sweeper.PlanAsync(AnyAge, Ct);
        var report = await sweeper.ExecuteAsync(plan, cancellationToken: Ct);

        Assert.Equal(CloseJobState.Aborted, plan.TargetState);
        Assert.Equal(CloseJobState.Aborted, Assert.Single(plan.Entries).TargetState);
        var aborted = Assert.Single(report.Jobs, j => j.JobId == id);
        Assert.Equal(CloseOutcome.Aborted, aborted.Close?.Outcome);
        Assert.Equal(SweepOutcome.Aborted, aborted.Outcome);
        Assert.Equal(BulkJobState.Aborted, aborted.Job.State);
    }
}
