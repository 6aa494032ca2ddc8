using SfBulk;
using SfBulk.Emulator;
using SfBulk.Models;

namespace EmulatorTests;

/// <summary>
/// Tests of code that closes Salesforce Bulk API jobs, against an emulated org started in process on a free port:
/// one emulator per test class (xunit's class fixture), a fresh connection per test.
/// </summary>
public sealed class CloseJobTests(EmulatedOrg org) : IClassFixture<EmulatedOrg>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CloseJob_OpenJob_ClosesThenReportsAlreadyClosed()
    {
        var jobId = (await org.Emulator.Control.SeedClassicJobsAsync(new ClassicJobSeed { Age = TimeSpan.FromHours(25) }, Cancel))[0];
        using var connection = org.Connect();
        var client = new BulkJobClient(connection);

        var first = await client.CloseJobAsync(jobId, cancellationToken: Cancel);
        var second = await client.CloseJobAsync(jobId, cancellationToken: Cancel);

        Assert.Equal(CloseOutcome.Closed, first.Outcome);
        Assert.Equal(BulkJobState.Closed, first.Job.State);
        Assert.Equal(CloseOutcome.AlreadyClosed, second.Outcome);
    }

    [Fact]
    public async Task CloseJob_ServerErrorOnce_RetriesAndCloses()
    {
        var jobId = (await org.Emulator.Control.SeedClassicJobsAsync(new ClassicJobSeed(), Cancel))[0];
        await org.Emulator.Control.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1UpdateJob) with { Count = 1 }, Cancel);
        await org.Emulator.Control.ResetRequestCountsAsync(Cancel);
        using var connection = org.Connect();

        var result = await new BulkJobClient(connection).CloseJobAsync(jobId, cancellationToken: Cancel);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        var counts = await org.Emulator.Control.GetRequestCountsAsync(Cancel);
        Assert.Equal(2, counts[EmulatorRoutes.BulkV1UpdateJob]);
    }

    [Fact]
    public async Task CloseJob_SessionExpired_LogsInAgainAndCloses()
    {
        var jobId = (await org.Emulator.Control.SeedClassicJobsAsync(new ClassicJobSeed(), Cancel))[0];
        using var connection = org.Connect();
        var client = new BulkJobClient(connection);
        await client.GetJobAsync(jobId, cancellationToken: Cancel);

        await org.Emulator.Control.ExpireSessionsAsync(Cancel);
        var result = await client.CloseJobAsync(jobId, cancellationToken: Cancel);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
    }

    [Fact]
    public async Task CloseJob_BulkV2IngestJob_CompletesTheUpload()
    {
        var jobId = (await org.Emulator.Control.SeedBulkV2JobsAsync(new BulkV2JobSeed { State = "Open" }, Cancel))[0];
        using var connection = org.Connect();

        var result = await new BulkJobClient(connection).CloseJobAsync(jobId, cancellationToken: Cancel);

        Assert.Equal(BulkJobState.UploadComplete, result.Job.State);
    }
}
