namespace SfBulk.Journal;

/// <summary>
/// A durable record of the state changes sfbulk makes (close, abort, upload complete). Give one to
/// <see cref="BulkJobClientOptions.Journal"/> and every change the client makes is appended before the call returns.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe. An exception thrown by <see cref="AppendAsync"/> fails the call that made the
/// change, after the change was made; <see cref="JsonLinesJobJournal"/> never throws, it reports write failures
/// through <see cref="JsonLinesJobJournal.WriteFailed"/>.
/// </remarks>
public interface IJobJournal
{
    /// <summary>Appends one entry durably (on disk, or wherever the journal keeps it) before returning.</summary>
    /// <param name="entry">The change.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <returns>A task that completes once the entry is kept.</returns>
    ValueTask AppendAsync(JobJournalEntry entry, CancellationToken cancellationToken = default);
}
