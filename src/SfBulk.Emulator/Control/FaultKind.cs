namespace SfBulk.Emulator.Control;

/// <summary>What an injected fault does to a request.</summary>
internal enum FaultKind
{
    /// <summary>Answer with an error status and a body in the API's error dialect; the endpoint does not run.</summary>
    Status,

    /// <summary>Answer as if the org's API request allocation were used up; the endpoint does not run.</summary>
    RequestLimitExceeded,

    /// <summary>Wait (real time), then run the endpoint normally.</summary>
    Latency,

    /// <summary>
    /// Run the endpoint (its state changes happen), then wait (real time) before answering: a response slower than
    /// the client's timeout, for a request the server did carry out.
    /// </summary>
    LatencyAfter,

    /// <summary>Abort the connection before the endpoint runs: no state changes, no response.</summary>
    DropBefore,

    /// <summary>Run the endpoint (its state changes happen), then abort the connection instead of answering.</summary>
    DropAfter,

    /// <summary>Expire the caller's session, then run the endpoint, which answers with its invalid-session error.</summary>
    ExpireSession,
}

/// <summary>Wire names of <see cref="FaultKind"/>.</summary>
internal static class FaultKinds
{
    public static bool TryParse(string? value, out FaultKind kind)
    {
        switch (value)
        {
            case "status": kind = FaultKind.Status; return true;
            case "requestLimitExceeded": kind = FaultKind.RequestLimitExceeded; return true;
            case "latency": kind = FaultKind.Latency; return true;
            case "latencyAfter": kind = FaultKind.LatencyAfter; return true;
            case "dropBefore": kind = FaultKind.DropBefore; return true;
            case "dropAfter": kind = FaultKind.DropAfter; return true;
            case "expireSession": kind = FaultKind.ExpireSession; return true;
            default: kind = default; return false;
        }
    }

    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.Status => "status",
        FaultKind.RequestLimitExceeded => "requestLimitExceeded",
        FaultKind.Latency => "latency",
        FaultKind.LatencyAfter => "latencyAfter",
        FaultKind.DropBefore => "dropBefore",
        FaultKind.DropAfter => "dropAfter",
        _ => "expireSession",
    };
}
