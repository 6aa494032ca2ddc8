namespace SfBulk.Emulator.Control;

/// <summary>The request count of one route key.</summary>
internal sealed class RouteCounter(string key)
{
    private long _value;

    /// <summary><c>METHOD /pattern</c>, the key fault rules match.</summary>
    public string Key { get; } = key;

    public long Value => Interlocked.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);

    public void Reset() => Interlocked.Exchange(ref _value, 0);
}
