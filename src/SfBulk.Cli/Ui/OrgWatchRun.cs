using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using SfBulk.Cli.Commands;
using SfBulk.Cli.Output;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Cli.Ui;

/// <summary>
/// The org watcher of <c>sfbulk ui --watch-all</c>: runs an <see cref="OrgWatcher"/> for as long as the server runs and
/// shows it on the page — running or not, its filter, jobs watched, closed and failed, API calls and the last events —
/// as JSON (<c>GET /api/orgwatch</c>) and as server-sent events (<c>GET /api/orgwatch/events</c>).
/// </summary>
internal sealed class OrgWatchRun : IAsyncDisposable
{
    /// <summary>How many of the latest events the page shows.</summary>
    public const int EventsKept = 20;

    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _subscribers = [];
    private readonly Queue<OrgWatchEvent> _latest = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly OrgWatchOptions? _options;
    private readonly string _filter;
    private Task _run = Task.CompletedTask;
    private bool _running;
    private int _watched;
    private int _closed;
    private int _failed;
    private int _ended;
    private long _calls;
    private OrgWatchReport? _report;
    private Exception? _error;

    public OrgWatchRun(OrgWatchOptions? options)
    {
        _options = options;
        _filter = options is null ? string.Empty : Describe(options);
    }

    /// <summary>True when the server was started with an org watcher.</summary>
    public bool Enabled => _options is not null;

    /// <summary>Starts the watcher on <paramref name="client"/> (nothing without one configured).</summary>
    public void Start(BulkJobClient client)
    {
        if (_options is null)
        {
            return;
        }

        var watcher = new OrgWatcher(client, _options);
        lock (_gate)
        {
            _running = true;
        }

        _run = Task.Run(async () =>
        {
            try
            {
                var report = await watcher.WatchAsync(new Sink(this), _stopping.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _report = report;
                }
            }
            catch (OrgWatchCancelledException e)
            {
                lock (_gate)
                {
                    _report = e.Report;
                }
            }
            catch (Exception e) when (e is SalesforceException or HttpRequestException)
            {
                lock (_gate)
                {
                    _error = e;
                }
            }
            finally
            {
                lock (_gate)
                {
                    _running = false;
                }

                Publish();
            }
        });
    }

    public Task StatusAsync(HttpContext context) =>
        UiJson.RespondAsync(context, StatusCodes.Status200OK, Write);

    public async Task EventsAsync(HttpContext context)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            context.Response.ContentType = "text/event-stream";
            channel.Writer.TryWrite(UiJson.Write(Write));
            await foreach (var json in channel.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await context.Response.WriteAsync("data: " + json + "\n\n", context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }
        }

        _stopping.Dispose();
    }

    /// <summary>The filter in the words of the command line.</summary>
    private static string Describe(OrgWatchOptions options)
    {
        var f = options.Filter;
        var parts = new List<string> { (f.JobType?.ToString() ?? "any job type") + (f.PkChunking == true ? " with PK chunking" : string.Empty) };
        parts.Add("older than " + JobTable.Age(f.OlderThan ?? TimeSpan.Zero));
        if (f.Object is { } obj)
        {
            parts.Add("object " + obj);
        }

        if (f.Operation is { } op)
        {
            parts.Add("operation " + op);
        }

        if (f.CreatedById is { } user)
        {
            parts.Add("created by " + user);
        }

        parts.Add(options.CloseWhenDone ? "closed when done" : "reported when done, left open");
        return string.Join("; ", parts);
    }

    private void Record(OrgWatchEvent e)
    {
        lock (_gate)
        {
            _calls = e.CallsUsed;
            switch (e.Kind)
            {
                case OrgWatchEventKind.Seen:
                    _watched++;
                    break;
                case OrgWatchEventKind.Closed:
                case OrgWatchEventKind.ChunkingFailed when e.Close is not null:
                    _closed++;
                    break;
                case OrgWatchEventKind.CloseFailed:
                case OrgWatchEventKind.Unreadable:
                case OrgWatchEventKind.JobFailed:
                    _failed++;
                    break;
            }

            if (e.EndsJob)
            {
                _ended++;
            }

            if (e.Kind != OrgWatchEventKind.Stopped)
            {
                _latest.Enqueue(e);
                if (_latest.Count > EventsKept)
                {
                    _latest.Dequeue();
                }
            }
        }

        Publish();
    }

    private void Publish()
    {
        var json = UiJson.Write(Write);
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(json);
            }
        }
    }

    private void Write(Utf8JsonWriter w)
    {
        lock (_gate)
        {
            w.WriteStartObject();
            w.WriteBoolean("enabled", Enabled);
            w.WriteBoolean("running", _running);
            if (Enabled)
            {
                w.WriteString("filter", _filter);
                w.WriteNumber("seen", _watched);
                w.WriteNumber("watching", _watched - _ended);
                w.WriteNumber("closed", _closed);
                w.WriteNumber("failed", _failed);
                w.WriteNumber("calls", _report?.CallsUsed ?? _calls);
                if (_report is { } report)
                {
                    w.WriteString("stopReason", Word(report.StopReason.ToString()));
                    if (report.StopDetail is { } detail)
                    {
                        w.WriteString("stopDetail", detail);
                    }
                }

                if (_error is { } error)
                {
                    UiJson.WriteError(w, "error", error);
                }

                w.WriteStartArray("events");
                foreach (var e in _latest.Reverse())
                {
                    w.WriteStartObject();
                    w.WriteString("at", JobJson.Date(e.At));
                    w.WriteString("event", WatchAllCommand.JsonWord(e.Kind));
                    if (e.JobId is { } id)
                    {
                        w.WriteString("jobId", id);
                    }

                    if (e.Job is { } job)
                    {
                        w.WriteString("object", job.Object);
                        if (job.JobType is null || job.JobType == BulkJobType.Classic)
                        {
                            w.WriteNumber("batchesTotal", job.NumberBatchesTotal);
                            w.WriteNumber("batchesDone", JobKinds.BatchesDone(job));
                        }
                    }

                    w.WriteString("message", e.Message);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }
    }

    private static string Word(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Records each event as the library reports it.</summary>
    private sealed class Sink(OrgWatchRun run) : IProgress<OrgWatchEvent>
    {
        public void Report(OrgWatchEvent value) => run.Record(value);
    }
}
