using SfBulk.Jobs;
using SfBulk.Wire;

namespace SfBulk;

/// <summary>Reads and state changes on a known route, used by the watcher and the sweeper to spend no probing calls.</summary>
public partial class BulkJobClient
{
    /// <summary>The client's clock (<see cref="BulkJobClientOptions.TimeProvider"/>) for time-outs counted for it; the system clock in a mock.</summary>
    internal TimeProvider Time => _options?.TimeProvider ?? TimeProvider.System;

    /// <summary>Reads a job on one route (one request), e.g. a Bulk 2.0 query job without first asking the ingest list.</summary>
    internal async Task<JobInfo> GetJobOnRouteAsync(JobRoute route, string jobId, CancellationToken cancellationToken)
    {
        var id = JobId.Normalize(jobId);
        var response = await SendAsync(route.Get(Version, id, _options.Dialect), cancellationToken).ConfigureAwait(false);
        return response.IsSuccess
            ? await ReadJobAsync(response, route, id, cancellationToken).ConfigureAwait(false)
            : throw ApiErrors.ToException(response);
    }

    /// <summary>Closes or aborts a job on one route, with the same re-read-after-ambiguity rules as <see cref="CloseJobAsync"/>.</summary>
    internal async Task<CloseJobResult> ChangeStateOnRouteAsync(JobRoute route, string jobId, CloseJobState target, BulkDialect? dialect, CancellationToken cancellationToken) =>
        (await TryChangeStateOnRouteAsync(route, jobId, target, dialect, cancellationToken).ConfigureAwait(false)).ResultOrThrow();

    /// <summary><see cref="ChangeStateOnRouteAsync"/> that returns a refused or unanswered change with its request count instead of throwing it.</summary>
    internal Task<StateChangeOutcome> TryChangeStateOnRouteAsync(JobRoute route, string jobId, CloseJobState target, BulkDialect? dialect, CancellationToken cancellationToken) =>
        JournaledAsync(jobId, route.Api, (client, token) => client.CloseAsync(JobId.Normalize(jobId), target, [route], dialect ?? _options.Dialect, token), cancellationToken);
}
