using SfBulk.Journal;

namespace SfBulk;

/// <summary>Settings of a <see cref="BulkJobClient"/>; copied when the client is created (later changes are ignored).</summary>
public sealed class BulkJobClientOptions
{
    /// <summary>The Bulk 1.0 request dialect used when a call does not choose one.</summary>
    /// <value>The default is <see cref="BulkDialect.Xml"/>, the documented default.</value>
    public BulkDialect Dialect { get; set; } = BulkDialect.Xml;

    /// <summary>
    /// How many close/abort requests one call may send. A close is not replayed blindly: after a request that got no
    /// answer the job is read first, and the request is sent again only if the job is not yet in the requested state;
    /// after a 5xx or throttling answer it is sent again directly (a job that is no longer open refuses it, and is then
    /// read). Before giving up, the job is read once more.
    /// </summary>
    /// <value>The default is 3. Must be at least 1.</value>
    public int MaxCloseAttempts { get; set; } = 3;

    /// <summary>
    /// The pause before sending a close request again; doubles on each further attempt. A 5xx or throttling answer
    /// whose <c>Retry-After</c> asks for longer is waited for instead, up to 30 seconds.
    /// </summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan CloseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock for timeouts and retry pauses.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>; tests use a fake one.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Where every state change the client makes (close, abort, upload complete) is recorded, before the call returns;
    /// failed change requests are recorded too. Null records nothing.
    /// </summary>
    /// <value>The default is null.</value>
    public IJobJournal? Journal { get; set; }

    /// <summary>What the journal names as the source of the changes (<c>close</c>, <c>sweep</c>, <c>watch</c>, <c>ui</c>, …).</summary>
    /// <value>The default is <c>library</c>.</value>
    public string JournalCommand { get; set; } = "library";

    internal BulkJobClientOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCloseAttempts, 1, nameof(MaxCloseAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(CloseRetryDelay, TimeSpan.Zero, nameof(CloseRetryDelay));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentException.ThrowIfNullOrWhiteSpace(JournalCommand, nameof(JournalCommand));
        return new BulkJobClientOptions
        {
            Dialect = Dialect,
            MaxCloseAttempts = MaxCloseAttempts,
            CloseRetryDelay = CloseRetryDelay,
            TimeProvider = TimeProvider,
            Journal = Journal,
            JournalCommand = JournalCommand,
        };
    }
}
