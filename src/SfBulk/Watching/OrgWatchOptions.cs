using SfBulk.Limits;
using SfBulk.Sweeping;

namespace SfBulk.Watching;

/// <summary>How an <see cref="OrgWatcher"/> finds, follows and closes jobs; copied when the watcher is created.</summary>
public sealed class OrgWatchOptions
{
    /// <summary>The minimum age a job needs before the watcher considers it, unless <see cref="Filter"/> says otherwise: 1 hour, as for a sweep.</summary>
    public static readonly TimeSpan DefaultMinimumAge = SweepFilter.DefaultOlderThan;

    /// <summary>
    /// Which open jobs to follow: object, operation, creator, job type, PK chunking and minimum age
    /// (<see cref="SweepFilter.OlderThan"/>, measured from the job's <c>createdDate</c> on Salesforce's clock, the
    /// <c>Date</c> header of the listing). A job younger than the
    /// minimum age is never read nor touched; it is picked up once it is old enough.
    /// </summary>
    /// <value>The default follows Bulk 1.0 jobs with PK chunking at least 1 hour old.</value>
    public SweepFilter Filter { get; set; } = new() { JobType = BulkJobType.Classic, PkChunking = true, OlderThan = DefaultMinimumAge };

    /// <summary>Closes each job (Bulk 1.0 <c>Closed</c>) as soon as every batch that will run has finished.</summary>
    /// <value>The default is false: finished jobs are reported and left open.</value>
    public bool CloseWhenDone { get; set; }

    /// <summary>Ends the watch once no matching open job is left to follow, instead of running until cancelled.</summary>
    /// <value>The default is false.</value>
    public bool StopWhenIdle { get; set; }

    /// <summary>
    /// The shortest pause between two reads of a job none of whose batches has finished yet (such a job is read again
    /// when it has run as long again, at least this much later).
    /// </summary>
    /// <value>The default is 2 seconds. Must be positive.</value>
    public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest pause between two listings: it bounds how long a new job goes unseen (and how late a job that
    /// starts and finishes within that time is closed). Listings come at this interval, shortened to the shortest run
    /// (created to last batch) of the last 20 matching jobs the watcher saw finish, never below 10 seconds, so jobs
    /// as short as those are found while they run.
    /// </summary>
    /// <value>The default is 30 seconds. Must be at least <see cref="InitialInterval"/> and <see cref="FinishInterval"/>.</value>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The spacing of looks at a job expected to finish any moment, as <see cref="WatchOptions.FinishInterval"/>.</summary>
    /// <value>The default is 2 seconds. Must be positive.</value>
    public TimeSpan FinishInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A followed job is read at least this often: the longest pause its own progress may plan between two reads, and
    /// the longest a listing that shows no change to it (its <c>systemModstamp</c>) may stand for a read.
    /// </summary>
    /// <value>The default is 10 minutes. Must be at least <see cref="MaxInterval"/>.</value>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How much long pauses are shortened at random (0 to 0.5), as <see cref="WatchOptions.Jitter"/>.</summary>
    /// <value>The default is 0.1.</value>
    public double Jitter { get; set; } = 0.1;

    /// <summary>The seed of the jitter's random numbers, for repeatable runs; null seeds at random.</summary>
    /// <value>The default is null.</value>
    public int? JitterSeed { get; set; }

    /// <summary>
    /// How many listings or reads in a row may fail with a transient error (no response, 5xx, request limit) before
    /// the watch gives up and throws; each failure is reported and retried after a growing pause.
    /// </summary>
    /// <value>The default is 5. Must be at least 0.</value>
    public int MaxConsecutiveFailures { get; set; } = 5;

    /// <summary>
    /// The fewest daily API requests the watch leaves the org: before every listing or read it checks that the org's
    /// remaining requests stay at or above it after that request (and the close it keeps in reserve with
    /// <see cref="CloseWhenDone"/>), and otherwise ends with <see cref="OrgWatchStopReason.SpendLimit"/>, leaving every
    /// job as it is. The remaining requests come from the <c>Sforce-Limit-Info</c> header of the listings (no extra
    /// call); the limits resource is read only when no answer carried the header yet or the last one is over 10
    /// minutes old, as for <see cref="WatchOptions.MinApiRemaining"/>.
    /// </summary>
    /// <value>The default is null (no floor).</value>
    public ApiFloor? MinApiRemaining { get; set; }

    /// <summary>The clock for pauses, ages and elapsed times.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>; tests use a fake one.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal TimeSpan MinimumAge => Filter.OlderThan ?? TimeSpan.Zero;

    internal OrgWatchOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(Filter, nameof(Filter));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialInterval, TimeSpan.Zero, nameof(InitialInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FinishInterval, TimeSpan.Zero, nameof(FinishInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInterval, InitialInterval, nameof(MaxInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInterval, FinishInterval, nameof(MaxInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(RefreshInterval, MaxInterval, nameof(RefreshInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(Jitter, 0, nameof(Jitter));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Jitter, 0.5, nameof(Jitter));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConsecutiveFailures, nameof(MaxConsecutiveFailures));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        if (Filter.OlderThan is { } age)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero, nameof(Filter) + "." + nameof(SweepFilter.OlderThan));
        }

        if (Filter.PkChunking == false)
        {
            throw new ArgumentException("Filter.PkChunking = false is not supported by the org watcher: leave it null (any job) or true (PK-chunked jobs only).", nameof(Filter));
        }

        if (Filter.CreatedById is { } user && user.Length is not (15 or 18))
        {
            throw new ArgumentException($"Filter.CreatedById '{user}' is not a 15- or 18-character user id.", nameof(Filter));
        }

        return new OrgWatchOptions
        {
            Filter = Filter.Copy(),
            CloseWhenDone = CloseWhenDone,
            StopWhenIdle = StopWhenIdle,
            InitialInterval = InitialInterval,
            MaxInterval = MaxInterval,
            FinishInterval = FinishInterval,
            RefreshInterval = RefreshInterval,
            Jitter = Jitter,
            JitterSeed = JitterSeed,
            MaxConsecutiveFailures = MaxConsecutiveFailures,
            MinApiRemaining = MinApiRemaining,
            TimeProvider = TimeProvider,
        };
    }

    /// <summary>The single-job planner's settings, for the per-job <see cref="PollPlanner"/>.</summary>
    internal WatchOptions PlannerOptions(int? seed) => new()
    {
        InitialInterval = InitialInterval,

        // A job's own looks follow its progress, up to the refresh interval: the listings in between show when its
        // batches stop changing earlier than planned.
        MaxInterval = RefreshInterval,
        FinishInterval = FinishInterval,
        Jitter = Jitter,
        JitterSeed = seed,
        TimeProvider = TimeProvider,
    };
}
