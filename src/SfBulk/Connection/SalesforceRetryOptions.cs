namespace SfBulk.Connection;

/// <summary>
/// How idempotent requests (reads) are retried after network failures, 5xx answers and throttling. Close and abort
/// requests are never replayed: a caller that sees their failure re-reads the job instead.
/// </summary>
/// <remarks>
/// Retries use capped exponential back-off with jitter; a <c>Retry-After</c> header, when present, sets the wait
/// (capped at <see cref="MaxDelay"/>). Every try is one API call against the org's daily allocation, so retries can
/// be turned off with <see cref="Enabled"/>.
/// </remarks>
public sealed class SalesforceRetryOptions
{
    /// <summary>Whether idempotent requests are retried at all.</summary>
    /// <value>The default value is true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The most retries after the first try (0–10).</summary>
    /// <value>The default value is 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The base of the exponential back-off.</summary>
    /// <value>The default value is 0.8 seconds.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>The longest wait between two tries, including waits asked for by <c>Retry-After</c>.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns a copy of these settings.</summary>
    /// <returns>An independent copy.</returns>
    public SalesforceRetryOptions Clone() => new()
    {
        Enabled = Enabled,
        MaxRetries = MaxRetries,
        BaseDelay = BaseDelay,
        MaxDelay = MaxDelay,
    };

    internal void Validate()
    {
        if (MaxRetries is < 0 or > 10)
        {
            throw new ArgumentException("Retry.MaxRetries must be between 0 and 10.", nameof(MaxRetries));
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero || BaseDelay > MaxDelay)
        {
            throw new ArgumentException("Retry.BaseDelay and Retry.MaxDelay must be positive and BaseDelay must not exceed MaxDelay.", nameof(BaseDelay));
        }
    }
}
