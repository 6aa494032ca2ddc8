using SfBulk.Emulator.Time;

namespace SfBulk.Emulator.Allocations;

/// <summary>
/// The org's rolling 24-hour allocations (<see cref="AllocationNames"/>), metered on the emulator's clock. Requests,
/// batches and query jobs charge them as they happen; the limits resource and the <c>Sforce-Limit-Info</c> header
/// read them; the control surface sets maxima and usage so tests can drive an org to its limits.
/// </summary>
internal sealed class OrgAllocations
{
    private readonly Dictionary<string, RollingUsage> _usage = new(StringComparer.Ordinal);
    private readonly EmulatorClock _clock;

    public OrgAllocations(EmulatorClock clock, IReadOnlyDictionary<string, long> maxima)
    {
        _clock = clock;
        foreach (var name in AllocationNames.All)
        {
            _usage[name] = new RollingUsage(AllocationNames.DefaultMaxima[name]);
        }

        foreach (var (name, max) in maxima)
        {
            var known = AllocationNames.Canonical(name)
                ?? throw new ArgumentException($"Unknown allocation '{name}'; known: {string.Join(", ", AllocationNames.All)}.", nameof(maxima));
            ArgumentOutOfRangeException.ThrowIfNegative(max, nameof(maxima));
            _usage[known].Set(clock.GetUtcNow(), max, null);
        }
    }

    /// <summary>One allocation as the limits resource shows it.</summary>
    public readonly record struct Reading(string Name, long Max, long Used)
    {
        /// <summary>What is left; never below zero.</summary>
        public long Remaining => Math.Max(0, Max - Used);
    }

    /// <summary>Charges <paramref name="amount"/> of <paramref name="name"/> if it fits; false (nothing charged) when it does not.</summary>
    public bool TryCharge(string name, long amount, out Reading after)
    {
        var fits = _usage[name].TryCharge(_clock.GetUtcNow(), amount, out var used, out var max);
        after = new Reading(name, max, used);
        return fits;
    }

    /// <summary>Charges <paramref name="amount"/> of <paramref name="name"/> even past its maximum.</summary>
    public void Charge(string name, long amount) => _usage[name].Charge(_clock.GetUtcNow(), amount);

    /// <summary>Reads one allocation now.</summary>
    public Reading Read(string name)
    {
        var usage = _usage[name];
        var used = usage.Used(_clock.GetUtcNow());
        return new Reading(name, usage.Max, used);
    }

    /// <summary>Reads every allocation now, in <see cref="AllocationNames.All"/> order.</summary>
    public IReadOnlyList<Reading> ReadAll() => [.. AllocationNames.All.Select(Read)];

    /// <summary>Sets the maximum and/or the current usage of one allocation.</summary>
    public void Set(string name, long? max, long? used) => _usage[name].Set(_clock.GetUtcNow(), max, used);
}
