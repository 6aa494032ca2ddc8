namespace SfBulk.Cli.Demo;

/// <summary>
/// The demo emulator's clock for the watcher: reads emulated time, and waits emulated durations (a 30-second pause
/// lasts 1.5 real seconds when time runs 20x), so the watcher plans its polls in the same time the batches run in.
/// </summary>
internal sealed class ScaledTimeProvider(TimeProvider emulated, double scale) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => emulated.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Real(dueTime), Real(period)), this);

    private TimeSpan Real(TimeSpan emulatedSpan) =>
        emulatedSpan == Timeout.InfiniteTimeSpan || emulatedSpan <= TimeSpan.Zero ? emulatedSpan : emulatedSpan / scale;

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Real(dueTime), owner.Real(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
