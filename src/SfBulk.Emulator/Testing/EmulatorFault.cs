namespace SfBulk.Emulator;

/// <summary>
/// A fault the emulator injects on matching API requests (added with <see cref="EmulatorControl.AddFaultAsync"/>):
/// an error status, a request-limit answer, latency, a dropped connection or an expired session. Build one with the
/// factory methods, then narrow it with the init properties.
/// </summary>
/// <example>
/// <code>
/// // The first two job reads answer 503, then the API behaves again:
/// await emulator.Control.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1GetJob) with { Count = 2 });
/// </code>
/// </example>
public sealed record EmulatorFault
{
    private EmulatorFault(string kind, string route)
    {
        Kind = kind;
        Route = route;
    }

    /// <summary>The wire name of the fault's kind (<c>status</c>, <c>latency</c>, ...).</summary>
    public string Kind { get; }

    /// <summary><c>*</c> (every API route) or <c>METHOD /pattern</c>, as the <see cref="EmulatorRoutes"/> constants and <see cref="EmulatorRequestCounts.Routes"/> name them.</summary>
    public string Route { get; init; }

    /// <summary>The HTTP status of a <see cref="Status"/> fault.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The delay of a latency fault.</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary>Fire on at most this many requests; null means no limit.</summary>
    public long? Count { get; init; }

    /// <summary>Probability (above 0, at most 1) that a matching request is hit; null means always.</summary>
    public double? Rate { get; init; }

    /// <summary>Fire only on every Nth matching request; null means every one.</summary>
    public long? Every { get; init; }

    /// <summary>Once fired, also hit the next <c>Burst − 1</c> matching requests.</summary>
    public long? Burst { get; init; }

    /// <summary>Seed of the rule's random sequence (used with <see cref="Rate"/>).</summary>
    public int? Seed { get; init; }

    /// <summary>When set, error answers carry <c>Retry-After</c> with this many seconds.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Overrides the error code written in the API's dialect.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Overrides the error message written in the API's dialect.</summary>
    public string? Message { get; init; }

    /// <summary>Answers <paramref name="httpStatus"/> (400–599) with a plausible error body in the API's dialect.</summary>
    public static EmulatorFault Status(int httpStatus, string route = EmulatorRoutes.Any) => new("status", route) { HttpStatus = httpStatus };

    /// <summary>Answers as Salesforce does when the org's API request allocation is used up.</summary>
    public static EmulatorFault RequestLimitExceeded(string route = EmulatorRoutes.Any) => new("requestLimitExceeded", route);

    /// <summary>Waits <paramref name="delay"/> before the request runs.</summary>
    public static EmulatorFault Delay(TimeSpan delay, string route = EmulatorRoutes.Any) => new("latency", route) { Latency = delay };

    /// <summary>Runs the request (its changes happen), then waits <paramref name="delay"/> before answering.</summary>
    public static EmulatorFault DelayAnswer(TimeSpan delay, string route = EmulatorRoutes.Any) => new("latencyAfter", route) { Latency = delay };

    /// <summary>Drops the connection before the request runs.</summary>
    public static EmulatorFault DropBefore(string route = EmulatorRoutes.Any) => new("dropBefore", route);

    /// <summary>Runs the request (its changes happen), then drops the connection without an answer.</summary>
    public static EmulatorFault DropAfter(string route = EmulatorRoutes.Any) => new("dropAfter", route);

    /// <summary>Expires the caller's session just before the request runs.</summary>
    public static EmulatorFault ExpireSession(string route = EmulatorRoutes.Any) => new("expireSession", route);
}
