namespace SfBulk.Emulator.Control;

/// <summary>
/// One fault rule: which requests it matches (<see cref="Route"/>) and when it fires among them.
/// </summary>
/// <remarks>
/// Each matching request first advances the match counter. The rule then fires when all its set conditions hold:
/// <see cref="FaultRuleSpec.Every"/> (the match number is a multiple of it), <see cref="FaultRuleSpec.Rate"/> (a draw from the rule's seeded
/// random sequence is below it) and <see cref="FaultRuleSpec.Count"/> (it has fired fewer times than that). With none set it
/// fires on every matching request. Draws happen only for requests that passed <see cref="FaultRuleSpec.Every"/>, so a rule's
/// decisions depend only on its seed and the order of its matching requests. With <see cref="FaultRuleSpec.Burst"/>, a
/// fire is followed by <c>Burst − 1</c> more on the next matching requests, whatever every and rate say (count still caps).
/// </remarks>
internal sealed class FaultRule
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private long _matched;
    private long _applied;
    private long _burstLeft;

    public FaultRule(string id, FaultRuleSpec spec)
    {
        Id = id;
        Spec = spec;
        _random = new Random(spec.Seed);
    }

    public string Id { get; }

    public FaultRuleSpec Spec { get; }

    /// <summary><c>*</c> or <c>METHOD /pattern</c>.</summary>
    public string Route => Spec.Route;

    public FaultKind Kind => Spec.Kind;

    /// <summary>Matching requests seen so far.</summary>
    public long Matched
    {
        get { lock (_gate) { return _matched; } }
    }

    /// <summary>Times the rule fired.</summary>
    public long Applied
    {
        get { lock (_gate) { return _applied; } }
    }

    /// <summary>Fires left before the rule stops; null when unlimited.</summary>
    public long? Remaining
    {
        get
        {
            lock (_gate)
            {
                return Spec.Count is { } count ? Math.Max(0, count - _applied) : null;
            }
        }
    }

    public bool Matches(string routeKey) =>
        Route == "*" || string.Equals(Route, routeKey, StringComparison.Ordinal);

    /// <summary>Records a matching request and says whether the rule fires on it.</summary>
    public bool TryFire()
    {
        lock (_gate)
        {
            _matched++;
            if (Spec.Count is { } count && _applied >= count)
            {
                return false;
            }

            if (_burstLeft > 0)
            {
                _burstLeft--;
                _applied++;
                return true;
            }

            if (Spec.Every is { } every && _matched % every != 0)
            {
                return false;
            }

            if (Spec.Rate is { } rate && _random.NextDouble() >= rate)
            {
                return false;
            }

            _applied++;
            _burstLeft = Spec.Burst is { } burst ? burst - 1 : 0;
            return true;
        }
    }
}
