using Microsoft.Extensions.Time.Testing;
using SfBulk.Jobs;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.BadInput;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>
/// The org watcher over answers the emulator never gives (canned from a real loopback server): jobs that turn
/// <c>Failed</c> by themselves while followed are reported with Salesforce's words and never closed.
/// </summary>
public sealed class OrgWatchCannedTests : IAsyncLifetime
{
    private static readonly string Classic = JobId.Normalize("750R00000000011");
    private static readonly string Query = JobId.Normalize("750R00000000012");

    private readonly CannedOrg _org = new();
    private CannedServer _server = null!;
    private SalesforceConnection _connection = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await CannedServer.StartAsync();
        _server.Answer = _org.AnswerAsync;
        _connection = CannedConnection.Create(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _connection.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task WatchEventsAsync_JobsFailWhileFollowed_ReportedJobFailedWithSalesforcesMessageAndNeverClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        _org.Job(Classic, operation: "query", createdDate: CannedOrg.Ago(TimeSpan.FromHours(2)))
            .Job(Query, operation: "query", jobType: "V2Query", createdDate: CannedOrg.Ago(TimeSpan.FromHours(2)));
        var queryRecord = _org.Records[1];
        queryRecord["state"] = "InProgress";
        _org.States[Classic] = "Failed";
        var time = new AutoAdvancingTime(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var watcher = new OrgWatcher(new BulkJobClient(_connection), new OrgWatchOptions
        {
            TimeProvider = time,
            JitterSeed = 1,
            CloseWhenDone = true,
            StopWhenIdle = true,
            Filter = new SweepFilter { OlderThan = TimeSpan.Zero },
        });
        var events = new List<OrgWatchEvent>();

        async Task<OrgWatchReport> ConsumeAsync()
        {
            await foreach (var e in watcher.WatchEventsAsync(ct))
            {
                events.Add(e);
                if (e.Kind == OrgWatchEventKind.Seen && e.JobId == Query)
                {
                    // The 2.0 query job fails before the next listing.
                    queryRecord["state"] = "Failed";
                    queryRecord["errorMessage"] = "InvalidBatch : Failed to process query: FUNCTIONALITY_NOT_ENABLED";
                }

                if (e.Report is { } report)
                {
                    return report;
                }
            }

            throw new InvalidOperationException("no report");
        }

        var report = await time.RunAsync(ConsumeAsync());

        Assert.Equal(OrgWatchStopReason.Idle, report.StopReason);
        Assert.Equal([Classic, Query], report.Jobs.Select(e => e.JobId!));
        Assert.All(report.Jobs, e => Assert.Equal(OrgWatchEventKind.JobFailed, e.Kind));
        Assert.Equal($"Job {Classic} failed. It is no longer followed.", report.Jobs[0].Message);
        Assert.Equal(BulkJobState.Failed, report.Jobs[0].Job!.State);
        Assert.Equal($"Job {Query} failed: InvalidBatch : Failed to process query: FUNCTIONALITY_NOT_ENABLED It is no longer followed.", report.Jobs[1].Message);
        Assert.All(report.Jobs, e => Assert.Null(e.Close));
        Assert.Empty(report.Closed);
        Assert.Equal(2, report.Count(OrgWatchEventKind.JobFailed));
        Assert.Empty(report.StillWatched);

        // Nothing was closed or changed: only listings and the one read of the 1.0 job.
        Assert.All(_server.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Equal(1, report.Reads);
    }
}
