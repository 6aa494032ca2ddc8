using System.Globalization;
using SfBulk.Jobs;

namespace SfBulk.Watching;

internal sealed partial class WatchSession
{
    /// <summary>One job read; the first one (with <see cref="BulkApi.Auto"/>) also finds the job's route.</summary>
    private async Task<JobInfo> ReadAsync(CancellationToken cancellationToken)
    {
        _polls++;
        if (_route is { } route)
        {
            return route.Api == BulkApi.V1
                ? await _calls.RunAsync(ct => _client.GetJobAsync(_jobId, BulkApi.V1, ct), cancellationToken).ConfigureAwait(false)
                : await _calls.RunAsync(ct => _client.GetJobOnRouteAsync(route, _jobId, ct), cancellationToken).ConfigureAwait(false);
        }

        JobInfo job;
        if (_options.Api == BulkApi.V2)
        {
            // Ingest first, then query; each on its own route (one request when the job is an ingest job).
            try
            {
                job = await _calls.RunAsync(ct => _client.GetJobOnRouteAsync(JobRoute.V2Ingest, _jobId, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (SalesforceRestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                job = await _calls.RunAsync(ct => _client.GetJobOnRouteAsync(JobRoute.V2Query, _jobId, ct), cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            job = await _calls.RunAsync(ct => _client.GetJobAsync(_jobId, BulkApi.Auto, ct), cancellationToken).ConfigureAwait(false);
        }

        _route = JobRoutes.Of(job);
        return job;
    }

    private Task<IReadOnlyList<BatchInfo>> GetBatchesAsync(CancellationToken cancellationToken) =>
        _calls.RunAsync(ct => _client.GetBatchesAsync(_jobId, ct), cancellationToken);

    /// <summary>Every batch that will run has finished: close the job if asked, and end the watch.</summary>
    private async Task<WatchProgress> FinishAsync(JobInfo job, JobVerdict verdict, CancellationToken cancellationToken)
    {
        var finishedAt = job.SystemModstamp;
        var chunkingFailed = verdict == JobVerdict.ChunkingFailed;
        var outcome = chunkingFailed ? WatchOutcome.ChunkingFailed : WatchOutcome.Completed;
        var what = !IsV1
            ? $"Job {job.Id} is complete ({job.NumberRecordsProcessed.ToString(CultureInfo.InvariantCulture)} records processed)."
            : chunkingFailed
                ? string.Create(CultureInfo.InvariantCulture, $"PK chunking of job {job.Id} failed: the original batch ended Failed; {job.NumberBatchesCompleted} chunk batches completed and {job.NumberBatchesFailed - 1} failed.")
                : string.Create(CultureInfo.InvariantCulture, $"Every batch of job {job.Id} has finished: {job.NumberBatchesCompleted} completed, {job.NumberBatchesFailed} failed, {job.NumberBatchesTotal - job.NumberBatchesCompleted - job.NumberBatchesFailed} not processed.");
        if (!_options.CloseWhenDone || !IsV1)
        {
            return Final(job, outcome, IsV1 || !_options.CloseWhenDone ? what : what + " A Bulk API 2.0 job has nothing to close.", finishedAt: finishedAt);
        }

        if (job.State == BulkJobState.Closed)
        {
            return Final(job, chunkingFailed ? outcome : WatchOutcome.Closed, what + " It was already closed.", finishedAt: finishedAt);
        }

        try
        {
            var options = new CloseJobOptions { Api = BulkApi.V1, Dialect = JobRoutes.DialectOf(job) };
            var close = await _calls.RunAsync(ct => _client.CloseJobAsync(_jobId, options, ct), cancellationToken).ConfigureAwait(false);
            var closed = close.Outcome == CloseOutcome.AlreadyClosed ? " It was already closed." : close.Outcome == CloseOutcome.AlreadyAborted ? " It had been aborted meanwhile." : " The job was closed.";
            return Final(close.Job, chunkingFailed ? outcome : Ended(close.Job), what + closed, close, finishedAt, _time.GetUtcNow());
        }
        catch (SalesforceException e)
        {
            return Final(job, WatchOutcome.CloseFailed, $"{what} Closing it failed ({e.ErrorCode}): {e.Message}", finishedAt: finishedAt, error: e);
        }
    }

    /// <summary>
    /// How a watch that asked to close a finished job ends, from the job's state as for every other read: aborted (by
    /// someone else, before the close landed) or closed. <see cref="WatchResult.Close"/> says what the close found.
    /// </summary>
    private static WatchOutcome Ended(JobInfo job) =>
        job.State == BulkJobState.Aborted ? WatchOutcome.AbortedByOthers : WatchOutcome.Closed;

    /// <summary>The timeout elapsed: leave the job, or abort it when asked.</summary>
    private async Task<WatchProgress> TimeOutAsync(JobInfo job, CancellationToken cancellationToken)
    {
        var timeout = _options.Timeout.GetValueOrDefault();
        var where = IsV1
            ? string.Create(CultureInfo.InvariantCulture, $"{job.NumberBatchesQueued} batches queued and {job.NumberBatchesInProgress} running")
            : "state " + job.State;
        if (!_options.AbortOnTimeout)
        {
            return Final(job, WatchOutcome.TimedOut, string.Create(CultureInfo.InvariantCulture, $"Job {job.Id} did not finish within {timeout.TotalSeconds:0.#} s ({where}); it was left as it is. Watch it again to go on."));
        }

        try
        {
            var route = _route ?? JobRoute.V1;
            var abort = route.IsQuery
                ? await _calls.RunAsync(ct => _client.ChangeStateOnRouteAsync(route, _jobId, CloseJobState.Aborted, null, ct), cancellationToken).ConfigureAwait(false)
                : await _calls.RunAsync(ct => _client.AbortJobAsync(_jobId, new CloseJobOptions { Api = route.Api, Dialect = JobRoutes.DialectOf(job) }, ct), cancellationToken).ConfigureAwait(false);
            var already = abort.Outcome == CloseOutcome.AlreadyAborted ? " (it was already aborted)" : string.Empty;
            return Final(abort.Job, WatchOutcome.AbortedOnTimeout, string.Create(CultureInfo.InvariantCulture, $"Job {job.Id} did not finish within {timeout.TotalSeconds:0.#} s ({where}) and was aborted{already}."), abort, closedAt: _time.GetUtcNow());
        }
        catch (SalesforceException e)
        {
            return Final(job, WatchOutcome.TimedOut, string.Create(CultureInfo.InvariantCulture, $"Job {job.Id} did not finish within {timeout.TotalSeconds:0.#} s ({where}); aborting it failed ({e.ErrorCode}): {e.Message}"), error: e);
        }
    }
}
