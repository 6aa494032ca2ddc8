using Microsoft.Extensions.Time.Testing;

namespace SfBulk.Testing;

/// <summary>
/// A clock over a <see cref="FakeTimeProvider"/> that moves the fake time forward whenever the code under test waits
/// on one of its timers: <see cref="RunAsync{T}"/> jumps straight to the earliest pending timer, so a five-minute
/// watch runs in milliseconds with no sleeps and no real waiting.
/// </summary>
public sealed class AutoAdvancingTime : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<Tracked> _timers = [];
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AutoAdvancingTime(FakeTimeProvider fake) => Fake = fake;

    public FakeTimeProvider Fake { get; }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new Tracked(this, callback, state);
        TaskCompletionSource created;
        lock (_gate)
        {
            tracked.Arm(dueTime, period);
            _timers.Add(tracked);
            created = _created;
            _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        tracked.Inner = Fake.CreateTimer(static s => ((Tracked)s!).Fire(), tracked, dueTime, period);
        created.TrySetResult();
        return tracked;
    }

    /// <summary>Runs <paramref name="work"/> to the end, advancing the fake clock to each timer it waits on.</summary>
    public async Task<T> RunAsync<T>(Task<T> work)
    {
        while (!work.IsCompleted)
        {
            Task created;
            DateTimeOffset? due;
            lock (_gate)
            {
                created = _created.Task;
                due = _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt).Min();
            }

            if (due is { } at)
            {
                var step = at - Fake.GetUtcNow();
                Fake.Advance(step > TimeSpan.Zero ? step : TimeSpan.FromTicks(1));
                await Task.Yield();
                continue;
            }

            await Task.WhenAny(work, created);
        }

        return await work;
    }

    /// <summary>
    /// Runs <paramref name="work"/> made of several activities that each wait on the clock, advancing the fake clock
    /// only once at least <paramref name="waiters"/> timers are armed: every activity is waiting, none is in the middle
    /// of a request (whose answer must come at the emulated time it was sent).
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> work, Func<int> waiters)
    {
        while (!work.IsCompleted)
        {
            Task created;
            DateTimeOffset? due = null;
            lock (_gate)
            {
                created = _created.Task;
                var armed = _timers.Where(t => t.DueAt is not null).ToList();
                if (armed.Count > 0 && armed.Count >= waiters())
                {
                    due = armed.Min(t => t.DueAt);
                }
            }

            if (due is { } at)
            {
                var step = at - Fake.GetUtcNow();
                Fake.Advance(step > TimeSpan.Zero ? step : TimeSpan.FromTicks(1));
                await Task.Yield();
                continue;
            }

            await Task.WhenAny(work, created, Task.Delay(2));
        }

        return await work;
    }

    private sealed class Tracked(AutoAdvancingTime owner, TimerCallback callback, object? state) : ITimer
    {
        public ITimer? Inner { get; set; }

        public DateTimeOffset? DueAt { get; private set; }

        private TimeSpan Period { get; set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner.Fake.GetUtcNow() + dueTime;
            Period = period;
        }

        public void Fire()
        {
            lock (owner._gate)
            {
                DueAt = Period == Timeout.InfiniteTimeSpan || Period == TimeSpan.Zero ? null : owner.Fake.GetUtcNow() + Period;
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Arm(dueTime, period);
            }

            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                DueAt = null;
                owner._timers.Remove(this);
            }

            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
