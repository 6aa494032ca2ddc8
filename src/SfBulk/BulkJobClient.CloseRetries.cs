using Polly;
using Polly.Retry;
using SfBulk.Wire;

namespace SfBulk;

/// <summary>The retry strategy of a close or abort: which attempts are followed by another, and after how long.</summary>
public partial class BulkJobClient
{
    /// <summary>The longest <c>Retry-After</c> a close waits for (the default of <see cref="SfBulk.Connection.SalesforceRetryOptions.MaxDelay"/>).</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private ResiliencePipeline<CloseStep>? _closeRetries;

    /// <summary>
    /// Polly retry over one route's attempts: an ambiguous attempt (no answer, 5xx, throttling) is followed by another
    /// while fewer than <see cref="BulkJobClientOptions.MaxCloseAttempts"/> requests were sent, after
    /// <see cref="BulkJobClientOptions.CloseRetryDelay"/> doubled for each request sent before (at least what a
    /// <c>Retry-After</c> asks for, up to 30 s); a switch to the JSON dialect is followed at once. On
    /// <see cref="BulkJobClientOptions.TimeProvider"/>, so a fake clock drives the waits.
    /// </summary>
    private ResiliencePipeline<CloseStep> CloseRetries => _closeRetries ??= new ResiliencePipelineBuilder<CloseStep> { TimeProvider = _options.TimeProvider }
        .AddRetry(new RetryStrategyOptions<CloseStep>
        {
            // The number of requests, checked by ShouldHandle, ends the attempts (a dialect switch sends one more).
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.Zero,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { End: null } step
                && (step.Ambiguous is null || step.Requests < _options.MaxCloseAttempts)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result is { Ambiguous: not null } step ? BackOff(step) : TimeSpan.Zero),
        })
        .Build();

    private TimeSpan BackOff(CloseStep step)
    {
        var wait = _options.CloseRetryDelay * Math.Pow(2, step.Requests - 1);
        if (step.Answer is { } answer && RetryAfterHeader.Read(answer, _options.TimeProvider.GetUtcNow()) is { } asked)
        {
            var honoured = asked < MaxRetryAfter ? asked : MaxRetryAfter;
            return honoured > wait ? honoured : wait;
        }

        return wait;
    }

    /// <summary>
    /// What one attempt came to: the route's end, or an ambiguous failure (<see cref="Ambiguous"/>, with the 5xx or
    /// throttling <see cref="Answer"/> when there was one) after <see cref="Requests"/> requests, or neither (a switch
    /// of dialect: send again at once).
    /// </summary>
    private sealed record CloseStep(RouteAttempt? End, SalesforceRestException? Ambiguous, ApiResponse? Answer, int Requests)
    {
        public static CloseStep SwitchedDialect { get; } = new(null, null, null, 0);

        public static CloseStep Ended(RouteAttempt end) => new(end, null, null, 0);

        public static CloseStep Again(SalesforceRestException error, ApiResponse? answer, int requests) => new(null, error, answer, requests);
    }
}
