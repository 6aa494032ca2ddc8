namespace SfBulk.Emulator.Allocations;

/// <summary>
/// Usage of one allocation over a rolling 24-hour window of the emulator's clock, kept as per-second buckets
/// (at most 86,400 of them), so a charge and a read cost a lock and amortized constant work.
/// </summary>
internal sealed class RollingUsage
{
    /// <summary>The window Salesforce's daily allocations roll over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private readonly Queue<(long Second, long Amount)> _buckets = new();
    private readonly Lock _gate = new();
    private long _currentSecond = long.MinValue;
    private long _currentAmount;
    private long _used;
    private long _max;

    public RollingUsage(long max) => _max = max;

    /// <summary>The most the window may hold.</summary>
    public long Max
    {
        get { lock (_gate) { return _max; } }
    }

    /// <summary>What the window holds at <paramref name="now"/> (charges older than 24 hours fall out).</summary>
    public long Used(DateTimeOffset now)
    {
        lock (_gate)
        {
            Expire(now);
            return _used;
        }
    }

    /// <summary>
    /// Charges <paramref name="amount"/> when the window has room for it; otherwise charges nothing.
    /// Returns the usage and maximum after the attempt.
    /// </summary>
    public bool TryCharge(DateTimeOffset now, long amount, out long used, out long max)
    {
        lock (_gate)
        {
            Expire(now);
            var fits = _used + amount <= _max;
            if (fits)
            {
                Add(now, amount);
            }

            used = _used;
            max = _max;
            return fits;
        }
    }

    /// <summary>Charges <paramref name="amount"/> even past the maximum (work Salesforce has already accepted).</summary>
    public void Charge(DateTimeOffset now, long amount)
    {
        lock (_gate)
        {
            Expire(now);
            Add(now, amount);
        }
    }

    /// <summary>Sets the maximum and, when given, replaces the window's usage with <paramref name="used"/> charged now.</summary>
    public void Set(DateTimeOffset now, long? max, long? used)
    {
        lock (_gate)
        {
            if (max is { } m)
            {
                _max = m;
            }

            if (used is { } u)
            {
                _buckets.Clear();
                _currentAmount = 0;
                _used = 0;
                Add(now, u);
            }
        }
    }

    private void Add(DateTimeOffset now, long amount)
    {
        if (amount <= 0)
        {
            return;
        }

        var second = now.ToUnixTimeSeconds();
        if (second != _currentSecond)
        {
            if (_currentAmount > 0)
            {
                _buckets.Enqueue((_currentSecond, _currentAmount));
            }

            _currentSecond = second;
            _currentAmount = 0;
        }

        _currentAmount += amount;

        _used += amount;
    }

    private void Expire(DateTimeOffset now)
    {
        var oldest = (now - Window).ToUnixTimeSeconds();
        while (_buckets.TryPeek(out var first) && first.Second <= oldest)
        {
            _buckets.Dequeue();
            _used -= first.Amount;
        }

        if (_currentAmount > 0 && _currentSecond <= oldest)
        {
            _used -= _currentAmount;
            _currentAmount = 0;
        }
    }
}
