using SfBulk.Limits;

namespace SfBulk.Http;

/// <summary>
/// Keeps the org's daily API request usage as the last <c>Sforce-Limit-Info</c> header (or limits read) reported
/// it, and counts the requests this connection sent since, so a floor can be checked without spending a request.
/// Thread-safe.
/// </summary>
/// <remarks>
/// The estimate errs on the safe side: an observation is credited with the requests sent before its own request
/// only, so requests in flight at the time are counted again rather than missed.
/// </remarks>
internal sealed class ApiUsageTracker
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private long _sent;
    private Observation? _latest;

    public ApiUsageTracker(TimeProvider time) => _time = time;

    private sealed record Observation(long Used, long Max, long SentAt, DateTimeOffset At);

    /// <summary>Every request this connection sent (retries included).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Counts a request about to be sent; returns its sequence number for <see cref="Observe"/>.</summary>
    public long OnSend() => Interlocked.Increment(ref _sent);

    /// <summary>Records usage that the answer to request number <paramref name="sequence"/> reported.</summary>
    public void Observe(long used, long max, long sequence)
    {
        lock (_gate)
        {
            if (_latest is null || sequence >= _latest.SentAt)
            {
                _latest = new Observation(used, max, sequence, _time.GetUtcNow());
            }
        }
    }

    /// <summary>
    /// The usage now as best known: the latest report plus the requests sent after it; null when nothing has
    /// reported usage yet.
    /// </summary>
    public ApiUsage? Estimate()
    {
        Observation? latest;
        lock (_gate)
        {
            latest = _latest;
        }

        return latest is null ? null : new ApiUsage(latest.Used + Math.Max(0, Sent - latest.SentAt), latest.Max, latest.At, Sent - latest.SentAt);
    }
}
