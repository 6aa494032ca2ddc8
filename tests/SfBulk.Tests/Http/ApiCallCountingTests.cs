using SfBulk.Journal;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.Sweeping;
using SfBulk.Watching;

namespace SfBulk.Tests.Http;

/// <summary>
/// The API calls an operation reports are the requests it sent itself, counted on its own counter passed down with
/// its requests: operations running at the same time on one connection do not count each other's requests.
/// </summary>
public sealed class ApiCallCountingTests : SweepEmulatorTests
{
    [Fact]
    public async Task SweepAsync_TwoSweepsAtOnceOnOneConnection_EachReportsOnlyItsOwnRequests()
    {
        await Harness.SeedClassicAsync(new { count = 6, @object = "Account" });
        await Harness.SeedClassicAsync(new { count = 4, @object = "Contact" });

        // A login is counted by the operation whose request starts it: log in first, so neither sweep does.
        await Harness.Connection.ConnectAsync(Ct);
        await Harness.ResetRequestsAsync();
        var options = new SweepOptions { TimeProvider = Harness.Time, MaxConcurrency = 2 };

        var reports = await Task.WhenAll(
            new JobSweeper(Harness.Client, options).SweepAsync(new SweepFilter { OlderThan = TimeSpan.Zero, Object = "Account" }, cancellationToken: Ct),
            new JobSweeper(Harness.Client, options).SweepAsync(new SweepFilter { OlderThan = TimeSpan.Zero, Object = "Contact" }, cancellationToken: Ct));

        // Each: one page of each Get All Jobs list, then one close per job of its own.
        Assert.All(reports, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal([2, 2], reports.Select(r => r.Plan.CallsUsed));
        Assert.Equal(2 + 6, reports[0].CallsUsed);
        Assert.Equal(2 + 4, reports[1].CallsUsed);
        Assert.Equal(await Harness.TotalRequestsAsync(), reports[0].CallsUsed + reports[1].CallsUsed);
    }

    [Fact]
    public async Task WaitAndCloseAsync_AnotherReadOnTheSameConnectionDuringEachOfItsReads_CountsOnlyTheWatchsRequests()
    {
        var watched = (await Harness.SeedClassicAsync(new { batches = 2 }))[0];
        var other = (await Harness.SeedClassicAsync(new { count = 1 }))[0];
        await Harness.Connection.ConnectAsync(Ct);
        await Harness.ResetRequestsAsync();

        // As a job page of `sfbulk ui` does: a client whose reads hand over to other code, which here reads another job
        // through its own client on the same connection while the watch's read is under way.
        var asides = 0;
        var client = new ReadingAsideClient(Harness.Connection, async () =>
        {
            Interlocked.Increment(ref asides);
            await Harness.Client.GetJobAsync(other, BulkApi.V1, Ct);
        });
        var watcher = new JobWatcher(client, new WatchOptions { TimeProvider = Harness.AutoTime, JitterSeed = 1 });

        var result = await Harness.AutoTime.RunAsync(watcher.WaitAndCloseAsync(watched, cancellationToken: Ct));

        Assert.Equal(WatchOutcome.Closed, result.Outcome);
        Assert.True(asides > 0);
        Assert.Equal(await Harness.TotalRequestsAsync() - asides, result.CallsUsed);
    }

    [Fact]
    public async Task CloseJobAsync_JournaledCloseInsideASweep_CountsOnTheJournalEntryAndOnTheSweep()
    {
        await Harness.SeedClassicAsync(new { count = 3 });
        await Harness.Connection.ConnectAsync(Ct);
        await Harness.ResetRequestsAsync();
        var journal = new CollectingJournal();
        var client = new BulkJobClient(Harness.Connection, new BulkJobClientOptions { Journal = journal, TimeProvider = Harness.Time });

        var report = await new JobSweeper(client, new SweepOptions { TimeProvider = Harness.Time, MaxConcurrency = 2 })
            .SweepAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, cancellationToken: Ct);

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(3, journal.Entries.Count);
        Assert.All(journal.Entries, e => Assert.Equal(1, e.RequestsSpent));
        Assert.Equal(report.Plan.CallsUsed + 3, report.CallsUsed);
        Assert.Equal(await Harness.TotalRequestsAsync(), report.CallsUsed);
    }

    private sealed class ReadingAsideClient(SalesforceConnection connection, Func<Task> aside) : BulkJobClient(connection)
    {
        public override async Task<JobInfo> GetJobAsync(string jobId, BulkApi api = BulkApi.Auto, CancellationToken cancellationToken = default)
        {
            await aside();
            return await base.GetJobAsync(jobId, api, cancellationToken);
        }
    }

    private sealed class CollectingJournal : IJobJournal
    {
        private readonly Lock _gate = new();

        public List<JobJournalEntry> Entries { get; } = [];

        public ValueTask AppendAsync(JobJournalEntry entry, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Entries.Add(entry);
            }

            return ValueTask.CompletedTask;
        }
    }
}
