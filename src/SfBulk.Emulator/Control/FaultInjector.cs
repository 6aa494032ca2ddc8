using System.Globalization;

namespace SfBulk.Emulator.Control;

/// <summary>Holds the fault rules set through the control surface and decides, per request, which fault applies.</summary>
/// <remarks>
/// Rules are checked in the order they were added; the first that fires applies and later rules do not see that
/// request. Reads are lock-free (an immutable array swapped on change), so with no rules a request costs one read.
/// </remarks>
internal sealed class FaultInjector
{
    private readonly Lock _writeGate = new();
    private FaultRule[] _rules = [];
    private long _nextId;

    /// <summary>The rules in the order they were added.</summary>
    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref _rules);

    public FaultRule Add(FaultRuleSpec spec)
    {
        var id = "f" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var rule = new FaultRule(id, spec);
        lock (_writeGate)
        {
            Volatile.Write(ref _rules, [.. _rules, rule]);
        }

        return rule;
    }

    public bool Remove(string id)
    {
        lock (_writeGate)
        {
            var kept = Array.FindAll(_rules, r => !string.Equals(r.Id, id, StringComparison.Ordinal));
            if (kept.Length == _rules.Length)
            {
                return false;
            }

            Volatile.Write(ref _rules, kept);
            return true;
        }
    }

    public int Clear()
    {
        lock (_writeGate)
        {
            var count = _rules.Length;
            Volatile.Write(ref _rules, []);
            return count;
        }
    }

    /// <summary>The rule that fires on a request to <paramref name="routeKey"/>, or null.</summary>
    public FaultRule? Pick(string routeKey)
    {
        var rules = Volatile.Read(ref _rules);
        foreach (var rule in rules)
        {
            if (rule.Matches(routeKey) && rule.TryFire())
            {
                return rule;
            }
        }

        return null;
    }
}
