namespace SfBulk.Emulator.Control;

/// <summary>The settings of a fault rule as posted to <c>/_emulator/faults</c>.</summary>
/// <param name="Route"><c>*</c> (every API route) or <c>METHOD /pattern</c> as listed by <c>/_emulator/requests</c>.</param>
/// <param name="Kind">What the fault does.</param>
/// <param name="Status">The status of a <see cref="FaultKind.Status"/> fault (400–599).</param>
/// <param name="Rate">Probability (0–1] that a matching request is hit; null means always.</param>
/// <param name="Count">Fire on at most this many requests, then stop; null means no limit.</param>
/// <param name="Every">Fire only on every Nth matching request; null means every one.</param>
/// <param name="LatencyMs">The delay of a <see cref="FaultKind.Latency"/> fault.</param>
/// <param name="Seed">Seed of the rule's random sequence (used with <paramref name="Rate"/>).</param>
/// <param name="RetryAfterSeconds">When set, error answers carry <c>Retry-After</c> with this value.</param>
/// <param name="ErrorCode">Overrides the error code written in the API's dialect.</param>
/// <param name="Message">Overrides the error message written in the API's dialect.</param>
/// <param name="Burst">
/// Once the rule fires, it also fires on the next <c>Burst − 1</c> matching requests (a run of faults, such as a
/// burst of <c>REQUEST_LIMIT_EXCEEDED</c>); null or 1 means single faults. <paramref name="Count"/> still caps the total.
/// </param>
internal sealed record FaultRuleSpec(
    string Route,
    FaultKind Kind,
    int Status,
    double? Rate,
    long? Count,
    long? Every,
    int LatencyMs,
    int Seed,
    int? RetryAfterSeconds,
    string? ErrorCode,
    string? Message,
    long? Burst = null);
