namespace SfBulk.Sweeping;

/// <summary>
/// Finds open Bulk API jobs through Get All Jobs (ingest and query lists, every page, Bulk 1.0 "Classic" jobs
/// included, each job once) and closes or aborts them: plan first (<see cref="PlanAsync"/>, a dry run), then carry
/// the plan out with bounded concurrency (<see cref="ExecuteAsync"/>), or both at once (<see cref="SweepAsync"/>).
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Nothing is lost: the report lists every planned job with its outcome. A sweep is idempotent — a job closed by an
/// earlier, interrupted run is no longer open and is not planned again, and one closed meanwhile counts as
/// <see cref="SweepOutcome.AlreadyClosed"/> (a success) — so an interrupted sweep can simply be run again.
/// </remarks>
public partial class JobSweeper
{
    private readonly BulkJobClient _client = null!;
    private readonly SweepOptions _options = null!;

    /// <summary>Creates a sweeper that lists, closes and aborts jobs through <paramref name="client"/>.</summary>
    /// <param name="client">The client; shared, not owned.</param>
    /// <param name="options">Settings, copied now; null uses the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="SweepOptions.CompleteUploads"/> is set on an Abort sweep.</exception>
    public JobSweeper(BulkJobClient client, SweepOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = (options ?? new SweepOptions()).Validated();
    }

    /// <summary>For mocking in tests of code that uses the sweeper.</summary>
    protected JobSweeper()
    {
    }

    /// <summary>Plans and carries out a sweep: <see cref="PlanAsync"/>, then <see cref="ExecuteAsync"/>.</summary>
    /// <param name="filter">Which open jobs to consider; null considers open jobs older than <see cref="SweepFilter.DefaultOlderThan"/>.</param>
    /// <param name="progress">Receives a report after each job; may be null.</param>
    /// <param name="cancellationToken">Stops the sweep; jobs already closed stay closed, and running it again carries on.</param>
    /// <returns>Every job considered with its outcome, counts, API calls and time.</returns>
    /// <exception cref="SalesforceRestException">Listing the jobs failed.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while listing (nothing was changed yet).</exception>
    /// <exception cref="SweepCancelledException"><paramref name="cancellationToken"/> was cancelled while closing; the exception's report says which jobs finished.</exception>
    public virtual async Task<SweepReport> SweepAsync(SweepFilter? filter = null, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(filter, cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(plan, progress, cancellationToken).ConfigureAwait(false);
    }

    private static bool SameUser(string createdById, string wanted) =>
        createdById.Length >= 15 && wanted.Length >= 15 && string.Equals(createdById[..15], wanted[..15], StringComparison.Ordinal);

    private static bool IsClassic(JobInfo job) => job.JobType is null || job.JobType == BulkJobType.Classic;

    private static bool IsV2Query(JobInfo job) => job.JobType == BulkJobType.V2Query;

    /// <summary>Open in the sense of a sweep: Bulk 1.0 and 2.0 ingest <c>Open</c>; a 2.0 query job still running.</summary>
    private static bool IsOpen(JobInfo job) => IsV2Query(job)
        ? job.State == BulkJobState.UploadComplete || job.State == BulkJobState.InProgress
        : job.State == BulkJobState.Open;
}
