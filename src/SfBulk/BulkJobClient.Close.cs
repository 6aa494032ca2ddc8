using SfBulk.Jobs;
using SfBulk.Wire;

namespace SfBulk;

public partial class BulkJobClient
{
    /// <summary>
    /// Closes a job (or aborts it, with <see cref="CloseJobOptions.TargetState"/> = <see cref="CloseJobState.Aborted"/>):
    /// Bulk 1.0 <c>POST …/job/{id}</c> with a state-only jobInfo; Bulk 2.0 ingest <c>PATCH</c> to <c>UploadComplete</c>
    /// (close) or <c>Aborted</c>; Bulk 2.0 query jobs can only be aborted.
    /// </summary>
    /// <remarks>
    /// A job that is already closed or aborted is a success with <see cref="CloseOutcome.AlreadyClosed"/> or
    /// <see cref="CloseOutcome.AlreadyAborted"/>. After an ambiguous failure (no response, 5xx, throttling) the job
    /// ends up read: at once when no response came, or after sending the request again was refused because the job
    /// is no longer open. If it is in the requested state the call succeeds with
    /// <see cref="CloseJobResult.WasAlreadyInRequestedState"/>; requests are sent up to
    /// <see cref="BulkJobClientOptions.MaxCloseAttempts"/> times.
    /// </remarks>
    /// <param name="jobId">The 15- or 18-character job id.</param>
    /// <param name="options">The target state, timeout, API and dialect; null closes with the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job afterwards and how the call ended.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a job id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is negative or longer than <see cref="CloseJobOptions.MaxTimeout"/>, or the API value is unknown.</exception>
    /// <exception cref="SalesforceRestException">Salesforce refused the change (its code, status, method and URL are on the exception), no such job exists, or the response could not be read.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed, or an external session expired.</exception>
    /// <exception cref="SalesforceTimeoutException">The timeout elapsed; read the job to know its state.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<CloseJobResult> CloseJobAsync(string jobId, CloseJobOptions? options = null, CancellationToken cancellationToken = default) =>
        (await TryCloseJobAsync(jobId, options, cancellationToken).ConfigureAwait(false)).ResultOrThrow();

    /// <summary>Aborts a job: <see cref="CloseJobAsync"/> with the target state <see cref="CloseJobState.Aborted"/>.</summary>
    /// <param name="jobId">The 15- or 18-character job id.</param>
    /// <param name="options">The timeout, API and dialect (its target state is ignored); null uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job afterwards and how the call ended.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a job id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is negative or longer than <see cref="CloseJobOptions.MaxTimeout"/>, or the API value is unknown.</exception>
    /// <exception cref="SalesforceRestException">Salesforce refused the change, no such job exists, or the response could not be read.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed, or an external session expired.</exception>
    /// <exception cref="SalesforceTimeoutException">The timeout elapsed; read the job to know its state.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<CloseJobResult> AbortJobAsync(string jobId, CloseJobOptions? options = null, CancellationToken cancellationToken = default) =>
        (await JournaledAsync(jobId, options, CloseJobState.Aborted, cancellationToken).ConfigureAwait(false)).ResultOrThrow();

    /// <summary>
    /// <see cref="CloseJobAsync"/> (or an abort, by <see cref="CloseJobOptions.TargetState"/>) that returns the fault of a
    /// refused or unanswered change with the number of requests sent, instead of throwing it. Bad input, a job that does
    /// not exist, a login failure, cancellation and the timeout are still thrown.
    /// </summary>
    internal Task<StateChangeOutcome> TryCloseJobAsync(string jobId, CloseJobOptions? options, CancellationToken cancellationToken) =>
        JournaledAsync(jobId, options, options?.TargetState ?? CloseJobState.Closed, cancellationToken);

    private async Task<StateChangeOutcome> ChangeStateAsync(string jobId, CloseJobOptions? options, CloseJobState target, CancellationToken cancellationToken)
    {
        // Everything is checked before the first request.
        var id = JobId.Normalize(jobId);
        var timeout = options?.Timeout;
        if (timeout is { } t && t != Timeout.InfiniteTimeSpan && t < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), t, "The timeout must be zero or more (null waits as long as it takes).");
        }

        if (timeout is { } longest && longest != Timeout.InfiniteTimeSpan && longest > CloseJobOptions.MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(options), longest, $"The timeout must be at most {CloseJobOptions.MaxTimeout.TotalDays:0} days (null waits as long as it takes).");
        }

        var api = options?.Api ?? BulkApi.Auto;
        var routes = Routes(api).ToArray();
        var dialect = options?.Dialect ?? _options.Dialect;
        if (timeout is null || timeout == Timeout.InfiniteTimeSpan)
        {
            return await CloseAsync(id, target, routes, dialect, cancellationToken).ConfigureAwait(false);
        }

        using var timeoutSource = new CancellationTokenSource(timeout.Value, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        bool TimedOut() => timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
        SalesforceTimeoutException Elapsed(Exception e) => new(
            $"{(target == CloseJobState.Aborted ? "Aborting" : "Closing")} job {id} did not finish within {timeout.Value.TotalMilliseconds:0} ms. The job may or may not have changed state: read it to know.",
            timeout.Value,
            e);

        StateChangeOutcome outcome;
        try
        {
            linked.Token.ThrowIfCancellationRequested();
            outcome = await CloseAsync(id, target, routes, dialect, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (TimedOut() && e is not ArgumentException)
        {
            throw Elapsed(e);
        }

        return outcome.Failure is { } failure && TimedOut() ? throw Elapsed(failure) : outcome;
    }

    /// <summary>
    /// Tries the routes in order until one holds the job. With several routes (<see cref="BulkApi.Auto"/>) the 1.0 close
    /// is sent first (one request for a 1.0 job); its answer counts only when the data confirms a 1.0 job in the
    /// requested state, so a 2.0 job is never reported closed through the 1.0 route. A refusal whose job may still
    /// belong to another route is kept: when no other route holds the job, that refusal (Salesforce's code and
    /// message) is the error, not "no such job".
    /// </summary>
    private async Task<StateChangeOutcome> CloseAsync(string id, CloseJobState target, JobRoute[] routes, BulkDialect dialect, CancellationToken cancellationToken)
    {
        RouteAttempt? notFound = null;
        RouteAttempt? standing = null;
        foreach (var route in routes)
        {
            var attempt = route.IsQuery && target == CloseJobState.Closed
                ? await RefuseQueryCloseAsync(route, id, cancellationToken).ConfigureAwait(false)
                : await CloseOnRouteAsync(new RouteCall(route, id, target, dialect), cancellationToken).ConfigureAwait(false);
            switch (attempt.End)
            {
                case RouteEnd.Done:
                    return StateChangeOutcome.Of(attempt.Result!);
                case RouteEnd.Failed:
                    return StateChangeOutcome.Failed(attempt.Error!, attempt.Requests);
                case RouteEnd.Refused:
                    standing ??= attempt;
                    break;
                default:
                    notFound ??= attempt;
                    break;
            }
        }

        var end = standing ?? notFound!.Value;
        return end.End == RouteEnd.Refused || routes.Length == 1
            ? StateChangeOutcome.Failed(end.Error!, end.Requests)
            : StateChangeOutcome.Failed(NotFound(id, routes[0].Api == BulkApi.V1 ? BulkApi.Auto : BulkApi.V2, end.Error!), 0);
    }

    /// <summary>A Bulk 2.0 query job has no Closed state: say so clearly when the id is one.</summary>
    private async Task<RouteAttempt> RefuseQueryCloseAsync(JobRoute route, string id, CancellationToken cancellationToken)
    {
        var response = await SendAsync(route.Get(Version, id, BulkDialect.Json), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            var job = JobInfoWire.Parse(response.Body, response);
            if (!RouteEvidence.Fits(route, job))
            {
                return RouteAttempt.NotHere(WrongRoute(route, id, job, response), 0);
            }

            throw new SalesforceRestException(
                $"Job {id} is a Bulk API 2.0 query job (state {job.State}): query jobs have no Closed state, they run as soon as they are created. Abort it instead.",
                SfBulkErrorCodes.InvalidArgument,
                null,
                response.RequestMethod,
                response.RequestUri);
        }

        var error = ApiErrors.ToException(response);
        return IsNotFound(route, error) ? RouteAttempt.NotHere(error, 0) : throw error;
    }

    /// <summary>The error for a success answer that did not put the job in the requested state, or a job of another API.</summary>
    private static SalesforceRestException WrongRoute(JobRoute route, string id, JobInfo job, ApiResponse response) => new(
        RouteEvidence.Fits(route, job)
            ? $"{route} answered the request for job {id} with the job in state {job.State}: it was not changed."
            : $"{route} answered for job {id} with a job of another API (jobType {job.JobType?.ToString() ?? "none"}, state {job.State}); it was not changed through this route.",
        SfBulkErrorCodes.InvalidResponse,
        response.StatusCode,
        response.RequestMethod,
        response.RequestUri);

    private static CloseJobResult Done(JobInfo job, CloseOutcome outcome, bool wasAlready, int attempts, JobRoute route) =>
        new(job, outcome, wasAlready, attempts, route.Api);

    /// <summary>How one route's attempt ended.</summary>
    private enum RouteEnd
    {
        /// <summary>The job is in the requested state (or was aborted): <see cref="RouteAttempt.Result"/>.</summary>
        Done,

        /// <summary>This route does not hold the job.</summary>
        NotHere,

        /// <summary>Refused; the refusal stands unless another route holds the job.</summary>
        Refused,

        /// <summary>Refused or unanswered for good: the call fails with <see cref="RouteAttempt.Error"/>.</summary>
        Failed,
    }

    /// <summary>How one route answered, and how many state-change requests were sent on it.</summary>
    private readonly record struct RouteAttempt(RouteEnd End, CloseJobResult? Result, SalesforceRestException? Error, int Requests)
    {
        public static RouteAttempt Done(CloseJobResult result) => new(RouteEnd.Done, result, null, result.Attempts);

        public static RouteAttempt NotHere(SalesforceRestException error, int requests) => new(RouteEnd.NotHere, null, error, requests);

        public static RouteAttempt Refused(SalesforceRestException error, int requests) => new(RouteEnd.Refused, null, error, requests);

        public static RouteAttempt Failed(SalesforceRestException error, int requests) => new(RouteEnd.Failed, null, error, requests);
    }
}
