using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using SfBulk.Limits;

namespace SfBulk.Watching;

/// <summary>
/// Keeps an org clean by itself: follows every open job that matches a filter (by default Bulk 1.0 jobs with PK
/// chunking, at least an hour old) and closes each as soon as every batch that will run has finished — the
/// <c>NotProcessed</c> original of a chunked query counts as done — with the same verdict as <see cref="JobWatcher"/>.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Frugal: one Get All Jobs listing per interval finds new jobs and jobs that ended, and none is made for
/// anything else. Each job is read by its own progress — by the same adaptive planner as <see cref="JobWatcher"/> once
/// a chunk has finished; before that, when it has run as long again, unless a listing shows its
/// <c>systemModstamp</c> unchanged — and no more once its verdict is known.</para>
/// <para>Safe: a job younger than the filter's minimum age is never read nor touched; a job whose chunks still run, or
/// whose original batch is <c>NotProcessed</c> with no chunk batch listed yet, is never closed; a Bulk 2.0 upload is
/// never completed; a job is closed at most once. A job someone else closed or aborted is reported and dropped; a job
/// whose PK chunking failed (its original batch <c>Failed</c>) is reported and closed.</para>
/// <para>Faults: an expired session is renewed by the connection (an external session ends the watch with its
/// <see cref="SalesforceLoginException"/>); transient errors are reported and retried after growing pauses, up to
/// <see cref="OrgWatchOptions.MaxConsecutiveFailures"/> in a row.</para>
/// </remarks>
public class OrgWatcher
{
    private readonly BulkJobClient _client = null!;
    private readonly OrgWatchOptions _options = null!;
    private readonly ApiFloorGuard? _floor;

    /// <summary>Creates a watcher that lists, reads and closes jobs through <paramref name="client"/>.</summary>
    /// <param name="client">The client; shared, not owned.</param>
    /// <param name="options">Settings, copied now; null uses the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The filter is not usable (a malformed user id, PK chunking false).</exception>
    public OrgWatcher(BulkJobClient client, OrgWatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = (options ?? new OrgWatchOptions()).Validated();
        _floor = _options.MinApiRemaining is { } floor ? new ApiFloorGuard(client, client.Connection, floor, _options.TimeProvider) : null;
    }

    /// <summary>For mocking in tests of code that uses the watcher.</summary>
    protected OrgWatcher()
    {
    }

    /// <summary>
    /// Watches the org, yielding an event for every job found, read, closed or dropped; the last event is
    /// <see cref="OrgWatchEventKind.Stopped"/> with the <see cref="OrgWatchEvent.Report"/>. Nothing is sent until the
    /// enumeration starts. Runs until cancelled, or until no matching job is left with
    /// <see cref="OrgWatchOptions.StopWhenIdle"/>. When a fault ends the watch, the events of what it did before in the
    /// same interval (a job closed just before) are yielded first.
    /// </summary>
    /// <param name="cancellationToken">Stops watching; jobs still followed are left as they are.</param>
    /// <returns>The events.</returns>
    /// <exception cref="OrgWatchCancelledException"><paramref name="cancellationToken"/> was cancelled; the exception's report says what was closed.</exception>
    /// <exception cref="SalesforceRestException">Listing failed beyond <see cref="OrgWatchOptions.MaxConsecutiveFailures"/>, or Salesforce refused the listing.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed, or an external session expired.</exception>
    public virtual IAsyncEnumerable<OrgWatchEvent> WatchEventsAsync(CancellationToken cancellationToken = default) =>
        RunAsync(cancellationToken);

    /// <summary>Watches the org until cancelled (or idle with <see cref="OrgWatchOptions.StopWhenIdle"/>).</summary>
    /// <param name="progress">Receives every event; may be null.</param>
    /// <param name="cancellationToken">Stops watching; jobs still followed are left as they are.</param>
    /// <returns>The report (when the watch ends by itself).</returns>
    /// <exception cref="OrgWatchCancelledException"><paramref name="cancellationToken"/> was cancelled; the exception's report says what was closed.</exception>
    /// <exception cref="SalesforceRestException">Listing failed beyond <see cref="OrgWatchOptions.MaxConsecutiveFailures"/>, or Salesforce refused the listing.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed, or an external session expired.</exception>
    public virtual async Task<OrgWatchReport> WatchAsync(IProgress<OrgWatchEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        await foreach (var e in RunAsync(cancellationToken).ConfigureAwait(false))
        {
            progress?.Report(e);
            if (e.Report is { } report)
            {
                return report;
            }
        }

        throw new InvalidOperationException("The org watch ended without a report.");
    }

    /// <summary>
    /// Asked before every listing or read whether the watch may spend more API calls; false ends the watch with
    /// <see cref="OrgWatchStopReason.SpendLimit"/>, leaving every job as it is. By default it keeps
    /// <see cref="OrgWatchOptions.MinApiRemaining"/> (always true without a floor); override it for another spend rule.
    /// </summary>
    /// <param name="callsUsed">API requests the watch has sent so far.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>True to go on.</returns>
    protected internal virtual async ValueTask<bool> CanSpendAsync(long callsUsed, CancellationToken cancellationToken) =>
        _floor is null || await _floor.CanSpendAsync(_options.CloseWhenDone ? 2 : 1, cancellationToken).ConfigureAwait(false);

    /// <summary>Why <see cref="CanSpendAsync"/> refused, for the report.</summary>
    internal string DescribeSpendLimit() => _floor is { } floor
        ? $"another request would take the org below its floor of remaining API requests: {floor.Describe()}"
        : "the spend check refused further API requests";

    private async IAsyncEnumerable<OrgWatchEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = new OrgWatchSession(_client, this, _options);
        var events = new List<OrgWatchEvent>();
        try
        {
            while (true)
            {
                OrgWatchReport? report = null;
                OperationCanceledException? cancelled = null;
                ExceptionDispatchInfo? failed = null;
                try
                {
                    await session.WaitAsync(cancellationToken).ConfigureAwait(false);
                    report = await session.CycleAsync(events, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
                {
                    cancelled = e;
                }
                catch (Exception e)
                {
                    // The watch ends with this fault, but what it did before in this interval (a job closed) is told first.
                    failed = ExceptionDispatchInfo.Capture(e);
                }

                foreach (var e in events)
                {
                    yield return e;
                }

                events.Clear();
                failed?.Throw();
                if (cancelled is not null)
                {
                    throw new OrgWatchCancelledException(session.Report(OrgWatchStopReason.Cancelled), cancellationToken, cancelled);
                }

                if (report is not null)
                {
                    yield return new OrgWatchEvent(OrgWatchEventKind.Stopped, null, _options.TimeProvider.GetUtcNow(), report.ToString(), report.CallsUsed) { Report = report };
                    yield break;
                }
            }
        }
        finally
        {
            session.Release();
        }
    }
}
