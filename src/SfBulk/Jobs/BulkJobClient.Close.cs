using SfBulk.Http;
using SfBulk.Jobs;
using SfBulk.Models;
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
    public virtual Task<CloseJobResult> CloseJobAsync(string jobId, CloseJobOptions? options = null, CancellationToken cancellationToken = default) =>
        JournaledAsync(jobId, options, options?.TargetState ?? CloseJobState.Closed, cancellationToken);

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
    public virtual Task<CloseJobResult> AbortJobAsync(string jobId, CloseJobOptions? options = null, CancellationToken cancellationToken = default) =>
        JournaledAsync(jobId, options, CloseJobState.Aborted, cancellationToken);

    private async Task<CloseJobResult> ChangeStateAsync(string jobId, CloseJobOptions? options, CloseJobState target, CancellationToken cancellationToken)
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
        try
        {
            linked.Token.ThrowIfCancellationRequested();
            return await CloseAsync(id, target, routes, dialect, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e is not ArgumentException)
        {
            throw new SalesforceTimeoutException(
                $"{(target == CloseJobState.Aborted ? "Aborting" : "Closing")} job {id} did not finish within {timeout.Value.TotalMilliseconds:0} ms. The job may or may not have changed state: read it to know.",
                timeout.Value,
                e);
        }
    }

    /// <summary>
    /// Tries the routes in order until one holds the job. With several routes (<see cref="BulkApi.Auto"/>) the 1.0 close
    /// is sent first (one request for a 1.0 job); its answer counts only when the data confirms a 1.0 job in the
    /// requested state, so a 2.0 job is never reported closed through the 1.0 route. A refusal whose job may still
    /// belong to another route is kept: when no other route holds the job, that refusal (Salesforce's code and
    /// message) is the error, not "no such job".
    /// </summary>
    private async Task<CloseJobResult> CloseAsync(string id, CloseJobState target, JobRoute[] routes, BulkDialect dialect, CancellationToken cancellationToken)
    {
        SalesforceRestException? notFound = null;
        SalesforceRestException? standing = null;
        var more = routes.Length > 1;
        foreach (var route in routes)
        {
            var attempt = route.IsQuery && target == CloseJobState.Closed
                ? await RefuseQueryCloseAsync(route, id, cancellationToken).ConfigureAwait(false)
                : await CloseOnRouteAsync(route, id, target, dialect, more, cancellationToken).ConfigureAwait(false);
            if (attempt.Result is { } result)
            {
                return result;
            }

            if (attempt.Standing is { } refusal)
            {
                standing ??= refusal;
            }
            else
            {
                notFound ??= attempt.NotFound;
            }
        }

        if (standing is not null)
        {
            throw standing;
        }

        throw routes.Length == 1 ? notFound! : NotFound(id, routes[0].Api == BulkApi.V1 ? BulkApi.Auto : BulkApi.V2, notFound!);
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
                return RouteAttempt.NotHere(WrongRoute(route, id, job, response));
            }

            throw new SalesforceRestException(
                $"Job {id} is a Bulk API 2.0 query job (state {job.State}): query jobs have no Closed state, they run as soon as they are created. Abort it instead.",
                SfBulkErrorCodes.InvalidArgument,
                null,
                response.RequestMethod,
                response.RequestUri);
        }

        var error = ApiErrors.ToException(response);
        return IsNotFound(route, error) ? RouteAttempt.NotHere(error) : throw error;
    }

    /// <summary>
    /// Sends the close or abort on one route until it is known to be done. After an ambiguous failure the next step is
    /// the cheaper probe: when no answer came (the request may well have been carried out) the job is read first and
    /// the request sent again only if it is not yet in the requested state; when Salesforce answered 5xx or refused
    /// for throttling (most likely not carried out) the request is sent again at once. Any other refusal (4xx) is
    /// decided by reading the job: its state, never the words of the answer, says what happened.
    /// </summary>
    private async Task<RouteAttempt> CloseOnRouteAsync(JobRoute route, string id, CloseJobState target, BulkDialect dialect, bool moreRoutes, CancellationToken cancellationToken)
    {
        var wireState = route.WireState(target);
        var dialectSwitched = false;
        var attempts = 0;
        var sentBefore = false;
        while (true)
        {
            attempts++;
            ApiResponse? response = null;
            Exception? ambiguous = null;
            try
            {
                response = await SendAsync(route.ChangeState(Version, id, wireState, dialect), cancellationToken).ConfigureAwait(false);
            }
            catch (SalesforceRestException e) when (TransientResponses.IsAmbiguous(e))
            {
                ambiguous = e;
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A transport-level failure or one attempt's own timeout: the request may have reached Salesforce.
                ambiguous = e;
            }

            if (response is { IsSuccess: true })
            {
                var job = await ReadJobAsync(response, route, id, cancellationToken).ConfigureAwait(false);
                if (RouteEvidence.Fits(route, job) && route.Reached(job.State, target))
                {
                    return RouteAttempt.Done(Done(job, target == CloseJobState.Aborted ? CloseOutcome.Aborted : CloseOutcome.Closed, false, attempts, route));
                }

                // A success answer whose job is not in the requested state (or not a job of this route): not a close.
                var unchanged = WrongRoute(route, id, job, response, attempts);
                return moreRoutes && (route.Api != BulkApi.V1 || RouteEvidence.MayBeV2(job)) ? RouteAttempt.Refused(unchanged) : throw unchanged;
            }

            var answered = response is not null;
            if (response is not null)
            {
                var error = ApiErrors.ToException(response);
                if (!TransientResponses.IsPassing(response))
                {
                    if (route.Api == BulkApi.V1 && dialect == BulkDialect.Xml && !dialectSwitched && BodySniffer.Detect(response.Body, response.ContentType) == BodyKind.Json)
                    {
                        // A JSON job answers in JSON (the "Content Type Header" rule): say it again in JSON.
                        dialect = BulkDialect.Json;
                        dialectSwitched = true;
                        continue;
                    }

                    if (error.StatusCode == System.Net.HttpStatusCode.NotFound || (route.Api == BulkApi.V2 && CodeIs(error, "NOT_FOUND")))
                    {
                        return RouteAttempt.NotHere(error);
                    }

                    error.StateChangeRequests = attempts;
                    var current = await ReadAfterRefusalAsync(route, id, error, cancellationToken).ConfigureAwait(false);
                    if (current is null)
                    {
                        // The route does not hold the job: the refusal was "no such job" whatever its words.
                        return RouteAttempt.NotHere(error);
                    }

                    if (!RouteEvidence.Fits(route, current))
                    {
                        return RouteAttempt.NotHere(error);
                    }

                    if (route.Api == BulkApi.V1 && dialect == BulkDialect.Xml && !dialectSwitched && IsJsonJob(current) && current.State == BulkJobState.Open)
                    {
                        // A JSON job that refused the XML body: its content type, not the message, says so.
                        dialect = BulkDialect.Json;
                        dialectSwitched = true;
                        continue;
                    }

                    if (Decide(route, current, target, attempts, sentBefore) is { } decided)
                    {
                        return RouteAttempt.Done(decided);
                    }

                    // Still not in the requested state: Salesforce's refusal stands (a 1.0 read that could be a 2.0 job
                    // shown by the 1.0 route is confirmed on the 2.0 routes first).
                    return moreRoutes && route.Api == BulkApi.V1 && RouteEvidence.MayBeV2(current) ? RouteAttempt.Refused(error) : throw error;
                }

                ambiguous = error;
            }

            sentBefore = true;
            var last = attempts >= _options.MaxCloseAttempts;
            if (!answered || last)
            {
                // No answer (or no attempt left): read before acting again.
                var current = await TryReadAsync(route, id, dialect, cancellationToken).ConfigureAwait(false);
                if (current is not null && RouteEvidence.Fits(route, current))
                {
                    if (route.Reached(current.State, target))
                    {
                        return RouteAttempt.Done(Done(current, target == CloseJobState.Aborted ? CloseOutcome.Aborted : CloseOutcome.Closed, true, attempts, route));
                    }

                    if (current.State == BulkJobState.Aborted)
                    {
                        return RouteAttempt.Done(Done(current, CloseOutcome.AlreadyAborted, false, attempts, route));
                    }
                }
            }

            if (last)
            {
                var failure = ambiguous as SalesforceRestException ?? new SalesforceRestException(
                    $"No response to the request for job {id} after {attempts} attempts: {ambiguous!.Message}",
                    SfBulkErrorCodes.NetworkError,
                    null,
                    route.Api == BulkApi.V1 ? "POST" : "PATCH",
                    null,
                    ambiguous);
                failure.StateChangeRequests = attempts;
                throw failure;
            }

            var delay = _options.CloseRetryDelay * Math.Pow(2, attempts - 1);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Decides a refused change from the job's state: in the requested state -> success (after an earlier unanswered
    /// attempt of this call, done by this call; otherwise already so); aborted -> <see cref="CloseOutcome.AlreadyAborted"/>
    /// (for a close request, the caller reports it is not a close); anything else -> null (the refusal stands).
    /// </summary>
    private static CloseJobResult? Decide(JobRoute route, JobInfo job, CloseJobState target, int attempts, bool sentBefore)
    {
        if (sentBefore && route.Satisfies(job.State, target))
        {
            return Done(job, target == CloseJobState.Aborted ? CloseOutcome.Aborted : CloseOutcome.Closed, true, attempts, route);
        }

        if (job.State == BulkJobState.Aborted)
        {
            return Done(job, CloseOutcome.AlreadyAborted, target == CloseJobState.Aborted, attempts, route);
        }

        return route.Satisfies(job.State, target) && target == CloseJobState.Closed
            ? Done(job, CloseOutcome.AlreadyClosed, true, attempts, route)
            : null;
    }

    /// <summary>
    /// Reads the job after a refusal; null when this route does not hold it (1.0 <c>InvalidJob</c> or 404, 2.0 404).
    /// When no answer arrives, or the read is refused otherwise, the refusal stands.
    /// </summary>
    private async Task<JobInfo?> ReadAfterRefusalAsync(JobRoute route, string id, SalesforceRestException refusal, CancellationToken cancellationToken)
    {
        ApiResponse response;
        try
        {
            response = await SendAsync(route.Get(Version, id, BulkDialect.Xml), cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceRestException e) when (TransientResponses.IsAmbiguous(e))
        {
            throw refusal;
        }

        if (response.IsSuccess)
        {
            return await ReadJobAsync(response, route, id, cancellationToken).ConfigureAwait(false);
        }

        var error = ApiErrors.ToException(response);
        return IsNotFound(route, error) ? null : throw refusal;
    }

    /// <summary>The error for a success answer that did not put the job in the requested state, or a job of another API.</summary>
    private static SalesforceRestException WrongRoute(JobRoute route, string id, JobInfo job, ApiResponse response, int attempts = 0) => new(
        RouteEvidence.Fits(route, job)
            ? $"{route} answered the request for job {id} with the job in state {job.State}: it was not changed."
            : $"{route} answered for job {id} with a job of another API (jobType {job.JobType?.ToString() ?? "none"}, state {job.State}); it was not changed through this route.",
        SfBulkErrorCodes.InvalidResponse,
        response.StatusCode,
        response.RequestMethod,
        response.RequestUri)
    {
        StateChangeRequests = attempts == 0 ? null : attempts,
    };

    private static bool IsJsonJob(JobInfo job) =>
        job.ContentType is { } type && (type == JobContentType.Json || type == JobContentType.ZipJson);

    /// <summary>Reads the job on one route; null when no answer arrived (the caller then decides).</summary>
    private async Task<JobInfo?> TryReadAsync(JobRoute route, string id, BulkDialect dialect, CancellationToken cancellationToken)
    {
        ApiResponse response;
        try
        {
            response = await SendAsync(route.Get(Version, id, dialect), cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceRestException e) when (TransientResponses.IsAmbiguous(e))
        {
            return null;
        }

        if (response.IsSuccess)
        {
            return JobInfoWire.Parse(response.Body, response);
        }

        return TransientResponses.IsServerError(response.StatusCode) ? null : throw ApiErrors.ToException(response);
    }

    private static CloseJobResult Done(JobInfo job, CloseOutcome outcome, bool wasAlready, int attempts, JobRoute route) =>
        new(job, outcome, wasAlready, attempts, route.Api);

    /// <summary>How one route answered: done, not the job's route, or a refusal that stands unless another route holds the job.</summary>
    private readonly record struct RouteAttempt(CloseJobResult? Result, SalesforceRestException? NotFound, SalesforceRestException? Standing)
    {
        public static RouteAttempt Done(CloseJobResult result) => new(result, null, null);

        public static RouteAttempt NotHere(SalesforceRestException error) => new(null, error, null);

        public static RouteAttempt Refused(SalesforceRestException error) => new(null, null, error);
    }
}
