using System.Globalization;
using SfBulk.Http;
using SfBulk.Jobs;
using SfBulk.Limits;
using SfBulk.Watching;
using SfBulk.Wire;

namespace SfBulk.Sweeping;

public partial class JobSweeper
{
    /// <summary>
    /// Carries out a plan: closes or aborts its jobs, <see cref="SweepOptions.MaxConcurrency"/> at a time, with the
    /// client's rules for ambiguous failures (the job is re-read; already in the requested state is success). A job
    /// whose close fails for a passing reason (no answer, 5xx, throttling) gets up to two more turns once the other
    /// jobs are done. A job that still fails is reported with Salesforce's code and message; the others go on. Any other
    /// error of one job (an <see cref="ArgumentException"/>, an <see cref="ObjectDisposedException"/>, …; anything but
    /// cancellation) is that job's <see cref="SweepOutcome.Failed"/> outcome with the reason: one job never stops a
    /// sweep. After a login failure the jobs not yet tried are reported failed with its code rather than tried one by one.
    /// </summary>
    /// <param name="plan">The plan from <see cref="PlanAsync"/>.</param>
    /// <param name="progress">Receives a report after each job; may be null.</param>
    /// <param name="cancellationToken">Stops the sweep; jobs already closed stay closed, and running it again carries on.</param>
    /// <returns>Every job of the plan with its outcome, counts, API calls and time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="SweepCancelledException"><paramref name="cancellationToken"/> was cancelled; the exception's report says which jobs finished.</exception>
    public virtual async Task<SweepReport> ExecuteAsync(SweepPlan plan, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var time = _options.TimeProvider;
        var start = time.GetUtcNow();
        var calls = new ApiCallCounter();
        var client = _client.CountingOn(calls);
        var results = new SweepJobResult[plan.Entries.Count];
        var done = 0;
        SalesforceLoginException? loginFailure = null;

        void Finish(int index, SweepJobResult result)
        {
            results[index] = result;
            var count = Interlocked.Increment(ref done);
            progress?.Report(new SweepProgress(result, count, results.Length, plan.CallsUsed + calls.Count, time.GetUtcNow() - start));
        }

        var floor = _options.MinApiRemaining is { } minimum ? new ApiFloorGuard(client, _client.Connection, minimum, time) : null;
        string? floorReason = null;
        var attempts = new int[results.Length];
        var work = new List<int>(results.Length);
        for (var i = 0; i < results.Length; i++)
        {
            var entry = plan.Entries[i];
            if (entry.TargetState is null)
            {
                Finish(i, new SweepJobResult(entry, SweepOutcome.Skipped, entry.Job, entry.SkipReason));
            }
            else
            {
                work.Add(i);
            }
        }

        // One turn of one job. Whatever it throws, but cancellation, is that job's failure: one job never stops a sweep.
        async Task TurnAsync(int i, bool lastPass, System.Collections.Concurrent.ConcurrentBag<int> again, CancellationToken token)
        {
            var entry = plan.Entries[i];
            try
            {
                if (Volatile.Read(ref loginFailure) is { } login)
                {
                    Finish(i, new SweepJobResult(entry, SweepOutcome.Failed, entry.Job, "Not tried: logging in failed earlier in the sweep: " + login.Message, login.ErrorCode, login.StatusCode));
                    return;
                }

                if (floor is not null && (Volatile.Read(ref floorReason) is not null || !await floor.TryReserveAsync(1, token).ConfigureAwait(false)))
                {
                    Interlocked.CompareExchange(ref floorReason, "Not tried: closing it would take the org below its floor of remaining API requests; " + floor.Describe() + ".", null);
                    Finish(i, new SweepJobResult(entry, SweepOutcome.ApiFloorReached, entry.Job, floorReason, SfBulkErrorCodes.ApiFloorReached, null, attempts[i]));
                    return;
                }

                (SweepJobResult Result, Exception? Error) result;
                try
                {
                    result = await RunOneAsync(client, entry, token).ConfigureAwait(false);
                }
                finally
                {
                    floor?.Release(1);
                }

                if (result.Error is SalesforceLoginException e)
                {
                    Interlocked.CompareExchange(ref loginFailure, e, null);
                }

                var outcome = result.Result.WithEarlierAttempts(attempts[i]);
                attempts[i] = outcome.Attempts;
                if (!lastPass && outcome.Outcome == SweepOutcome.Failed && IsPassing(result.Error, token))
                {
                    again.Add(i);
                    return;
                }

                Finish(i, outcome);
            }
            catch (Exception e) when (results[i] is null)
            {
                if (token.IsCancellationRequested)
                {
                    // Cancelled meanwhile (a disposed connection, for one): the job is reported Cancelled below.
                    return;
                }

                Finish(i, new SweepJobResult(entry, SweepOutcome.Failed, entry.Job, Unexpected(e), ErrorCodeOf(e), (e as SalesforceException)?.StatusCode, attempts[i]));
            }
        }

        try
        {
            // Jobs that failed for a passing reason (no answer, 5xx, throttling, time-out) get another turn once the
            // others are done, when the org may have recovered; nothing is reported for them until their last turn.
            for (var pass = 0; pass <= ExtraPasses && work.Count > 0; pass++)
            {
                var lastPass = pass == ExtraPasses;
                var again = new System.Collections.Concurrent.ConcurrentBag<int>();
                await Parallel.ForEachAsync(
                    work,
                    new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
                    (i, token) => new ValueTask(TurnAsync(i, lastPass, again, token))).ConfigureAwait(false);
                work = [.. again.Order()];
            }

            if (Array.Exists(results, r => r is null))
            {
                // A job left unfinished by a cancellation its worker swallowed.
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            // Every worker has stopped: what finished is in results; the rest did not finish.
            for (var i = 0; i < results.Length; i++)
            {
                results[i] ??= new SweepJobResult(plan.Entries[i], SweepOutcome.Cancelled, plan.Entries[i].Job, CancelledReason, attempts: attempts[i]);
            }

            throw new SweepCancelledException(new SweepReport(plan, results, plan.CallsUsed + calls.Count, time.GetUtcNow() - start), cancellationToken, e);
        }

        return new SweepReport(plan, results, plan.CallsUsed + calls.Count, time.GetUtcNow() - start);
    }

    private const string CancelledReason = "Not finished: the sweep was cancelled, and the job may or may not have changed state. Run the sweep again.";

    /// <summary>How many more turns a job that failed for a passing reason gets at the end of the sweep.</summary>
    private const int ExtraPasses = 2;

    /// <summary>
    /// A failure that may pass (<see cref="TransientResponses.IsPassing(Exception?)"/>): no answer, a 5xx, or throttling.
    /// Not the per-job time-out: a job that used all of it is not given it twice more.
    /// </summary>
    private static bool IsPassing(Exception? error, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && TransientResponses.IsPassing(error);

    private async Task<(SweepJobResult Result, Exception? Error)> RunOneAsync(BulkJobClient client, SweepPlanEntry entry, CancellationToken cancellationToken)
    {
        var target = entry.TargetState!.Value;
        var route = JobRoutes.Of(entry.Job);
        try
        {
            StateChangeOutcome done;
            if (route.IsQuery)
            {
                // Straight to the query route: CloseJobAsync with Api = V2 would ask the ingest list first. The time-out
                // runs on the client's clock, as CloseJobOptions.Timeout does on the other routes.
                using var timeout = _options.PerJobTimeout is { } limit ? new CancellationTokenSource(limit, client.Time) : new CancellationTokenSource();
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                done = await client.TryChangeStateOnRouteAsync(JobRoute.V2Query, entry.JobId, target, null, linked.Token).ConfigureAwait(false);
            }
            else
            {
                var options = new CloseJobOptions { TargetState = target, Api = route.Api, Dialect = JobRoutes.DialectOf(entry.Job), Timeout = _options.PerJobTimeout };
                done = await client.TryCloseJobAsync(entry.JobId, options, cancellationToken).ConfigureAwait(false);
            }

            if (done.Failure is { } failure)
            {
                return (new SweepJobResult(entry, SweepOutcome.Failed, entry.Job, failure.Message, failure.ErrorCode, failure.StatusCode, Math.Max(done.Requests, 1)), failure);
            }

            return (new SweepJobResult(entry, done.Result!), null);
        }
        catch (SalesforceException e)
        {
            return (new SweepJobResult(entry, SweepOutcome.Failed, entry.Job, e.Message, e.ErrorCode, e.StatusCode, 1), e);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is OperationCanceledException or HttpRequestException or TimeoutException)
        {
            var code = e is OperationCanceledException ? "TIMEOUT" : SfBulkErrorCodes.NetworkError;
            var message = e is OperationCanceledException
                ? string.Create(CultureInfo.InvariantCulture, $"No answer within {_options.PerJobTimeout?.TotalSeconds:0.#} s; the job may or may not have changed state. Run the sweep again to know.")
                : e.Message;
            return (new SweepJobResult(entry, SweepOutcome.Failed, entry.Job, message, code, null, 1), e);
        }
        catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Anything else (a malformed id, a disposed connection, a bug) is this job's failure: one job never stops a sweep.
            return (new SweepJobResult(entry, SweepOutcome.Failed, entry.Job, Unexpected(e), ErrorCodeOf(e), null, 0), e);
        }
    }

    /// <summary>
    /// The code of a failure outside the close itself (the floor's read of the org's limits, for one): Salesforce's
    /// (or sfbulk's) code when it has one, INVALID_ARGUMENT for a refused argument, else the exception's type.
    /// </summary>
    private static string? ErrorCodeOf(Exception e) => e switch
    {
        SalesforceException s => s.ErrorCode,
        ArgumentException => SfBulkErrorCodes.InvalidArgument,
        _ => e.GetType().Name,
    };

    /// <summary>The reason of such a failure: Salesforce's message as it is, any other prefixed with its type.</summary>
    private static string Unexpected(Exception e) => e is SalesforceException ? e.Message : $"{e.GetType().Name}: {e.Message}";
}
