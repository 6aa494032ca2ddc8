using SfBulk.Limits;

namespace SfBulk.Sweeping;

/// <summary>How a <see cref="JobSweeper"/> plans and runs; copied when the sweeper is created (later changes are ignored).</summary>
public sealed class SweepOptions
{
    /// <summary>
    /// The state to ask of the open jobs found: <see cref="CloseJobState.Closed"/> (Bulk 1.0 <c>Closed</c>, Bulk 2.0
    /// ingest <c>UploadComplete</c>; Bulk 2.0 query jobs are skipped, as they have no Closed state) or
    /// <see cref="CloseJobState.Aborted"/> (running Bulk 2.0 query jobs are aborted too).
    /// </summary>
    /// <value>The default is <see cref="CloseJobState.Closed"/>.</value>
    public CloseJobState TargetState { get; set; } = CloseJobState.Closed;

    /// <summary>
    /// Also close (or abort) PK-chunked Bulk 1.0 jobs whose chunk batches are still queued or running. Closing such a
    /// job is allowed but usually a mistake: Salesforce advises to close only after every chunk's results are read.
    /// </summary>
    /// <value>The default is false: such jobs are skipped and reported.</value>
    public bool IncludeRunning { get; set; }

    /// <summary>
    /// Close sweeps only: also complete the upload of Bulk API 2.0 ingest jobs still <c>Open</c> (mark them
    /// <c>UploadComplete</c>). That makes Salesforce process whatever was uploaded, possibly a partial file, so it is
    /// never done by default; an Abort sweep aborts such jobs instead.
    /// </summary>
    /// <value>The default is false: open Bulk API 2.0 ingest jobs are skipped and reported.</value>
    public bool CompleteUploads { get; set; }

    /// <summary>How many close or abort requests run at once (Salesforce limits concurrent long requests per org).</summary>
    /// <value>The default is 4. Must be from 1 to 25.</value>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How long one job's close or abort may take (retries and re-reads included); null waits as long as it takes.</summary>
    /// <value>The default is 2 minutes. A job that runs out of time is reported Failed with code <c>TIMEOUT</c>.</value>
    public TimeSpan? PerJobTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The fewest daily API requests the sweep leaves the org: before each job's close or abort it checks the org's
    /// remaining requests (from the <c>Sforce-Limit-Info</c> header of REST answers, else one read of the limits
    /// resource, at most every 10 minutes), counting the requests of jobs under way, and once another job would take
    /// the org below the floor the remaining jobs are reported <see cref="SweepOutcome.ApiFloorReached"/> without a
    /// request. When the floor is already reached before listing, <see cref="JobSweeper.PlanAsync"/> throws
    /// <see cref="ApiFloorReachedException"/>. Each job is counted as one request; its retries, when needed, may pass
    /// the floor by those retries.
    /// </summary>
    /// <value>The default is null (no floor).</value>
    public ApiFloor? MinApiRemaining { get; set; }

    /// <summary>The clock for ages and elapsed times.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>; tests use a fake one.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal SweepOptions Validated()
    {
        if (CompleteUploads && TargetState == CloseJobState.Aborted)
        {
            throw new ArgumentException("CompleteUploads applies to a Close sweep: an Abort sweep aborts open uploads instead of completing them.", nameof(CompleteUploads));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxConcurrency, 25, nameof(MaxConcurrency));
        if (PerJobTimeout is { } timeout && timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(PerJobTimeout));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, CloseJobOptions.MaxTimeout, nameof(PerJobTimeout));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        return new SweepOptions
        {
            TargetState = TargetState,
            IncludeRunning = IncludeRunning,
            CompleteUploads = CompleteUploads,
            MaxConcurrency = MaxConcurrency,
            PerJobTimeout = PerJobTimeout == Timeout.InfiniteTimeSpan ? null : PerJobTimeout,
            TimeProvider = TimeProvider,
            MinApiRemaining = MinApiRemaining,
        };
    }
}
