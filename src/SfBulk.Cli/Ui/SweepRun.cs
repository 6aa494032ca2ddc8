using System.Threading.Channels;
using SfBulk.Sweeping;

namespace SfBulk.Cli.Ui;

/// <summary>One sweep of the page: its plan (a dry run), then, once confirmed, its live progress and its report.</summary>
internal sealed class SweepRun(string id, SweepPlan plan, SweepOptions options)
{
    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _subscribers = [];
    private Task? _run;

    public string Id { get; } = id;

    public SweepPlan Plan { get; } = plan;

    public CloseJobState TargetState => Options.TargetState;

    /// <summary>The options the plan was made with; the run uses the same.</summary>
    public SweepOptions Options { get; } = options;

    public SweepProgress? Progress { get; private set; }

    public SweepReport? Report { get; private set; }

    public Exception? Error { get; private set; }

    public bool Started
    {
        get
        {
            lock (_gate)
            {
                return _run is not null;
            }
        }
    }

    /// <summary>Runs the plan once; false when it already ran or runs.</summary>
    public bool Start(Func<IProgress<SweepProgress>, Task<SweepReport>> execute, Action<SweepRun> publish)
    {
        lock (_gate)
        {
            if (_run is not null)
            {
                return false;
            }

            _run = Task.Run(async () =>
            {
                try
                {
                    Report = await execute(new ProgressSink(this, publish)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SalesforceException or HttpRequestException or OperationCanceledException or SweepCancelledException)
                {
                    Error = e;
                }

                publish(this);
            });
            return true;
        }
    }

    public Task Running
    {
        get
        {
            lock (_gate)
            {
                return _run ?? Task.CompletedTask;
            }
        }
    }

    public Channel<string> Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        return channel;
    }

    public void Unsubscribe(Channel<string> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

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

    /// <summary>Reports synchronously (the library calls it from its workers), keeping the newest snapshot.</summary>
    private sealed class ProgressSink(SweepRun run, Action<SweepRun> publish) : IProgress<SweepProgress>
    {
        private readonly Lock _gate = new();

        public void Report(SweepProgress value)
        {
            lock (_gate)
            {
                if (run.Progress is null || value.Done >= run.Progress.Done)
                {
                    run.Progress = value;
                }
            }

            publish(run);
        }
    }
}
