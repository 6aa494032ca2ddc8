using System.Threading.Channels;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Cli.Ui;

/// <summary>
/// One job's live state for every page showing it: a single watcher (the library's, with its frugal polling) runs
/// while a page is open or while "Close when done" waits for the last batch; each snapshot goes to every open page as
/// a server-sent event. Pages never poll Salesforce themselves.
/// </summary>
internal sealed class JobFeed
{
    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _subscribers = [];
    private CancellationTokenSource? _watchCancel;
    private Task? _watch;
    private long _idleSince;

    public JobFeed(string jobId) => JobId = jobId;

    public string JobId { get; }

    public WatchProgress? Latest { get; private set; }

    public JobInfo? Job { get; private set; }

    public IReadOnlyList<BatchInfo>? Batches { get; private set; }

    public DateTimeOffset? BatchesReadAt { get; private set; }

    public bool CloseWhenDone { get; private set; }

    public WatchResult? CloseWhenDoneResult { get; private set; }

    public Exception? Error { get; private set; }

    /// <summary>API calls the page's watchers and batch reads spent on this job.</summary>
    public long Calls { get; private set; }

    public bool IsWatching
    {
        get
        {
            lock (_gate)
            {
                return _watch is { IsCompleted: false };
            }
        }
    }

    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public long IdleSinceTicks => Interlocked.Read(ref _idleSince);

    public Channel<string> Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        return channel;
    }

    public void Unsubscribe(Channel<string> channel, long nowTicks)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
            if (_subscribers.Count == 0)
            {
                Interlocked.Exchange(ref _idleSince, nowTicks);
            }
        }

        channel.Writer.TryComplete();
    }

    /// <summary>Starts <paramref name="run"/> as the feed's watcher unless one runs; a close-when-done watch replaces a plain one.</summary>
    public async Task<bool> StartAsync(Func<CancellationToken, Task> run, bool closeWhenDone)
    {
        Task? previous;
        CancellationTokenSource? previousCancel;
        lock (_gate)
        {
            if (_watch is { IsCompleted: false } && (CloseWhenDone || !closeWhenDone))
            {
                return false;
            }

            previous = _watch;
            previousCancel = _watchCancel;
        }

        if (previous is { IsCompleted: false })
        {
            await previousCancel!.CancelAsync().ConfigureAwait(false);
            try
            {
                await previous.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        lock (_gate)
        {
            if (_watch is { IsCompleted: false })
            {
                return false;
            }

            CloseWhenDone = closeWhenDone;
            if (closeWhenDone)
            {
                CloseWhenDoneResult = null;
            }

            Error = null;
            _watchCancel?.Dispose();
            _watchCancel = new CancellationTokenSource();
            var token = _watchCancel.Token;
            _watch = Task.Run(() => run(token), CancellationToken.None);
            return true;
        }
    }

    /// <summary>Stops a plain watch (nobody looks any more); a close-when-done watch goes on.</summary>
    public void StopIfIdle()
    {
        lock (_gate)
        {
            if (_subscribers.Count == 0 && !CloseWhenDone && _watch is { IsCompleted: false })
            {
                _watchCancel?.Cancel();
            }
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _watchCancel?.Cancel();
        }
    }

    public Task Running
    {
        get
        {
            lock (_gate)
            {
                return _watch ?? Task.CompletedTask;
            }
        }
    }

    public void OnProgress(WatchProgress progress, long callsBefore)
    {
        Latest = progress;
        Job = progress.Job;
        Calls = callsBefore + progress.CallsUsed;
        if (progress.Result is { } result && CloseWhenDone)
        {
            CloseWhenDoneResult = result;
            CloseWhenDone = false;
        }
    }

    public void OnJob(JobInfo job)
    {
        Job = job;
    }

    public void OnBatches(IReadOnlyList<BatchInfo> batches, DateTimeOffset at)
    {
        Batches = batches;
        BatchesReadAt = at;
    }

    public void OnError(Exception e)
    {
        Error = e;
        CloseWhenDone = false;
    }

    public void AddCalls(long calls) => Calls += calls;

    /// <summary>Sends <paramref name="json"/> to every open page (each keeps only the newest).</summary>
    public void Publish(string json)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(json);
            }
        }
    }
}
