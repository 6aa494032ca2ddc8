namespace SfBulk.Emulator.State;

/// <summary>
/// The states an entity (a job or a batch) passes through, each with the emulated time at which it is entered.
/// Progress is not driven by timers: the current state is read off the timeline at the clock's "now", so a fake
/// or scaled clock moves every job forward consistently.
/// </summary>
internal sealed class StateTimeline
{
    private readonly List<(DateTimeOffset At, string State)> _steps = [];

    public StateTimeline(DateTimeOffset at, string initialState) => _steps.Add((at, initialState));

    /// <summary>Schedules a transition to <paramref name="state"/> at <paramref name="at"/>.</summary>
    public void Schedule(DateTimeOffset at, string state)
    {
        var index = _steps.FindLastIndex(s => s.At <= at) + 1;
        _steps.Insert(index, (at, state));
    }

    /// <summary>The state at <paramref name="now"/>.</summary>
    public string StateAt(DateTimeOffset now)
    {
        for (var i = _steps.Count - 1; i > 0; i--)
        {
            if (_steps[i].At <= now)
            {
                return _steps[i].State;
            }
        }

        return _steps[0].State;
    }

    /// <summary>When the state current at <paramref name="now"/> was entered.</summary>
    public DateTimeOffset EnteredAt(DateTimeOffset now)
    {
        for (var i = _steps.Count - 1; i > 0; i--)
        {
            if (_steps[i].At <= now)
            {
                return _steps[i].At;
            }
        }

        return _steps[0].At;
    }

    /// <summary>When <paramref name="state"/> is (or was) entered, if it is on the timeline.</summary>
    public DateTimeOffset? WhenEntered(string state)
    {
        foreach (var step in _steps)
        {
            if (step.State == state)
            {
                return step.At;
            }
        }

        return null;
    }

    /// <summary>Drops every transition after <paramref name="now"/> and enters <paramref name="state"/> now.</summary>
    public void Interrupt(DateTimeOffset now, string state)
    {
        _steps.RemoveAll(s => s.At > now);
        _steps.Add((now, state));
    }
}
