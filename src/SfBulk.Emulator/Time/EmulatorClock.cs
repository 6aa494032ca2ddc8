namespace SfBulk.Emulator.Time;

/// <summary>
/// The emulator's clock: an underlying <see cref="TimeProvider"/> that tests can move forward or speed up.
/// Batch processing, session expiry and job ages are all read from this clock, never from the wall clock.
/// </summary>
/// <remarks>
/// Emulated time is <c>origin + (inner elapsed × scale) + offset</c>. Scaling makes a job that "runs five minutes"
/// finish in seconds of real time; <see cref="Advance"/> jumps forward at once.
/// </remarks>
public sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly Lock _gate = new();
    private DateTimeOffset _anchorInner;
    private DateTimeOffset _anchorEmulated;
    private double _scale = 1.0;

    /// <summary>Creates a clock that follows <paramref name="inner"/> (the system clock when null).</summary>
    public EmulatorClock(TimeProvider? inner = null)
    {
        _inner = inner ?? System;
        _anchorInner = _inner.GetUtcNow();
        _anchorEmulated = _anchorInner;
    }

    /// <summary>How many emulated seconds pass per real second.</summary>
    /// <value>The default value is 1.</value>
    public double Scale
    {
        get { lock (_gate) { return _scale; } }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            var elapsed = _inner.GetUtcNow() - _anchorInner;
            return _anchorEmulated + TimeSpan.FromTicks((long)(elapsed.Ticks * _scale));
        }
    }

    /// <summary>Moves emulated time forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            Rebase();
            _anchorEmulated += delta;
        }
    }

    /// <summary>Sets how many emulated seconds pass per real second from now on.</summary>
    public void SetScale(double scale)
    {
        if (!(scale > 0 && scale <= 100_000))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The time scale must be above 0 and at most 100000.");
        }

        lock (_gate)
        {
            Rebase();
            _scale = scale;
        }
    }

    private void Rebase()
    {
        var now = _inner.GetUtcNow();
        _anchorEmulated += TimeSpan.FromTicks((long)((now - _anchorInner).Ticks * _scale));
        _anchorInner = now;
    }
}
