using SfBulk.Limits;

namespace SfBulk.Watching;

/// <summary>How a <see cref="JobWatcher"/> follows a job; copied when the watcher is created (later changes are ignored).</summary>
public sealed class WatchOptions
{
    /// <summary>The pause before the second poll; while nothing has finished yet the pauses grow from it by half each time.</summary>
    /// <value>The default is 1 second. Must be positive.</value>
    public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between two polls, whatever the estimate says.</summary>
    /// <value>The default is 60 seconds. Must be at least <see cref="InitialInterval"/>.</value>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The spacing of polls once the job is expected to finish any moment: it bounds how late the end is noticed (and
    /// the job closed) when the estimate is right.
    /// </summary>
    /// <value>The default is 2 seconds. Must be positive and at most <see cref="MaxInterval"/>.</value>
    public TimeSpan FinishInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to watch before giving up; the job is left as it is unless <see cref="AbortOnTimeout"/>.</summary>
    /// <value>The default is null (no timeout). Checked between polls: a request in flight finishes first.</value>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// The most API requests the watch may send (polls, batch lists, the close or abort, retries included); the watch
    /// ends with <see cref="WatchOutcome.CallLimitReached"/> rather than exceed it. A request needed for
    /// <see cref="CloseWhenDone"/> or <see cref="AbortOnTimeout"/> is kept in reserve. When the job's counts cannot
    /// tell whether it is done and no call is left to read its batch list, the watch ends
    /// <see cref="WatchOutcome.CallLimitReached"/>: a job is never closed unseen. A failing first read is retried only
    /// while the limit (and <see cref="Timeout"/>) leaves room; then its error is thrown.
    /// </summary>
    /// <value>The default is null (no limit). Must be at least 1. Retries inside one request may pass it by a few.</value>
    public int? MaxCalls { get; set; }

    /// <summary>
    /// The fewest daily API requests the watch leaves the org: before each poll it checks that the org's remaining
    /// requests (from the <c>Sforce-Limit-Info</c> header of REST answers, else one read of the limits resource, at most
    /// every 10 minutes) stay at or above it after the poll and the close or abort it keeps in reserve, and ends with
    /// <see cref="WatchOutcome.ApiFloorReached"/> otherwise. When the floor is already reached before the first read,
    /// <see cref="JobWatcher"/> throws <see cref="ApiFloorReachedException"/>.
    /// </summary>
    /// <value>The default is null (no floor).</value>
    public ApiFloor? MinApiRemaining { get; set; }

    /// <summary>Closes the job (Bulk 1.0 <c>Closed</c>) as soon as every batch that will run has finished.</summary>
    /// <value>The default is false (watch only).</value>
    public bool CloseWhenDone { get; set; }

    /// <summary>Aborts the job when <see cref="Timeout"/> elapses; otherwise a timeout leaves the job untouched.</summary>
    /// <value>The default is false.</value>
    public bool AbortOnTimeout { get; set; }

    /// <summary>Which API the job belongs to.</summary>
    /// <value>The default is <see cref="BulkApi.Auto"/>: the first read finds out (1.0 first), later reads go straight there.</value>
    public BulkApi Api { get; set; } = BulkApi.Auto;

    /// <summary>
    /// How much the long pauses are shortened at random (0.1 = up to 10 %), so that many watchers spread their polls.
    /// Pauses are only ever shortened, never stretched past an estimated finish.
    /// </summary>
    /// <value>The default is 0.1. Must be from 0 to 0.5.</value>
    public double Jitter { get; set; } = 0.1;

    /// <summary>The seed of the jitter's random numbers, for repeatable runs; null seeds at random.</summary>
    /// <value>The default is null.</value>
    public int? JitterSeed { get; set; }

    /// <summary>
    /// How many polls in a row may fail with a transient error (no response, 5xx, request limit) after the connection's
    /// own retries, before the watch gives up and throws; a failed poll is retried after a pause.
    /// </summary>
    /// <value>The default is 5. Must be at least 0.</value>
    public int MaxConsecutiveFailures { get; set; } = 5;

    /// <summary>The clock for pauses, the timeout and elapsed times.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>; tests use a fake one.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal WatchOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialInterval, TimeSpan.Zero, nameof(InitialInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInterval, InitialInterval, nameof(MaxInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FinishInterval, TimeSpan.Zero, nameof(FinishInterval));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FinishInterval, MaxInterval, nameof(FinishInterval));
        if (Timeout is { } timeout && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero, nameof(Timeout));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, CloseJobOptions.MaxTimeout, nameof(Timeout));
        }

        if (MaxCalls is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(MaxCalls));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Jitter, 0, nameof(Jitter));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Jitter, 0.5, nameof(Jitter));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConsecutiveFailures, nameof(MaxConsecutiveFailures));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        if (Api is not (BulkApi.Auto or BulkApi.V1 or BulkApi.V2))
        {
            throw new ArgumentOutOfRangeException(nameof(Api), Api, "Use Auto, V1 or V2.");
        }

        return Copy();
    }

    internal WatchOptions Copy() => new()
    {
        InitialInterval = InitialInterval,
        MaxInterval = MaxInterval,
        FinishInterval = FinishInterval,
        Timeout = Timeout == System.Threading.Timeout.InfiniteTimeSpan ? null : Timeout,
        MaxCalls = MaxCalls,
        MinApiRemaining = MinApiRemaining,
        CloseWhenDone = CloseWhenDone,
        AbortOnTimeout = AbortOnTimeout,
        Api = Api,
        Jitter = Jitter,
        JitterSeed = JitterSeed,
        MaxConsecutiveFailures = MaxConsecutiveFailures,
        TimeProvider = TimeProvider,
    };
}
