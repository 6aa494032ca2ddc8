using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SfBulk.Diagnostics;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>Runs alone: the org watcher's metrics are process-wide, so no other watch may add to them meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OrgWatchMetricsCollection
{
    public const string Name = "OrgWatchMetrics";
}

/// <summary>The org watcher's metrics (<c>sfbulk.orgwatch.*</c>) agree with its report: what a dashboard shows is what happened.</summary>
[Collection(OrgWatchMetricsCollection.Name)]
public sealed class OrgWatchMetricsTests : WatchEmulatorTests
{
    [Fact]
    public async Task WatchAsync_ClosesAJobAndAFailedChunking_MetricsCountWhatTheReportSays()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedChunkedAsync(8, 10);
        await Harness.CreateChunkedQueryJobAsync("EmailMessage");
        using var metrics = new OrgWatchMeasurements();

        var report = await Harness.AutoTime.RunAsync(Watcher(closeWhenDone: true).WatchAsync(cancellationToken: ct));

        Assert.Equal(2, report.Closed.Count());
        Assert.Equal(2, metrics.Sum("sfbulk.orgwatch.jobs.closed"));
        Assert.Equal(2, metrics.Sum("sfbulk.orgwatch.jobs.ended"));
        Assert.Equal(1, metrics.Sum("sfbulk.orgwatch.jobs.ended", "Closed"));
        Assert.Equal(1, metrics.Sum("sfbulk.orgwatch.jobs.ended", "ChunkingFailed"));
        Assert.Equal(0, metrics.Sum("sfbulk.orgwatch.jobs.watched"));
        Assert.Equal(2, metrics.Peak("sfbulk.orgwatch.jobs.watched"));
        Assert.Equal(report.Listings, metrics.Sum("sfbulk.orgwatch.listings"));
        Assert.Equal(report.CallsUsed, metrics.Sum("sfbulk.orgwatch.api.calls"));
    }

    [Fact]
    public async Task WatchAsync_FailedChunkingLeftOpen_NotCountedClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        await Harness.CreateChunkedQueryJobAsync("EmailMessage");
        using var metrics = new OrgWatchMeasurements();

        var report = await Harness.AutoTime.RunAsync(Watcher(closeWhenDone: false).WatchAsync(cancellationToken: ct));

        Assert.Equal(OrgWatchEventKind.ChunkingFailed, Assert.Single(report.Jobs).Kind);
        Assert.Equal(0, metrics.Sum("sfbulk.orgwatch.jobs.closed"));
        Assert.Equal(1, metrics.Sum("sfbulk.orgwatch.jobs.ended", "ChunkingFailed"));
        Assert.Equal(0, metrics.Sum("sfbulk.orgwatch.jobs.watched"));
    }

    [Fact]
    public async Task WatchEventsAsync_CancelledWhileFollowing_JobsWatchedBackToZeroAndEveryCallCounted()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedChunkedAsync(40, 600);
        await SeedChunkedAsync(40, 600);
        using var metrics = new OrgWatchMeasurements();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = 0;

        async Task<OrgWatchCancelledException> ConsumeAsync()
        {
            try
            {
                await foreach (var e in Watcher(closeWhenDone: true).WatchEventsAsync(cts.Token))
                {
                    if (e.Kind == OrgWatchEventKind.Progress && ++progress == 5)
                    {
                        Assert.Equal(2, metrics.Sum("sfbulk.orgwatch.jobs.watched"));
                        await cts.CancelAsync();
                    }
                }
            }
            catch (OrgWatchCancelledException cancelled)
            {
                return cancelled;
            }

            throw new InvalidOperationException("the watch ended by itself");
        }

        var cancelled = await Harness.AutoTime.RunAsync(ConsumeAsync());

        Assert.Equal(2, cancelled.Report.StillWatched.Count);
        Assert.Equal(0, metrics.Sum("sfbulk.orgwatch.jobs.watched"));
        Assert.Equal(0, metrics.Sum("sfbulk.orgwatch.jobs.ended"));
        Assert.Equal(cancelled.Report.CallsUsed, metrics.Sum("sfbulk.orgwatch.api.calls"));
        Assert.Equal(cancelled.Report.Listings, metrics.Sum("sfbulk.orgwatch.listings"));
    }

    private async Task SeedChunkedAsync(int chunks, double seconds) => await Harness.SeedClassicAsync(new Dictionary<string, object>
    {
        ["operation"] = "query",
        ["object"] = "Account",
        ["pkChunking"] = true,
        ["chunks"] = chunks,
        ["chunkDurationSeconds"] = seconds,
    });

    private OrgWatcher Watcher(bool closeWhenDone) => new(Harness.Client, new OrgWatchOptions
    {
        TimeProvider = Harness.AutoTime,
        JitterSeed = 1,
        CloseWhenDone = closeWhenDone,
        StopWhenIdle = true,
        Filter = new SweepFilter { JobType = BulkJobType.Classic, PkChunking = true, OlderThan = TimeSpan.Zero },
    });

    /// <summary>Every measurement of the org watcher's instruments while it lives, with its <c>kind</c> tag.</summary>
    private sealed class OrgWatchMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, long Value, string? Kind)> _measurements = new();

        public OrgWatchMeasurements()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SfBulkDiagnostics.Name && instrument.Name.StartsWith("sfbulk.orgwatch.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? kind = null;
                foreach (var tag in tags)
                {
                    kind = tag.Key == "kind" ? tag.Value as string : kind;
                }

                _measurements.Enqueue((instrument.Name, value, kind));
            });
            _listener.Start();
        }

        public long Sum(string name, string? kind = null) =>
            _measurements.Where(m => m.Name == name && (kind is null || m.Kind == kind)).Sum(m => m.Value);

        public long Peak(string name)
        {
            long running = 0, peak = 0;
            foreach (var m in _measurements.Where(m => m.Name == name))
            {
                running += m.Value;
                peak = Math.Max(peak, running);
            }

            return peak;
        }

        public void Dispose() => _listener.Dispose();
    }
}
