using System.Collections.Concurrent;
using System.Globalization;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Sweeping;

public partial class JobSweeper
{
    /// <summary>
    /// Makes a plan (a dry run): lists every job, keeps the open ones that match <paramref name="filter"/>, and decides
    /// for each: close, abort, or skip with a reason. Unless <see cref="SweepOptions.IncludeRunning"/> is set, each
    /// open PK-chunked Bulk 1.0 job is read once to skip it while its chunk batches run.
    /// </summary>
    /// <param name="filter">Which open jobs to consider; null considers every open job.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The plan; nothing was changed.</returns>
    /// <exception cref="ArgumentException">The filter's <see cref="SweepFilter.CreatedById"/> is not a 15- or 18-character id.</exception>
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

        var time = _options.TimeProvider;
        var start = time.GetUtcNow();
        var calls = new ApiCallCounter();
        var listFilter = new JobListFilter { JobType = f.JobType, IsPkChunkingEnabled = f.PkChunking == true ? true : null };
        var (open, listed) = await ListAsync(listFilter, job => IsOpen(job) && Matches(job, f, start), calls, cancellationToken).ConfigureAwait(false);

        // Which open Classic jobs are PK-chunked: known when the list was filtered on it, else one more (short) listing.
        HashSet<string>? chunked = null;
        if (f.PkChunking == true)
        {
            chunked = [.. open.Select(j => Key(j.Id))];
        }
        else if (f.PkChunking == false || (!_options.IncludeRunning && open.Any(j => IsClassic(j) && JobRoutes.IsQuery(j))))
        {
            var pkFilter = new JobListFilter { JobType = BulkJobType.Classic, IsPkChunkingEnabled = true };
            var (pk, _) = await ListAsync(pkFilter, IsOpen, calls, cancellationToken).ConfigureAwait(false);
            chunked = [.. pk.Select(j => Key(j.Id))];
        }

        if (f.PkChunking == false)
        {
            open.RemoveAll(j => chunked!.Contains(Key(j.Id)));
        }

        var entries = new SweepPlanEntry[open.Count];
        var toRead = new ConcurrentBag<int>();
        for (var i = 0; i < open.Count; i++)
        {
            var job = open[i];
            bool? isPk = chunked is null || !IsClassic(job) ? null : chunked.Contains(Key(job.Id));
            entries[i] = Decide(job, isPk, null);
            if (isPk == true && !_options.IncludeRunning)
            {
                toRead.Add(i);
            }
        }

        await Parallel.ForEachAsync(
            toRead,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                try
                {
                    var job = await calls.RunAsync(ct => _client.GetJobAsync(open[i].Id, BulkApi.V1, ct), token).ConfigureAwait(false);
                    entries[i] = Decide(job, true, job.NumberBatchesQueued + job.NumberBatchesInProgress);
                }
                catch (SalesforceRestException e)
                {
                    var reason = $"PK-chunked job: could not check whether its chunk batches still run ({e.ErrorCode}): {e.Message}";
                    entries[i] = new SweepPlanEntry(open[i], BulkApi.V1, SweepDecision.Skip, reason, true, null);
                }
            }).ConfigureAwait(false);

        return new SweepPlan(entries, _options.Action, listed, calls.Count, start, time.GetUtcNow() - start);
    }

    private SweepPlanEntry Decide(JobInfo job, bool? isPk, int? pending)
    {
        var api = IsClassic(job) ? BulkApi.V1 : BulkApi.V2;
        var act = _options.Action == SweepAction.Abort ? SweepDecision.Abort : SweepDecision.Close;
        if (IsV2Query(job) && act == SweepDecision.Close)
        {
            return new(job, api, SweepDecision.Skip, $"Bulk API 2.0 query job ({job.State}): query jobs have no Closed state; abort it to stop it (sweep --abort).", isPk, pending);
        }

        if (pending is > 0 && !_options.IncludeRunning)
        {
            var reason = string.Create(
                CultureInfo.InvariantCulture,
                $"PK-chunked job still running: {pending} of {job.NumberBatchesTotal} batches queued or in progress ({job.NumberBatchesCompleted} completed). Close it once every chunk's results are read, or sweep --include-running.");
            return new(job, api, SweepDecision.Skip, reason, isPk, pending);
        }

        return new(job, api, act, null, isPk, pending);
    }

    private async Task<(List<JobInfo> Jobs, int Listed)> ListAsync(JobListFilter filter, Func<JobInfo, bool> keep, ApiCallCounter calls, CancellationToken cancellationToken)
    {
        var kept = new List<JobInfo>();
        var listed = 0;
        var jobs = _client.GetAllJobsAsync(filter, cancellationToken).GetAsyncEnumerator(cancellationToken);
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

    private static bool Matches(JobInfo job, SweepFilter f, DateTimeOffset now) =>
        (f.OlderThan is not { } age || job.CreatedDate <= now - age)
        && (f.Object is not { } obj || string.Equals(job.Object, obj, StringComparison.OrdinalIgnoreCase))
        && (f.Operation is not { } op || job.Operation == op)
        && (f.CreatedById is not { } user || SameUser(job.CreatedById, user))
        && (f.JobType is not { } type || (job.JobType ?? BulkJobType.Classic) == type);

    private static string Key(string id) => id.Length >= 15 ? id[..15] : id;
}
