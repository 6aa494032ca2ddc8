using System.Collections.Concurrent;

namespace SfBulk.Emulator.Control;

/// <summary>
/// Counts API requests per route (the API calls a client spent), keyed as <c>METHOD /route/{pattern}</c>.
/// Lock-free: one dictionary lookup (endpoint reference + method) and two interlocked increments per request.
/// </summary>
/// <remarks>
/// <see cref="Reset"/> zeroes the counters in place instead of dropping them, so a request counted while a reset
/// runs is either fully before or fully after it, except that the total and its route may land on different sides.
/// </remarks>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<(RouteEndpoint Endpoint, string Method), RouteCounter> _routes = new();
    private long _total;

    /// <summary>All requests counted since the last reset.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Counts one request to <paramref name="endpoint"/> and returns its route counter.</summary>
    public RouteCounter Count(RouteEndpoint endpoint, string method)
    {
        if (!_routes.TryGetValue((endpoint, method), out var counter))
        {
            counter = _routes.GetOrAdd((endpoint, method), static key => new RouteCounter(RouteKey(key.Method, key.Endpoint)));
        }

        counter.Increment();
        Interlocked.Increment(ref _total);
        return counter;
    }

    /// <summary>Counts per route key, ordinal order, routes with no requests left out.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Snapshot()
    {
        var sums = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var counter in _routes.Values)
        {
            var value = counter.Value;
            if (value > 0)
            {
                sums[counter.Key] = sums.GetValueOrDefault(counter.Key) + value;
            }
        }

        return [.. sums];
    }

    /// <summary>Sets every count back to zero.</summary>
    public void Reset()
    {
        foreach (var counter in _routes.Values)
        {
            counter.Reset();
        }

        Interlocked.Exchange(ref _total, 0);
    }

    /// <summary><c>POST /services/async/{version}/job/{jobId}</c>: the method and the route template with a leading slash.</summary>
    public static string RouteKey(string method, RouteEndpoint endpoint)
    {
        var raw = endpoint.RoutePattern.RawText ?? string.Empty;
        return method.ToUpperInvariant() + (raw.StartsWith('/') ? " " : " /") + raw;
    }
}
