using System.Collections.Concurrent;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Cli.Ui;

/// <summary>The live feeds of the jobs pages look at or "Close when done" waits on, one per job.</summary>
internal sealed class JobFeeds(SalesforceConnection connection, JobListing listing, UiServerOptions options) : IAsyncDisposable
{
    /// <summary>How long a plain watch outlives its last page (a reload reconnects within it).</summary>
    public static readonly TimeSpan IdleGrace = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, JobFeed> _feeds = new(StringComparer.Ordinal);

    public JobFeed Get(string jobId) => _feeds.GetOrAdd(jobId, id => new JobFeed(id));

    public IEnumerable<JobFeed> All => _feeds.Values;

    /// <summary>Starts a plain watch of the job if none runs and its last result is not final.</summary>
    public Task EnsureWatchedAsync(JobFeed feed)
    {
        if (feed.IsWatching || feed.Latest is { IsFinal: true } && feed.Batches is not null)
        {
            return Task.CompletedTask;
        }

        return feed.StartAsync(token => WatchAsync(feed, closeWhenDone: false, token), closeWhenDone: false);
    }

    /// <summary>Starts the server-side watcher that closes the job right after its last batch.</summary>
    public Task<bool> CloseWhenDoneAsync(JobFeed feed) =>
        feed.StartAsync(token => WatchAsync(feed, closeWhenDone: true, token), closeWhenDone: true);

    /// <summary>Reads the batch list once (a page asked for it), counted on the feed.</summary>
    public async Task<IReadOnlyList<BatchInfo>> ReadBatchesAsync(JobFeed feed, CancellationToken cancellationToken)
    {
        var client = new ObservedBulkJobClient(connection, (_, batches) => OnBatches(feed, batches));
        feed.AddCalls(1);
        var batches = await client.GetBatchesAsync(feed.JobId, cancellationToken).ConfigureAwait(false);
        Publish(feed);
        return batches;
    }

    /// <summary>Stops plain watches no page has looked at for <see cref="IdleGrace"/>.</summary>
    public void Sweep()
    {
        var now = options.Time.GetUtcNow().UtcTicks;
        foreach (var feed in _feeds.Values)
        {
            if (feed.Subscribers == 0 && feed.IsWatching && now - feed.IdleSinceTicks > IdleGrace.Ticks)
            {
                feed.StopIfIdle();
            }
        }
    }

    public void Publish(JobFeed feed) => feed.Publish(UiJson.Feed(feed, options));

    public async ValueTask DisposeAsync()
    {
        foreach (var feed in _feeds.Values)
        {
            feed.Stop();
        }

        foreach (var feed in _feeds.Values)
        {
            try
            {
                await feed.Running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task WatchAsync(JobFeed feed, bool closeWhenDone, CancellationToken cancellationToken)
    {
        var client = new ObservedBulkJobClient(connection, (_, batches) => OnBatches(feed, batches));
        var watcher = new JobWatcher(client, new WatchOptions
        {
            CloseWhenDone = closeWhenDone,
            MaxInterval = options.MaxPollInterval,
            TimeProvider = options.Time,
        });
        var callsBefore = feed.Calls;
        var first = true;
        try
        {
            await foreach (var progress in watcher.WatchProgressAsync(feed.JobId, cancellationToken).ConfigureAwait(false))
            {
                feed.OnProgress(progress, callsBefore);
                listing.Remember(progress.Job);
                if (first && progress.IsFinal && !closeWhenDone && feed.Batches is null && JobKinds.IsClassic(progress.Job) && progress.Job.NumberBatchesTotal > 0)
                {
                    // The job is not running: nothing to watch, so its batch list is read once to show it.
                    feed.AddCalls(1);
                    await client.GetBatchesAsync(feed.JobId, cancellationToken).ConfigureAwait(false);
                }

                first = false;
                Publish(feed);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is SalesforceException or HttpRequestException or ArgumentException or InvalidOperationException)
        {
            feed.OnError(e);
            Publish(feed);
        }
    }

    private void OnBatches(JobFeed feed, IReadOnlyList<BatchInfo> batches)
    {
        feed.OnBatches(batches, options.Time.GetUtcNow());
        if (batches.Any(b => b.State == BatchState.NotProcessed) && feed.Job is { } job && JobKinds.IsClassic(job) && job.Operation.ToString() is "query" or "queryAll")
        {
            listing.RememberPkChunked(feed.JobId);
        }
    }
}
