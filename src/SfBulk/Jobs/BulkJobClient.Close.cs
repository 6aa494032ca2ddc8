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
        ChangeStateAsync(jobId, options, options?.TargetState ?? CloseJobState.Closed, cancellationToken);

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
        ChangeStateAsync(jobId, options, CloseJobState.Aborted, cancellationToken);

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

    private async Task<CloseJobResult> CloseAsync(string id, CloseJobState target, JobRoute[] routes, BulkDialect dialect, CancellationToken cancellationToken)
    {
        SalesforceRestException? notFound = null;
        foreach (var route in routes)
        {
            var attempt = route.IsQuery && target == CloseJobState.Closed
                ? await RefuseQueryCloseAsync(route, id, cancellationToken).ConfigureAwait(false)
                : await CloseOnRouteAsync(route, id, target, dialect, cancellationToken).ConfigureAwait(false);
            if (attempt.Result is { } result)
            {
                return result;
            }

            notFound ??= attempt.NotFound;
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
            throw new SalesforceRestException(
                $"Job {id} is a Bulk API 2.0 query job (state {job.State}): query jobs have no Closed state, they run as soon as they are created. Abort it instead.",
                SfBulkErrorCodes.InvalidArgument,
                null,
                response.RequestMethod,
                response.RequestUri);
        }

        var error = ApiErrors.ToException(response);
        return IsNotFound(route, error) ? new RouteAttempt(null, error) : throw error;
    }

    /// <summary>
    /// Sends the close or abort on one route until it is known to be done. After an ambiguous failure the next step is
    /// the cheaper probe: when no answer came (the request may well have been carried out) the job is read first and
    /// the request sent again only if it is not yet in the requested state; when Salesforce answered 5xx or refused
    /// for throttling (most likely not carried out) the request is sent again at once — safe, because a job no longer
    /// open refuses a second change with <c>InvalidJobState</c>, which is then classified by reading the job.
    /// </summary>
    private async Task<RouteAttempt> CloseOnRouteAsync(JobRoute route, string id, CloseJobState target, BulkDialect dialect, CancellationToken cancellationToken)
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
            catch (SalesforceRestException e) when (IsAmbiguous(e))
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
                return new(Done(job, target == CloseJobState.Aborted ? CloseOutcome.Aborted : CloseOutcome.Closed, false, attempts, route), null);
            }

            var answered = response is not null;
            if (response is not null)
            {
                var error = ApiErrors.ToException(response);
                if ((int)response.StatusCode < 500 && !TransientResponses.IsThrottled(response))
                {
                    if (route.Api == BulkApi.V1 && dialect == BulkDialect.Xml && !dialectSwitched && IsDialectMismatch(response, error))
                    {
                        // A JSON job: Salesforce answers in JSON or refuses the XML body. Say it again in JSON.
                        dialect = BulkDialect.Json;
                        dialectSwitched = true;
                        continue;
                    }

                    if (IsNotFound(route, error))
                    {
                        return new(null, error);
                    }

                    if (CodeIs(error, "InvalidJobState"))
                    {
                        return new(await ClassifyRefusalAsync(route, id, target, error, attempts, sentBefore, cancellationToken).ConfigureAwait(false), null);
                    }

                    error.StateChangeRequests = attempts;
                    throw error;
                }

                ambiguous = error;
            }

            sentBefore = true;
            var last = attempts >= _options.MaxCloseAttempts;
            if (!answered || last)
            {
                // No answer (or no attempt left): read before acting again.
                var current = await TryReadAsync(route, id, dialect, cancellationToken).ConfigureAwait(false);
                if (current is not null)
                {
                    if (route.Satisfies(current.State, target))
                    {
                        return new(Done(current, target == CloseJobState.Aborted ? CloseOutcome.Aborted : CloseOutcome.Closed, true, attempts, route), null);
                    }

                    if (current.State == BulkJobState.Aborted)
                    {
                        return new(Done(current, CloseOutcome.AlreadyAborted, false, attempts, route), null);
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
    /// Salesforce refused with InvalidJobState: already closed or aborted is success; anything else is the error.
    /// After an earlier attempt of this call went unanswered (<paramref name="sentBefore"/>), the job in the requested
    /// state most likely got there by that attempt: it counts as done by this call, as when a re-read finds it so.
    /// </summary>
    private async Task<CloseJobResult> ClassifyRefusalAsync(JobRoute route, string id, CloseJobState target, SalesforceRestException error, int attempts, bool sentBefore, CancellationToken cancellationToken)
    {
        var job = await TryReadAsync(route, id, BulkDialect.Xml, cancellationToken).ConfigureAwait(false) ?? throw error;
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
            : throw error;
    }

    /// <summary>Reads the job on one route; null when no answer arrived (the caller then decides).</summary>
    private async Task<JobInfo?> TryReadAsync(JobRoute route, string id, BulkDialect dialect, CancellationToken cancellationToken)
    {
        ApiResponse response;
        try
        {
            response = await SendAsync(route.Get(Version, id, dialect), cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceRestException e) when (IsAmbiguous(e))
        {
            return null;
        }

        if (response.IsSuccess)
        {
            return JobInfoWire.Parse(response.Body, response);
        }

        return (int)response.StatusCode >= 500 ? null : throw ApiErrors.ToException(response);
    }

    private static bool IsAmbiguous(SalesforceRestException e) =>
        string.Equals(e.ErrorCode, SfBulkErrorCodes.NetworkError, StringComparison.Ordinal) || (e.StatusCode is { } s && (int)s >= 500);

    private static bool IsDialectMismatch(ApiResponse response, SalesforceRestException error) =>
        BodySniffer.Detect(response.Body, response.ContentType) == BodyKind.Json
        || error.Message.Contains("content type", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase);

    private static CloseJobResult Done(JobInfo job, CloseOutcome outcome, bool wasAlready, int attempts, JobRoute route) =>
        new(job, outcome, wasAlready, attempts, route.Api);

    private readonly record struct RouteAttempt(CloseJobResult? Result, SalesforceRestException? NotFound);
}
