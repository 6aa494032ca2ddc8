using System.Globalization;
using SfBulk.Jobs;
using SfBulk.Limits;

namespace SfBulk.Watching;

/// <summary>The state of one watch: reads the job when due, judges it, plans the next poll, and ends it.</summary>
internal sealed partial class WatchSession
{
    private readonly BulkJobClient _client;
    private readonly WatchOptions _options;
    private readonly string _jobId;
    private readonly TimeProvider _time;
    private readonly ApiCallCounter _calls = new();
    private readonly PollPlanner _planner;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset? _deadline;
    private readonly ApiFloorGuard? _floor;
    private JobRoute? _route;
    private JobInfo? _job;
    private DateTimeOffset? _nextPollAt;
    private int _polls;
    private int _failures;

    public WatchSession(BulkJobClient client, WatchOptions options, string jobId)
    {
        _client = client;
        _options = options;
        _jobId = jobId;
        _time = options.TimeProvider;
        _planner = new PollPlanner(options);
        _start = _time.GetUtcNow();
        _deadline = options.Timeout is { } timeout ? _start + timeout : null;
        _route = options.Api == BulkApi.V1 ? JobRoute.V1 : null;
        _floor = options.MinApiRemaining is { } floor ? new ApiFloorGuard(client, client.Connection, floor, _time) : null;
    }

    private BulkApi Api => _route?.Api ?? BulkApi.V1;

    private bool IsV1 => _route is { Api: BulkApi.V1 };

    /// <summary>A request kept for the close or abort at the end.</summary>
    private int Reserve => _options.CloseWhenDone || _options.AbortOnTimeout ? 1 : 0;

    /// <summary>Waits until the next poll is due, polls, and returns the snapshot (the final one carries the result).</summary>
    public async Task<WatchProgress> NextAsync(CancellationToken cancellationToken)
    {
        if (_nextPollAt is { } due && due > _time.GetUtcNow())
        {
            await Task.Delay(due - _time.GetUtcNow(), _time, cancellationToken).ConfigureAwait(false);
        }

        if (_job is not null && !CanAfford(1 + Reserve))
        {
            return Final(_job, WatchOutcome.CallLimitReached, Limit());
        }

        if (!await FloorAllowsAsync(1 + Reserve, cancellationToken).ConfigureAwait(false))
        {
            var why = $"another poll would take the org below its floor of remaining API requests: {_floor!.Describe()}. The job was left as it is.";
            return _job is null
                ? throw new ApiFloorReachedException($"The watch of job {_jobId} did not start: {why}")
                : Final(_job, WatchOutcome.ApiFloorReached, string.Create(CultureInfo.InvariantCulture, $"Stopped after {_calls.Count} API calls: {why}"));
        }

        JobInfo job;
        try
        {
            job = await ReadAsync(cancellationToken).ConfigureAwait(false);
            _failures = 0;
        }
        catch (Exception e) when (IsTransient(e, cancellationToken) && _failures < _options.MaxConsecutiveFailures && (_job is not null || MayRetryFirstRead()))
        {
            _failures++;
            if (_job is null)
            {
                // Nothing read yet, so no snapshot to show: wait and try the first read again.
                _nextPollAt = _time.GetUtcNow() + _planner.AfterFailure(_failures);
                return await NextAsync(cancellationToken).ConfigureAwait(false);
            }

            return Plan(_job, _planner.AfterFailure(_failures), string.Create(CultureInfo.InvariantCulture, $"poll failed ({_failures} in a row), trying again: {e.Message}"), e);
        }

        _job = job;
        var verdict = JobVerdicts.Judge(job, IsV1);
        if (verdict == JobVerdict.NeedsBatchList)
        {
            // The counts cannot tell whether the job is done: without the batch list, it has not been seen done.
            if (!await FloorAllowsAsync(1 + Reserve, cancellationToken).ConfigureAwait(false))
            {
                return Final(job, WatchOutcome.ApiFloorReached, string.Create(
                    CultureInfo.InvariantCulture,
                    $"Stopped after {_calls.Count} API calls: the job's counts cannot tell whether it is done, and reading its batch list would take the org below its floor: {_floor!.Describe()}. The job was left as it is."));
            }

            if (!CanAfford(1 + Reserve))
            {
                return Final(job, WatchOutcome.CallLimitReached, string.Create(
                    CultureInfo.InvariantCulture,
                    $"Stopped after {_calls.Count} API calls: the job's counts cannot tell whether it is done, and reading its batch list would pass the limit of {_options.MaxCalls}. The job was left as it is."));
            }

            verdict = JobVerdicts.Judge(await GetBatchesAsync(cancellationToken).ConfigureAwait(false));
        }

        switch (verdict)
        {
            case JobVerdict.Done:
            case JobVerdict.ChunkingFailed:
                return await FinishAsync(job, verdict, cancellationToken).ConfigureAwait(false);
            case JobVerdict.Aborted:
                return Final(job, WatchOutcome.AbortedByOthers, $"Job {job.Id} was aborted by someone else while it was watched; batches already running finish, queued ones are not processed.");
            case JobVerdict.Failed:
                return Final(job, WatchOutcome.JobFailed, $"Job {job.Id} failed{(job.ErrorMessage is { } m ? ": " + m : ".")}");
            case JobVerdict.WaitingForUpload:
                return Final(job, WatchOutcome.WaitingForUpload, $"Bulk API 2.0 ingest job {job.Id} is Open: Salesforce processes it only once its upload is marked complete (UploadComplete). Close it to start processing, then watch it.");
        }

        var now = _time.GetUtcNow();
        if (_deadline is { } deadline && now >= deadline)
        {
            return await TimeOutAsync(job, cancellationToken).ConfigureAwait(false);
        }

        if (IsV1 && _planner.WantsBatchStarts(job, now) && CanAfford(2 + Reserve)
            && await FloorAllowsAsync(2 + Reserve, cancellationToken).ConfigureAwait(false))
        {
            _planner.UseBatchStarts(job, await GetBatchesAsync(cancellationToken).ConfigureAwait(false), now);
        }

        return Plan(job, _planner.NextDelay(job, IsV1, now), Describe(job), null);
    }

    private WatchProgress Plan(JobInfo job, TimeSpan delay, string? note, Exception? error)
    {
        var now = _time.GetUtcNow();
        var next = now + delay;
        _nextPollAt = _deadline is { } deadline && next > deadline ? deadline : next;
        return new WatchProgress(job, Api, now - _start, _calls.Count, _nextPollAt, _planner.EstimatedFinish, note, error, null);
    }

    private WatchProgress Final(JobInfo job, WatchOutcome outcome, string message, CloseJobResult? close = null, DateTimeOffset? finishedAt = null, DateTimeOffset? closedAt = null, Exception? error = null)
    {
        var elapsed = _time.GetUtcNow() - _start;
        var result = new WatchResult(close?.Job ?? job, Api, outcome, message, _calls.Count, _polls, elapsed)
        {
            Close = close,
            FinishedAt = finishedAt,
            ClosedAt = closedAt,
            Error = error,
        };
        return new WatchProgress(result.Job, Api, elapsed, _calls.Count, null, null, message, error, result);
    }

    /// <summary>
    /// The first read failed for a passing reason: try it again only when the call budget has room for it and the
    /// retry would start before the deadline; otherwise the error is thrown (there is no job to report yet).
    /// </summary>
    private bool MayRetryFirstRead() =>
        CanAfford(1 + Reserve) && (_deadline is not { } deadline || _time.GetUtcNow() + _planner.AfterFailure(_failures + 1) < deadline);

    /// <summary>True without a floor, or when spending <paramref name="requests"/> keeps the org above it (a limits read it needs is counted).</summary>
    private async Task<bool> FloorAllowsAsync(int requests, CancellationToken cancellationToken) =>
        _floor is null || await _calls.RunAsync(ct => _floor.CanSpendAsync(requests, ct).AsTask(), cancellationToken).ConfigureAwait(false);

    private bool CanAfford(int calls) => _options.MaxCalls is not { } max || _calls.Count + calls <= max;

    private string Limit() => string.Create(
        CultureInfo.InvariantCulture,
        $"Stopped after {_calls.Count} API calls: another poll would pass the limit of {_options.MaxCalls}. The job was left as it is.");

    private static string? Describe(JobInfo job) =>
        job.NumberBatchesTotal == 1 && job.NumberBatchesQueued + job.NumberBatchesInProgress == 1 && JobRoutes.IsQuery(job)
            ? "one batch pending: with PK chunking, the chunk batches appear when it ends NotProcessed"
            : job.NumberBatchesTotal == 0 && job.JobType is null
                ? "no batches yet: waiting for batches to be added"
                : null;

    internal static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        SalesforceLoginException => false,
        SalesforceRestException rest => string.Equals(rest.ErrorCode, SfBulkErrorCodes.NetworkError, StringComparison.Ordinal)
            || string.Equals(rest.ErrorCode, "REQUEST_LIMIT_EXCEEDED", StringComparison.Ordinal)
            || (rest.StatusCode is { } status && ((int)status >= 500 || (int)status == 429)),
        HttpRequestException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
