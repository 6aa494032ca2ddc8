using SfBulk.Emulator;
using System.Text.Json;
using SfBulk.Models;
using SfBulk.Tests.Jobs;

namespace SfBulk.Tests.Journal;

/// <summary>What <see cref="BulkJobClient"/> records in <see cref="BulkJobClientOptions.Journal"/>.</summary>
public sealed class ClientJournalTests
{
    [Fact]
    public async Task CloseJobAsync_OpenV1Job_RecordsOneEntryWithWhoWhereAndWhat()
    {
        var journal = new MemoryJournal();
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs(o => { o.Journal = journal; o.JournalCommand = "close"; }));
        var job = await harness.CreateV1JobAsync();

        await harness.Client.CloseJobAsync(job.Id, cancellationToken: TestContext.Current.CancellationToken);

        var entry = Assert.Single(journal.Entries);
        using var org = JsonDocument.Parse(await harness.Http.GetStringAsync("_emulator/org", TestContext.Current.CancellationToken));
        Assert.Equal(org.RootElement.GetProperty("orgId").GetString(), entry.OrgId);
        Assert.Equal(org.RootElement.GetProperty("users")[0].GetProperty("id").GetString(), entry.UserId);
        Assert.Equal("127.0.0.1", entry.InstanceHost);
        Assert.Equal(job.Id, entry.JobId);
        Assert.Equal("bulk-1.0", entry.Api);
        Assert.Equal(("Open", "Closed", "closed"), (entry.StateBefore, entry.StateAfter, entry.Outcome));
        Assert.Equal(1, entry.RequestsSpent);
        Assert.Equal("close", entry.Command);
        Assert.Equal(Environment.MachineName, entry.HostName);
        Assert.Matches(@"^\d+\.\d+", entry.SfbulkVersion);
        Assert.Equal(harness.Time.GetUtcNow(), entry.Time);
    }

    [Fact]
    public async Task AbortJobAsync_V2IngestJob_RecordsAbortWithItsApi()
    {
        var journal = new MemoryJournal();
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.Journal = journal));
        var job = await harness.CreateV2IngestJobAsync();

        await harness.Client.AbortJobAsync(job.Id, cancellationToken: TestContext.Current.CancellationToken);

        var entry = Assert.Single(journal.Entries);
        Assert.Equal(("bulk-2.0-ingest", "Aborted", "aborted", "library"), (entry.Api, entry.StateAfter, entry.Outcome, entry.Command));
    }

    [Fact]
    public async Task CloseJobAsync_AlreadyClosed_RecordsNothing()
    {
        var journal = new MemoryJournal();
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.Journal = journal));
        var job = await harness.CreateV1JobAsync();
        await harness.Client.CloseJobAsync(job.Id, cancellationToken: TestContext.Current.CancellationToken);

        var again = await harness.Client.CloseJobAsync(job.Id, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CloseOutcome.AlreadyClosed, again.Outcome);
        Assert.Single(journal.Entries);
    }

    [Fact]
    public async Task CloseJobAsync_Refused_RecordsFailureWithErrorCode()
    {
        var journal = new MemoryJournal();
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs(o => o.Journal = journal));
        var job = await harness.CreateV1JobAsync();
        await harness.AddFaultAsync(EmulatorRoutes.BulkV1UpdateJob, "status", status: 400);

        await Assert.ThrowsAsync<SalesforceRestException>(() => harness.Client.CloseJobAsync(job.Id, cancellationToken: TestContext.Current.CancellationToken));

        var entry = Assert.Single(journal.Entries);
        Assert.Equal(("failed", "ClientInputError", job.Id), (entry.Outcome, entry.ErrorCode, entry.JobId));
    }

    [Fact]
    public async Task CloseJobAsync_NoJournal_SameResult()
    {
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs());
        var job = await harness.CreateV1JobAsync();

        var result = await harness.Client.CloseJobAsync(job.Id, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
    }
}
