using System.Collections.Concurrent;
using System.Globalization;
using SfBulk.Jobs;
using SfBulk.Limits;
using SfBulk.Watching;

namespace SfBulk.Sweeping;

public partial class JobSweeper
{
    /// <summary>
    /// Makes a plan (a dry run): lists every job, keeps the open ones that match <paramref name="filter"/>, and decides
    /// for each: close, abort, or skip with a reason. Ages are measured on Salesforce's clock (the <c>Date</c> header
    /// of the listing's answers). Unless <see cref="SweepOptions.IncludeRunning"/> is set, each open PK-chunked
    /// Bulk 1.0 job is read (and, when its counts cannot tell, its batch list too) to skip it while its chunk batches
    /// run. Bulk 2.0 ingest jobs still <c>Open</c> are skipped by a Close sweep unless
    /// <see cref="SweepOptions.CompleteUploads"/> is set.
    /// </summary>
    /// <param name="filter">Which open jobs to consider; null considers open jobs older than <see cref="SweepFilter.DefaultOlderThan"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The plan; nothing was changed.</returns>
    /// <exception cref="ArgumentException">The filter's <see cref="SweepFilter.CreatedById"/> is not a 15- or 18-character id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The filter's <see cref="SweepFilter.OlderThan"/> is negative.</exception>
    /// <exception cref="SalesforceRestException">Listing the jobs failed.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<SweepPlan> PlanAsync(SweepFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var f = (filter ?? new SweepFilter()).Copy();
        if (f.CreatedById is { } user && user.Length is not (15 or 18))
        {
            throw new ArgumentException($"CreatedById '{user}' is not a 15- or 18-character user id.", nameof(filter));
        }

        if (f.OlderThan is { } olderThan && olderThan < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(filter), olderThan, "OlderThan must not be negative; TimeSpan.Zero considers jobs of any age.");
        }

        var minimumAge = f.OlderThan is { } age && age > TimeSpan.Zero ? age : (TimeSpan?)null;
        var time = _options.TimeProvider;
        var start = time.GetUtcNow();
        var calls = new ApiCallCounter();
        var clock = new ClockReading(time);
        if (_options.MinApiRemaining is { } floor)
        {
            var guard = new ApiFloorGuard(_client, _client.Connection, floor, time);
            if (!await calls.RunAsync(ct => guard.CanSpendAsync(1, ct).AsTask(), cancellationToken).ConfigureAwait(false))
            {
                throw new ApiFloorReachedException($"The sweep did not start: listing the org's jobs would take it below its floor of remaining API requests: {guard.Describe()}. Nothing was changed.");
            }
        }

        var listFilter = new JobListFilter { JobType = f.JobType, IsPkChunkingEnabled = f.PkChunking == true ? true : null };
        var (open, listed) = await ListAsync(listFilter, job => IsOpen(job) && Matches(job, f), calls, clock.Read, cancellationToken).ConfigureAwait(false);

        // The age filter, on Salesforce's clock: jobs younger than the cutoff are not considered at all.
        DateTimeOffset? cutoff = minimumAge is { } minimum ? (clock.ServerTime ?? start) - minimum : null;
        var considered = new List<(JobInfo Job, string? SkipReason)>(open.Count);
        foreach (var job in open)
        {
            var unknownAge = job.CreatedDate == default;
            if (cutoff is { } c && !unknownAge && job.CreatedDate > c)
            {
                continue;
            }

            considered.Add((job, !JobId.TryNormalize(job.Id, out _, out var idError)
                ? "Malformed job id in the listing, left alone: " + idError
                : cutoff is not null && unknownAge
                    ? "Age unknown: the listing gives no readable createdDate, so the job never matches a minimum age (OlderThan, --older-than). It was left alone."
                    : null));
        }

        // Which open Classic jobs are PK-chunked: known when the list was filtered on it, else one more (short) listing.
        HashSet<string>? chunked = null;
        if (f.PkChunking == true)
        {
            chunked = [.. considered.Select(c => Key(c.Job.Id))];
        }
        else if (f.PkChunking == false || (!_options.IncludeRunning && considered.Any(c => c.SkipReason is null && IsClassic(c.Job) && JobRoutes.IsQuery(c.Job))))
        {
            var pkFilter = new JobListFilter { JobType = BulkJobType.Classic, IsPkChunkingEnabled = true };
            var (pk, _) = await ListAsync(pkFilter, IsOpen, calls, null, cancellationToken).ConfigureAwait(false);
            chunked = [.. pk.Select(j => Key(j.Id))];
        }

        if (f.PkChunking == false && chunked is { } pkJobs)
        {
            considered.RemoveAll(c => pkJobs.Contains(Key(c.Job.Id)));
        }

        var entries = new SweepPlanEntry[considered.Count];
        var toRead = new ConcurrentBag<int>();
        for (var i = 0; i < considered.Count; i++)
        {
            var (job, skipReason) = considered[i];
            bool? isPk = chunked is null || !IsClassic(job) ? null : chunked.Contains(Key(job.Id));
            if (skipReason is not null)
            {
                entries[i] = new SweepPlanEntry(job, IsClassic(job) ? BulkApi.V1 : BulkApi.V2, null, skipReason, isPk, null);
                continue;
            }

            entries[i] = Decide(job, isPk, null);
            if (isPk == true && !_options.IncludeRunning && entries[i].TargetState is not null)
            {
                toRead.Add(i);
            }
        }

        await Parallel.ForEachAsync(
            toRead,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) => entries[i] = await CheckChunksAsync(considered[i].Job, calls, token).ConfigureAwait(false)).ConfigureAwait(false);

        return new SweepPlan(entries, _options.TargetState, listed, calls.Count, start, time.GetUtcNow() - start)
        {
            MinimumAge = minimumAge,
            CreatedBefore = cutoff,
            ServerTime = clock.ServerTime,
            ClockSkew = clock.Skew,
            ApiUsage = _client.Connection.ApiUsage,
        };
    }

    /// <summary>
    /// Reads a PK-chunked job (and its batch list when the counts cannot tell) and judges it as the watcher does:
    /// a job whose chunks still run, or whose original batch is done but whose chunks are not listed yet, is skipped.
    /// </summary>
    private async Task<SweepPlanEntry> CheckChunksAsync(JobInfo listed, ApiCallCounter calls, CancellationToken cancellationToken)
    {
        try
        {
            var job = await calls.RunAsync(ct => _client.GetJobAsync(listed.Id, BulkApi.V1, ct), cancellationToken).ConfigureAwait(false);
            var pending = Pending(job.NumberBatchesQueued, job.NumberBatchesInProgress);
            var verdict = JobVerdicts.Judge(job, isV1: true);
            string? why = null;
            if (verdict == JobVerdict.Running)
            {
                why = job.NumberBatchesTotal <= 0
                    ? "no batch added yet (the query batch that starts the chunking may be about to be added)"
                    : string.Create(CultureInfo.InvariantCulture, $"{pending} of {job.NumberBatchesTotal} batches queued or in progress ({job.NumberBatchesCompleted} completed)");
            }
            else if (verdict == JobVerdict.NeedsBatchList)
            {
                var batches = await calls.RunAsync(ct => _client.GetBatchesAsync(listed.Id, ct), cancellationToken).ConfigureAwait(false);
                if (JobVerdicts.Judge(batches) == JobVerdict.Running)
                {
                    pending = batches.Count(b => b.State == BatchState.Queued || b.State == BatchState.InProgress);
                    why = pending > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"its batch list shows {pending} batches queued or in progress")
                        : "its original batch is NotProcessed and no chunk batch is listed yet (Salesforce is still creating them)";
                }
            }

            return why is null
                ? Decide(job, true, pending)
                : new SweepPlanEntry(job, BulkApi.V1, null, $"PK-chunked job still running: {why}. Close it once every chunk's results are read, or sweep --include-running (IncludeRunning).", true, pending);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var code = e is SalesforceException s ? s.ErrorCode : e.GetType().Name;
            var reason = $"PK-chunked job: could not check whether its chunk batches still run ({code}): {e.Message}";
            return new SweepPlanEntry(listed, BulkApi.V1, null, reason, true, null);
        }
    }

    /// <summary>Queued plus in-progress batches, each counted only when positive, without overflow.</summary>
    private static int Pending(int queued, int inProgress) =>
        (int)Math.Min(int.MaxValue, (long)Math.Max(0, queued) + Math.Max(0, inProgress));

    private SweepPlanEntry Decide(JobInfo job, bool? isPk, int? pending)
    {
        var api = IsClassic(job) ? BulkApi.V1 : BulkApi.V2;
        var target = _options.TargetState;
        if (IsV2Query(job) && target == CloseJobState.Closed)
        {
            return new(job, api, null, $"Bulk API 2.0 query job ({job.State}): query jobs have no Closed state; abort it to stop it (sweep --abort).", isPk, pending);
        }

        if (api == BulkApi.V2 && job.State == BulkJobState.Open && target == CloseJobState.Closed && !_options.CompleteUploads)
        {
            return new(job, api, null, UploadNotCompletedReason, isPk, pending);
        }

        return new(job, api, target, null, isPk, pending);
    }

    /// <summary>Why a close sweep leaves a Bulk API 2.0 ingest job that is still Open.</summary>
    internal const string UploadNotCompletedReason =
        "Upload not completed: completing it would make Salesforce process a possibly partial upload; abort it with --abort (SweepOptions.TargetState = Aborted), or complete it with --upload-complete (SweepOptions.CompleteUploads).";

    private async Task<(List<JobInfo> Jobs, int Listed)> ListAsync(JobListFilter filter, Func<JobInfo, bool> keep, ApiCallCounter calls, Action<ApiResponse>? answered, CancellationToken cancellationToken)
    {
        var kept = new List<JobInfo>();
        var listed = 0;
        var jobs = _client.ListAllJobsAsync(filter, answered, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (jobs.ConfigureAwait(false))
        {
            while (await calls.RunAsync(() => jobs.MoveNextAsync()).ConfigureAwait(false))
            {
                listed++;
                if (keep(jobs.Current))
                {
                    kept.Add(jobs.Current);
                }
            }
        }

        return (kept, listed);
    }

    private static bool Matches(JobInfo job, SweepFilter f) =>
        (f.Object is not { } obj || string.Equals(job.Object, obj, StringComparison.OrdinalIgnoreCase))
        && (f.Operation is not { } op || job.Operation == op)
        && (f.CreatedById is not { } user || SameUser(job.CreatedById, user))
        && (f.JobType is not { } type || (job.JobType ?? BulkJobType.Classic) == type);

    private static string Key(string? id) => id is null ? string.Empty : id.Length >= 15 ? id[..15] : id;

    /// <summary>Salesforce's clock, read from the first answer of the listing that carries a <c>Date</c> header.</summary>
    private sealed class ClockReading(TimeProvider local)
    {
        public DateTimeOffset? ServerTime { get; private set; }

        public TimeSpan? Skew { get; private set; }

        public void Read(ApiResponse response)
        {
            if (ServerTime is null && ServerDate.Of(response) is { } server)
            {
                var now = local.GetUtcNow();
                ServerTime = server;
                Skew = server - new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            }
        }
    }
}
