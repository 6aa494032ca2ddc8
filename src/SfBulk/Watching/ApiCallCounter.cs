using System.Diagnostics.Metrics;
using SfBulk.Diagnostics;

namespace SfBulk.Watching;

/// <summary>
/// Counts the API requests one operation (a watch, a sweep) sends, retries included. Every request the connection
/// sends is recorded on the <c>sfbulk.api.calls</c> counter; a process-wide listener adds it to the counter that is
/// current in the calling async flow, so operations running side by side on one connection are counted apart.
/// </summary>
internal sealed class ApiCallCounter
{
    private const string InstrumentName = "sfbulk.api.calls";

    private static readonly AsyncLocal<Chain?> Current = new();
    private static readonly Lazy<MeterListener> Listener = new(StartListener, LazyThreadSafetyMode.ExecutionAndPublication);

    private long _count;

    /// <summary>Creates a counter at zero (and starts the listener on first use).</summary>
    public ApiCallCounter()
    {
        _ = Listener.Value;
    }

    /// <summary>The requests counted so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Runs <paramref name="call"/> with this counter current, so its requests are counted here.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        // Set in this async method only: the value flows into the call and is dropped when the method returns.
        Enter();
        return await call(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="call"/> with this counter current.</summary>
    public async ValueTask<T> RunAsync<T>(Func<ValueTask<T>> call)
    {
        Enter();
        return await call().ConfigureAwait(false);
    }

    /// <summary>Makes this counter current; counters already current keep counting too (a close inside a sweep).</summary>
    private void Enter()
    {
        var outer = Current.Value;
        for (var link = outer; link is not null; link = link.Outer)
        {
            if (ReferenceEquals(link.Counter, this))
            {
                return;
            }
        }

        Current.Value = new Chain(this, outer);
    }

    /// <summary>The counters current in one async flow, innermost first.</summary>
    private sealed record Chain(ApiCallCounter Counter, Chain? Outer);

    private static MeterListener StartListener()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, l) =>
            {
                if (string.Equals(instrument.Meter.Name, SfBulkDiagnostics.Name, StringComparison.Ordinal)
                    && string.Equals(instrument.Name, InstrumentName, StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>(static (_, value, _, _) =>
        {
            for (var link = Current.Value; link is not null; link = link.Outer)
            {
                Interlocked.Add(ref link.Counter._count, value);
            }
        });
        listener.Start();
        return listener;
    }
}
