using System.Runtime.CompilerServices;
using SfBulk.Jobs;

namespace SfBulk.Watching;

/// <summary>
/// Follows a Bulk API job until every batch that will run has finished — PK chunking aware: the original batch of
/// a chunked query ending <c>NotProcessed</c> counts as done once its chunk batches are listed — and optionally closes it at that moment. Polls
/// adaptively to spend few API calls (see <see cref="WatchOptions"/>). Immutable and thread-safe: one watcher can
/// follow many jobs at once.
/// </summary>
/// <remarks>
/// Works for Bulk 1.0 jobs (chunked or not) and Bulk 2.0 jobs (<c>JobComplete</c>, <c>Failed</c> and
/// <c>Aborted</c> are terminal; an ingest job still <c>Open</c> cannot finish and ends the watch with
/// <see cref="WatchOutcome.WaitingForUpload"/>). A Bulk 1.0 job that is still <c>Open</c> can receive more batches:
/// "done" means done with the batches added so far. Cancelling stops watching and leaves the job untouched. An
/// expired session is renewed by the connection; with an external session the login fault is thrown.
/// </remarks>
public class JobWatcher
{
    private readonly BulkJobClient _client = null!;
    private readonly WatchOptions _options = null!;

    /// <summary>Creates a watcher that reads and closes jobs through <paramref name="client"/>.</summary>
    /// <param name="client">The client; shared, not owned.</param>
    /// <param name="options">Settings, copied now; null uses the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public JobWatcher(BulkJobClient client, WatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = (options ?? new WatchOptions()).Validated();
    }

    /// <summary>For mocking in tests of code that uses the watcher.</summary>
    protected JobWatcher()
    {
    }

    /// <summary>
    /// Watches a job, yielding a snapshot after every poll; the last snapshot carries the
    /// <see cref="WatchProgress.Result"/>. Nothing is sent until the enumeration starts.
    /// </summary>
    /// <param name="jobId">The 15- or 18-character job id.</param>
    /// <param name="cancellationToken">Stops watching (the job is left untouched).</param>
    /// <returns>The snapshots, ending with the final one.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a job id.</exception>
    /// <exception cref="SalesforceRestException">The job could not be read (no such job, or failures beyond <see cref="WatchOptions.MaxConsecutiveFailures"/>).</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed, or an external session expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual IAsyncEnumerable<WatchProgress> WatchProgressAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var id = JobId.Normalize(jobId);
        return RunAsync(id, _options, cancellationToken);
    }

    /// <summary>Watches a job until it ends (and closes it when <see cref="WatchOptions.CloseWhenDone"/> is set).</summary>
    /// <param name="jobId">The 15- or 18-character job id.</param>
    /// <param name="progress">Receives a snapshot after every poll; may be null.</param>
    /// <param name="cancellationToken">Stops watching (the job is left untouched).</param>
    /// <returns>The outcome, the job as last read, and the API calls spent.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a job id.</exception>
    /// <exception cref="SalesforceRestException">The job could not be read (no such job, or failures beyond <see cref="WatchOptions.MaxConsecutiveFailures"/>).</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed, or an external session expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual Task<WatchResult> WatchAsync(string jobId, IProgress<WatchProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ConsumeAsync(WatchProgressAsync(jobId, cancellationToken), progress);

    /// <summary>
    /// Waits until every batch that will run has finished, then closes the job (PK chunking: once every chunk batch
    /// is done) — <see cref="WatchAsync"/> with <see cref="WatchOptions.CloseWhenDone"/> set.
    /// </summary>
    /// <param name="jobId">The 15- or 18-character job id.</param>
    /// <param name="progress">Receives a snapshot after every poll; may be null.</param>
    /// <param name="cancellationToken">Stops watching (the job is left untouched).</param>
    /// <returns>The outcome (<see cref="WatchOutcome.Closed"/> on success), the job, the calls spent and the close delay.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a job id.</exception>
    /// <exception cref="SalesforceRestException">The job could not be read.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed, or an external session expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual Task<WatchResult> WaitAndCloseAsync(string jobId, IProgress<WatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var id = JobId.Normalize(jobId);
        var options = _options.Copy();
        options.CloseWhenDone = true;
        return ConsumeAsync(RunAsync(id, options, cancellationToken), progress);
    }

    private static async Task<WatchResult> ConsumeAsync(IAsyncEnumerable<WatchProgress> snapshots, IProgress<WatchProgress>? progress)
    {
        await foreach (var snapshot in snapshots.ConfigureAwait(false))
        {
            progress?.Report(snapshot);
            if (snapshot.Result is { } result)
            {
                return result;
            }
        }

        throw new InvalidOperationException("The watch ended without a result.");
    }

    private async IAsyncEnumerable<WatchProgress> RunAsync(string jobId, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = new WatchSession(_client, options, jobId);
        while (true)
        {
            var snapshot = await session.NextAsync(cancellationToken).ConfigureAwait(false);
            yield return snapshot;
            if (snapshot.IsFinal)
            {
                yield break;
            }
        }
    }
}
