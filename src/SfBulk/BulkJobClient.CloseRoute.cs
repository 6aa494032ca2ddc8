using SfBulk.Jobs;
using SfBulk.Wire;

namespace SfBulk;

/// <summary>One close or abort on one route: its attempts, and how each answer is decided.</summary>
public partial class BulkJobClient
{
    /// <summary>
    /// Sends the close or abort on one route until it is known to be done, one attempt at a time through the close
    /// retry strategy (<see cref="CloseRetries"/>). After an ambiguous failure the next step is the cheaper probe: when
    /// no answer came (the request may well have been carried out) the job is read first and the request sent again
    /// only if it is not yet in the requested state; when Salesforce answered 5xx or refused for throttling (most
    /// likely not carried out) the request is sent again at once. Any other refusal (4xx) is decided by reading the
    /// job: its state, never the words of the answer, says what happened.
    /// </summary>
    private async Task<RouteAttempt> CloseOnRouteAsync(RouteCall call, CancellationToken cancellationToken)
    {
        var step = await CloseRetries.ExecuteAsync(token => new ValueTask<CloseStep>(AttemptAsync(call, token)), cancellationToken).ConfigureAwait(false);
        if (step.End is { } end)
        {
            return end;
        }

        // Out of attempts (the job was read once more and is not in the requested state): the last failure stands.
        return RouteAttempt.Failed(step.Ambiguous!, call.Requests);
    }

    /// <summary>One attempt: sends the change once and decides from the answer, or from the job when the answer is ambiguous.</summary>
    private async Task<CloseStep> AttemptAsync(RouteCall call, CancellationToken cancellationToken)
    {
        call.Requests++;
        ApiResponse response;
        try
        {
            response = await SendAsync(call.Route.ChangeState(Version, call.Id, call.WireState, call.Dialect), cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceRestException e) when (TransientResponses.IsAmbiguous(e))
        {
            // No answer (the transport turns every network failure and its own timeout into NETWORK_ERROR), or a 5xx.
            return await AfterAmbiguityAsync(call, e, null, cancellationToken).ConfigureAwait(false);
        }

        if (response.IsSuccess)
        {
            return CloseStep.Ended(await AcceptedAsync(call, response, cancellationToken).ConfigureAwait(false));
        }

        var error = ApiErrors.ToException(response);
        return TransientResponses.IsPassing(response)
            ? await AfterAmbiguityAsync(call, error, response, cancellationToken).ConfigureAwait(false)
            : await RefusedAsync(call, response, error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A success answer: done when the job it shows is this route's and in the requested state.</summary>
    private async Task<RouteAttempt> AcceptedAsync(RouteCall call, ApiResponse response, CancellationToken cancellationToken)
    {
        var job = await ReadJobAsync(response, call.Route, call.Id, cancellationToken).ConfigureAwait(false);
        if (RouteEvidence.Fits(call.Route, job) && call.Route.Reached(job.State, call.Target))
        {
            return RouteAttempt.Done(Done(job, Changed(call.Target), false, call.Requests, call.Route));
        }

        // A success answer whose job is not in the requested state (or not a job of this route): not a close.
        var unchanged = WrongRoute(call.Route, call.Id, job, response);
        return call.Route.Api != BulkApi.V1 || RouteEvidence.MayBeV2(job)
            ? RouteAttempt.Refused(unchanged, call.Requests)
            : RouteAttempt.Failed(unchanged, call.Requests);
    }

    /// <summary>No answer, a 5xx or throttling: after no answer (or on the last attempt) the job is read before acting again.</summary>
    private async Task<CloseStep> AfterAmbiguityAsync(RouteCall call, SalesforceRestException error, ApiResponse? answer, CancellationToken cancellationToken)
    {
        call.SentBefore = true;
        if (answer is null || call.Requests >= _options.MaxCloseAttempts)
        {
            var current = await TryReadAsync(call.Route, call.Id, call.Dialect, cancellationToken).ConfigureAwait(false);
            if (current is not null && RouteEvidence.Fits(call.Route, current))
            {
                if (call.Route.Reached(current.State, call.Target))
                {
                    return CloseStep.Ended(RouteAttempt.Done(Done(current, Changed(call.Target), true, call.Requests, call.Route)));
                }

                if (current.State == BulkJobState.Aborted)
                {
                    return CloseStep.Ended(RouteAttempt.Done(Done(current, CloseOutcome.AlreadyAborted, false, call.Requests, call.Route)));
                }
            }
        }

        return CloseStep.Again(error, answer, call.Requests);
    }

    /// <summary>A refusal (4xx): decided from the job's state, read again; a JSON job that refused XML is asked again in JSON.</summary>
    private async Task<CloseStep> RefusedAsync(RouteCall call, ApiResponse response, SalesforceRestException error, CancellationToken cancellationToken)
    {
        if (call.MaySwitchToJson && BodySniffer.Detect(response.Body, response.ContentType) == BodyKind.Json)
        {
            // A JSON job answers in JSON (the "Content Type Header" rule): say it again in JSON.
            return call.SwitchToJson();
        }

        if (error.StatusCode == System.Net.HttpStatusCode.NotFound || (call.Route.Api == BulkApi.V2 && CodeIs(error, "NOT_FOUND")))
        {
            return CloseStep.Ended(RouteAttempt.NotHere(error, 0));
        }

        var read = await ReadAfterRefusalAsync(call.Route, call.Id, cancellationToken).ConfigureAwait(false);
        if (read.RefusalStands)
        {
            return CloseStep.Ended(RouteAttempt.Failed(error, call.Requests));
        }

        if (read.Job is not { } current || !RouteEvidence.Fits(call.Route, current))
        {
            // The route does not hold the job: the refusal was "no such job" whatever its words.
            return CloseStep.Ended(RouteAttempt.NotHere(error, call.Requests));
        }

        if (call.MaySwitchToJson && IsJsonJob(current) && current.State == BulkJobState.Open)
        {
            // A JSON job that refused the XML body: its content type, not the message, says so.
            return call.SwitchToJson();
        }

        if (Decide(call, current) is { } decided)
        {
            return CloseStep.Ended(RouteAttempt.Done(decided));
        }

        // Still not in the requested state: Salesforce's refusal stands (a 1.0 read that could be a 2.0 job shown by
        // the 1.0 route is confirmed on the 2.0 routes first).
        return CloseStep.Ended(call.Route.Api == BulkApi.V1 && RouteEvidence.MayBeV2(current)
            ? RouteAttempt.Refused(error, call.Requests)
            : RouteAttempt.Failed(error, call.Requests));
    }

    /// <summary>
    /// Decides a refused change from the job's state: in the requested state -> success (after an earlier unanswered
    /// attempt of this call, done by this call; otherwise already so); aborted -> <see cref="CloseOutcome.AlreadyAborted"/>
    /// (for a close request, the caller reports it is not a close); anything else -> null (the refusal stands).
    /// </summary>
    private static CloseJobResult? Decide(RouteCall call, JobInfo job)
    {
        var (route, target) = (call.Route, call.Target);
        if (call.SentBefore && route.Satisfies(job.State, target))
        {
            return Done(job, Changed(target), true, call.Requests, route);
        }

        if (job.State == BulkJobState.Aborted)
        {
            return Done(job, CloseOutcome.AlreadyAborted, target == CloseJobState.Aborted, call.Requests, route);
        }

        return route.Satisfies(job.State, target) && target == CloseJobState.Closed
            ? Done(job, CloseOutcome.AlreadyClosed, true, call.Requests, route)
            : null;
    }

    /// <summary>
    /// Reads the job after a refusal: the job, or no job when this route does not hold it (1.0 <c>InvalidJob</c> or
    /// 404, 2.0 404). When no answer arrives, or the read is refused otherwise, the refusal stands.
    /// </summary>
    private async Task<(bool RefusalStands, JobInfo? Job)> ReadAfterRefusalAsync(JobRoute route, string id, CancellationToken cancellationToken)
    {
        ApiResponse response;
        try
        {
            response = await SendAsync(route.Get(Version, id, BulkDialect.Xml), cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceRestException e) when (TransientResponses.IsAmbiguous(e))
        {
            return (true, null);
        }

        if (response.IsSuccess)
        {
            return (false, await ReadJobAsync(response, route, id, cancellationToken).ConfigureAwait(false));
        }

        return (!IsNotFound(route, ApiErrors.ToException(response)), null);
    }

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

    private static bool IsJsonJob(JobInfo job) =>
        job.ContentType is { } type && (type == JobContentType.Json || type == JobContentType.ZipJson);

    private static CloseOutcome Changed(CloseJobState target) => target == CloseJobState.Aborted ? CloseOutcome.Aborted : CloseOutcome.Closed;

    /// <summary>One close or abort on one route, across its attempts: what is asked, in which dialect, and what was sent so far.</summary>
    private sealed class RouteCall(JobRoute route, string id, CloseJobState target, BulkDialect dialect)
    {
        public JobRoute Route { get; } = route;

        public string Id { get; } = id;

        public CloseJobState Target { get; } = target;

        public BulkJobState WireState { get; } = route.WireState(target);

        public BulkDialect Dialect { get; private set; } = dialect;

        /// <summary>The state-change requests sent so far.</summary>
        public int Requests { get; set; }

        /// <summary>True after an attempt that got no answer, a 5xx or throttling: a later "already so" may be this call's doing.</summary>
        public bool SentBefore { get; set; }

        /// <summary>True while a Bulk 1.0 request is said in XML: it may be said again in JSON (once, as JSON stays).</summary>
        public bool MaySwitchToJson => Route.Api == BulkApi.V1 && Dialect == BulkDialect.Xml;

        /// <summary>Switches to JSON; the next attempt follows at once.</summary>
        public CloseStep SwitchToJson()
        {
            Dialect = BulkDialect.Json;
            return CloseStep.SwitchedDialect;
        }
    }
}
