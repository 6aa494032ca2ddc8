using System.Globalization;
using SfBulk.Jobs;

namespace SfBulk.Watching;

internal sealed partial class OrgWatchSession
{
    /// <summary>
    /// Reads a followed Bulk 1.0 job, judges it like <see cref="JobWatcher"/>, closes it once every batch that will run
    /// has finished, and otherwise plans its next look from its progress.
    /// </summary>
    private async Task LookAsync(WatchedJob watched, List<OrgWatchEvent> events, CancellationToken cancellationToken)
    {
        var key = Key(watched.Id);
        try
        {
            var job = await _client.GetJobAsync(watched.Id, BulkApi.V1, cancellationToken).ConfigureAwait(false);
            _reads++;
            var now = _time.GetUtcNow();
            watched.Job = job;
            watched.ReadAt = now;
            watched.ReadStamp = job.SystemModstamp;
            watched.StampAmbiguous = now - job.SystemModstamp < StampResolution;
            if (job.State != BulkJobState.Open)
            {
                EndNotOpen(key, watched, job, events);
                return;
            }

            var verdict = JobVerdicts.Judge(job, isV1: true);
            if (verdict == JobVerdict.NeedsBatchList)
            {
                var batches = await ReadBatchesAsync(watched, cancellationToken).ConfigureAwait(false);
                verdict = JobVerdicts.Judge(batches);
            }

            switch (verdict)
            {
                case JobVerdict.Done:
                case JobVerdict.ChunkingFailed:
                    await FinishAsync(key, watched, job, verdict, events, cancellationToken).ConfigureAwait(false);
                    return;
                case JobVerdict.Aborted:
                case JobVerdict.Failed:
                    EndNotOpen(key, watched, job, events);
                    return;
            }

            if (watched.Planner.WantsBatchStarts(job, now))
            {
                watched.Planner.UseBatchStarts(job, await ReadBatchesAsync(watched, cancellationToken).ConfigureAwait(false), now);
            }

            watched.Failures = 0;
            if (watched.AwaitsFirstChunk)
            {
                PlanAwaitingFirstChunk(watched, now);
            }
            else
            {
                watched.Plan(now, watched.Planner.NextDelay(job, true, now));
            }

            events.Add(Event(OrgWatchEventKind.Progress, job, Progress(job, watched.Planner.EstimatedFinish)));
        }
        catch (Exception e) when (WatchSession.IsTransient(e, cancellationToken) && watched.Failures < _options.MaxConsecutiveFailures)
        {
            watched.Failures++;
            var pause = Grow(_options.FinishInterval, watched.Failures - 1);
            watched.Plan(_time.GetUtcNow(), pause);
            events.Add(Event(OrgWatchEventKind.Retrying, watched.Job, string.Create(CultureInfo.InvariantCulture, $"Reading job {watched.Id} failed ({watched.Failures} in a row); trying again in {pause.TotalSeconds:0.#} s: {e.Message}")) with { Error = e });
        }
        catch (SalesforceRestException e) when (!WatchSession.IsTransient(e, cancellationToken))
        {
            End(key, Event(OrgWatchEventKind.Unreadable, watched.Job, $"Job {watched.Id} could not be read ({e.ErrorCode}): {e.Message} It is left as it is and no longer followed.") with { Error = e }, events);
        }
    }

    private async Task<IReadOnlyList<BatchInfo>> ReadBatchesAsync(WatchedJob watched, CancellationToken cancellationToken)
    {
        var batches = await _client.GetBatchesAsync(watched.Id, cancellationToken).ConfigureAwait(false);
        _reads++;
        return batches;
    }

    /// <summary>Every batch that will run has finished: close the job when asked (once), report it, and stop following it.</summary>
    private async Task FinishAsync(string key, WatchedJob watched, JobInfo job, JobVerdict verdict, List<OrgWatchEvent> events, CancellationToken cancellationToken)
    {
        var chunkingFailed = verdict == JobVerdict.ChunkingFailed;
        var what = chunkingFailed
            ? string.Create(CultureInfo.InvariantCulture, $"PK chunking of job {job.Id} failed: its original batch ended Failed; {job.NumberBatchesCompleted} chunk batches completed.")
            : string.Create(CultureInfo.InvariantCulture, $"Every batch of job {job.Id} has finished: {job.NumberBatchesCompleted} completed, {job.NumberBatchesFailed} failed, {job.NumberBatchesTotal - job.NumberBatchesCompleted - job.NumberBatchesFailed} not processed.");
        var kind = chunkingFailed ? OrgWatchEventKind.ChunkingFailed : OrgWatchEventKind.Finished;
        LearnRun(job);
        if (!_options.CloseWhenDone)
        {
            End(key, Event(kind, job, what + " It was left open (closing was not asked for).") with { FinishedAt = job.SystemModstamp }, events);
            return;
        }

        try
        {
            var sentBefore = watched.CloseSent;
            var sent = new SentCloseFor(what, chunkingFailed ? OrgWatchEventKind.ChunkingFailed : OrgWatchEventKind.Closed, job.SystemModstamp);
            watched.SentClose = sent;
            var options = new CloseJobOptions { Api = BulkApi.V1, Dialect = JobRoutes.DialectOf(job) };
            var close = await _client.CloseJobAsync(job.Id, options, cancellationToken).ConfigureAwait(false);
            var ended = close.Outcome == CloseOutcome.AlreadyAborted
                ? Event(OrgWatchEventKind.AbortedByOthers, close.Job, what + " It had been aborted by someone else meanwhile.")
                : close.Outcome == CloseOutcome.AlreadyClosed && !sentBefore
                    ? Event(OrgWatchEventKind.ClosedByOthers, close.Job, what + " Someone else had closed it meanwhile.")
                : Closed(close.Job, close, sent);
            End(key, ended, events);
        }
        catch (Exception e) when (WatchSession.IsTransient(e, cancellationToken) && watched.Failures < _options.MaxConsecutiveFailures)
        {
            // The close may have landed: the next look reads the job, and "already closed" then counts as this close.
            watched.Failures++;
            watched.StampAmbiguous = true;
            var pause = Grow(_options.FinishInterval, watched.Failures - 1);
            watched.Plan(_time.GetUtcNow(), pause);
            events.Add(Event(OrgWatchEventKind.Retrying, job, string.Create(CultureInfo.InvariantCulture, $"Closing job {job.Id} failed ({watched.Failures} in a row); it is read again in {pause.TotalSeconds:0.#} s: {e.Message}")) with { Error = e });
        }
        catch (SalesforceRestException e)
        {
            End(key, Event(OrgWatchEventKind.CloseFailed, job, $"{what} Closing it failed ({e.ErrorCode}): {e.Message} It is left open and not tried again.") with { Error = e, FinishedAt = job.SystemModstamp }, events);
        }
    }

    /// <summary>
    /// A job this watcher closed, reported with what it found when it sent the close (<paramref name="sent"/>);
    /// <paramref name="close"/> is null when a later read found that close had landed unanswered.
    /// </summary>
    private OrgWatchEvent Closed(JobInfo job, CloseJobResult? close, SentCloseFor sent) =>
        Event(sent.Kind, job, sent.What + " The job was closed.") with
        {
            Close = close ?? SfBulkModelFactory.CloseJobResult(job, CloseOutcome.Closed),
            FinishedAt = sent.FinishedAt,
        };

    private static string Progress(JobInfo job, DateTimeOffset? estimatedFinish)
    {
        var notProcessed = Math.Max(0, job.NumberBatchesTotal - job.NumberBatchesQueued - job.NumberBatchesInProgress - job.NumberBatchesCompleted - job.NumberBatchesFailed);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"Job {job.Id}: batches {job.NumberBatchesCompleted + job.NumberBatchesFailed + notProcessed}/{job.NumberBatchesTotal} done ({job.NumberBatchesInProgress} running, {job.NumberBatchesQueued} queued, {job.NumberBatchesFailed} failed)");
        return estimatedFinish is { } at ? text + string.Create(CultureInfo.InvariantCulture, $"; expected to finish about {at:HH:mm:ss}Z.") : text + ".";
    }
}
