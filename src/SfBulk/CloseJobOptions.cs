namespace SfBulk;

/// <summary>How to close a job. The values are read when the call starts.</summary>
public sealed class CloseJobOptions
{
    /// <summary>The longest timeout a call accepts: 49 days (the longest a .NET timer can wait).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(49);

    /// <summary>The state to put the job in.</summary>
    /// <value>The default is <see cref="CloseJobState.Closed"/>.</value>
    public CloseJobState TargetState { get; set; } = CloseJobState.Closed;

    /// <summary>
    /// How long the whole operation may take (every request, retry and re-read); null or
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits as long as it takes; at most <see cref="MaxTimeout"/>. When it elapses the call throws
    /// <see cref="SalesforceTimeoutException"/>.
    /// </summary>
    /// <value>The default is null (no timeout), as in the reference activity.</value>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Which Bulk API the job belongs to.</summary>
    /// <value>The default is <see cref="BulkApi.Auto"/>: try 1.0, then 2.0 ingest, then 2.0 query.</value>
    public BulkApi Api { get; set; } = BulkApi.Auto;

    /// <summary>The Bulk 1.0 request dialect; null uses <see cref="BulkJobClientOptions.Dialect"/>.</summary>
    /// <value>
    /// The default is null. Whatever is chosen, a job that turns out to be a JSON job (Salesforce answers in JSON)
    /// is closed in JSON.
    /// </value>
    public BulkDialect? Dialect { get; set; }
}
