using Microsoft.Extensions.Logging;
using Polly.Retry;
using Polly;
using SfBulk.Connection;
using SfBulk.Diagnostics;

namespace SfBulk.Http;

/// <summary>Builds the Polly retry pipeline of idempotent requests from <see cref="SalesforceRetryOptions"/>.</summary>
internal static class RetryPipelines
{
    /// <summary>
    /// Retries network failures (<c>NETWORK_ERROR</c>, when <paramref name="retryNetworkErrors"/>) and the answers
    /// <paramref name="isTransient"/> names with capped exponential back-off and jitter; <c>Retry-After</c> sets the
    /// wait, capped at the maximum delay. Returns <see cref="ResiliencePipeline{T}.Empty"/> when retries are off.
    /// Which answers are transient is Salesforce's protocol, decided by the caller (<c>TransientResponses</c>).
    /// </summary>
    public static ResiliencePipeline<ApiResponse> Create(
        SalesforceRetryOptions options, TimeProvider time, ILogger logger, string connection, bool retryNetworkErrors, Func<ApiResponse, bool> isTransient)
    {
        if (!options.Enabled || options.MaxRetries == 0)
        {
            return ResiliencePipeline<ApiResponse>.Empty;
        }

        var retry = new RetryStrategyOptions<ApiResponse>
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: SalesforceRestException { ErrorCode: SfBulkErrorCodes.NetworkError } } => retryNetworkErrors,
                { Result: { } response } => isTransient(response),
                _ => false,
            }),
            DelayGenerator = args =>
            {
                if (args.Outcome.Result is { } response && RetryAfterHeader.Read(response, time.GetUtcNow()) is { } wait)
                {
                    return ValueTask.FromResult<TimeSpan?>(wait > options.MaxDelay ? options.MaxDelay : wait);
                }

                return ValueTask.FromResult<TimeSpan?>(null);
            },
            OnRetry = args =>
            {
                var reason = args.Outcome.Exception is { } ex ? ((ex as SalesforceException)?.ErrorCode ?? ex.GetType().Name) : "HTTP " + (int)args.Outcome.Result!.StatusCode;
                var (method, url) = args.Outcome.Result is { } r
                    ? (r.RequestMethod, HttpTransport.Loggable(r.RequestUri))
                    : args.Outcome.Exception is SalesforceRestException { RequestUri: { } uri } re ? (re.RequestMethod ?? "?", HttpTransport.Loggable(uri)) : ("?", "?");
                SfBulkDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("sfbulk.connection", connection));
                Log.Retry(logger, connection, args.AttemptNumber + 1, method, url, (long)args.RetryDelay.TotalMilliseconds, reason);
                return ValueTask.CompletedTask;
            },
        };

        return new ResiliencePipelineBuilder<ApiResponse> { TimeProvider = time }.AddRetry(retry).Build();
    }
}
