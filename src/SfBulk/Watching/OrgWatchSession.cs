using System.Globalization;
using SfBulk.Jobs;
using SfBulk.Sweeping;

namespace SfBulk.Watching;

/// <summary>
/// The state of one org watch: lists the org's jobs once per interval, follows the matching open ones, reads a job
/// only when the listing cannot answer (it changed and is due for a look), and closes each when its batches finish.
/// </summary>
internal sealed partial class OrgWatchSession
{
    private const double Growth = 1.5;

    /// <summary>How many recent runs (created to last batch) of finished jobs the listing interval learns from.</summary>
    private const int RunsRemembered = 20;

    /// <summary>The listing interval never shrinks below this for short jobs it has seen.</summary>
    private static readonly TimeSpan ShortestListingInterval = TimeSpan.FromSeconds(10);

    /// <summary>A read within this of the job's whole-second stamp may miss a change stamped in the same second.</summary>
    private static readonly TimeSpan StampResolution = TimeSpan.FromSeconds(1);

    private readonly BulkJobClient _client;
    private readonly OrgWatcher _watcher;
    private readonly OrgWatchOptions _options;
    private readonly SweepFilter _filter;
    private readonly TimeProvider _time;
    private readonly ApiCallCounter _calls = new();
    private readonly DateTimeOffset _start;
    private readonly Dictionary<string, WatchedJob> _jobs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly List<OrgWatchEvent> _ended = [];
    private DateTimeOffset _nextCycleAt;
    private long _callsReported;
    private int _listings;
    private int _reads;
    private readonly Dictionary<string, (JobInfo Job, DateTimeOffset OfAgeAt)> _young = new(StringComparer.Ordinal);
    private readonly Queue<TimeSpan> _runs = new();
    private int _listFailures;
    private int _planners;
    private DateTimeOffset _nextListingAt;
    private DateTimeOffset _lastListingAt;
    private DateTimeOffset? _serverNow;
    private TimeSpan _clockSkew;

    public OrgWatchSession(BulkJobClient client, OrgWatcher watcher, OrgWatchOptions options)
    {
        // Every request of the watch goes through this copy, which counts it.
        _client = client.CountingOn(_calls);
        _watcher = watcher;
        _options = options;
        _filter = options.Filter;
        _time = options.TimeProvider;
        _start = _time.GetUtcNow();
        _nextCycleAt = _start;
    }

    /// <summary>API requests sent so far.</summary>
    public long CallsUsed => _calls.Count;

    /// <summary>Waits until the next listing is due.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = _nextCycleAt - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One interval: a listing, the reads and closes it calls for, and the next listing planned; returns the report when the watch ends.</summary>
    public async Task<OrgWatchReport?> CycleAsync(List<OrgWatchEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            return await RunCycleAsync(events, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            var calls = _calls.Count;
            OrgWatchMetrics.ApiCalls.Add(calls - _callsReported);
            _callsReported = calls;
        }
    }

    /// <summary>What the watch did so far, ending for <paramref name="reason"/>.</summary>
    public OrgWatchReport Report(OrgWatchStopReason reason, string? detail = null) =>
        new(reason, [.. _ended], [.. _jobs.Values.Select(j => j.Id)], _calls.Count, _listings, _reads, _time.GetUtcNow() - _start, detail);

    /// <summary>Ends the following of every job (their gauge goes back down) when the watch stops.</summary>
    public void Release() => OrgWatchMetrics.JobsWatched.Add(-_jobs.Count);

    private async Task<OrgWatchReport?> RunCycleAsync(List<OrgWatchEvent> events, CancellationToken cancellationToken)
    {
        if (!await _watcher.CanSpendAsync(_calls.Count, cancellationToken).ConfigureAwait(false))
        {
            return Report(OrgWatchStopReason.SpendLimit, _watcher.DescribeSpendLimit());
        }

        var now = _time.GetUtcNow();
        if (now < _nextListingAt)
        {
            // Between listings: only the jobs whose own progress says they are due are read, and young jobs that came
            // of age are followed from what the last listing showed of them.
            FollowOfAge(now, events);
            foreach (var job in _jobs.Values.Where(j => j.NextLookAt <= now).OrderBy(j => j.NextLookAt).ToList())
            {
                await LookAsync(job, events, cancellationToken).ConfigureAwait(false);
            }

            if (_jobs.Count == 0 && _options.StopWhenIdle)
            {
                // The last followed job ended: list now, to stop when idle (or to follow the next ones).
                _nextListingAt = _time.GetUtcNow();
            }

            PlanNextCycle();
            return null;
        }

        List<JobInfo> listed;
        try
        {
            listed = await ListAsync(cancellationToken).ConfigureAwait(false);
            _listFailures = 0;
        }
        catch (Exception e) when (WatchSession.IsTransient(e, cancellationToken) && _listFailures < _options.MaxConsecutiveFailures)
        {
            _listFailures++;
            var pause = Grow(_options.FinishInterval, _listFailures - 1);
            events.Add(Event(OrgWatchEventKind.Retrying, null, string.Create(CultureInfo.InvariantCulture, $"Listing the jobs failed ({_listFailures} in a row); trying again in {pause.TotalSeconds:0.#} s: {e.Message}")) with { Error = e });
            _nextCycleAt = _time.GetUtcNow() + pause;
            return null;
        }

        now = _time.GetUtcNow();
        _lastListingAt = now;
        _nextListingAt = now + ListingInterval;
        Follow(listed, now, events);
        foreach (var job in _jobs.Values.Where(j => j.IsV1).OrderBy(j => j.NextLookAt).ToList())
        {
            if (ListingAnswers(job, now))
            {
                // The listing shows nothing changed since the last read: no batch started or ended, so no chunk has
                // finished yet either. The look is done without a read.
                PlanAwaitingFirstChunk(job, now);
            }
            else if (job.NextLookAt <= now || ListingCallsForRead(job))
            {
                await LookAsync(job, events, cancellationToken).ConfigureAwait(false);
            }
        }

        if (_options.StopWhenIdle && _jobs.Count == 0)
        {
            return Report(OrgWatchStopReason.Idle);
        }

        PlanNextCycle();
        return null;
    }

    /// <summary>
    /// The pause between two listings: <see cref="OrgWatchOptions.MaxInterval"/>, shortened to the shortest run the
    /// watcher has seen of a matching job (created to last batch), so jobs as short as those are found while they run
    /// — never below <see cref="ShortestListingInterval"/>.
    /// </summary>
    private TimeSpan ListingInterval
    {
        get
        {
            var interval = _options.MaxInterval;
            foreach (var run in _runs)
            {
                interval = run < interval ? run : interval;
            }

            var floor = ShortestListingInterval < _options.MaxInterval ? ShortestListingInterval : _options.MaxInterval;
            return interval < floor ? floor : interval;
        }
    }

    /// <summary>
    /// True when a listing answers a look at a job still waiting for its first chunk to finish: it is due (or half its
    /// pause is gone), and its listed stamp has not moved since the last read, which was not within the stamp's
    /// one-second resolution of a change, nor longer ago than <see cref="OrgWatchOptions.RefreshInterval"/>.
    /// </summary>
    private bool ListingAnswers(WatchedJob job, DateTimeOffset now) =>
        job.AwaitsFirstChunk && job.IsDue(now) && job.ReadAt is { } readAt && !job.StampAmbiguous
        && job.ListedStamp == job.ReadStamp && now - readAt < _options.RefreshInterval;

    /// <summary>
    /// True when the listing shows something the last read cannot know: the first chunk may have finished (the stamp of
    /// a job waiting for it moved), or the stamp of a running job stopped moving for longer than a batch takes, so
    /// its batches may all have finished before the planner expected.
    /// </summary>
    private bool ListingCallsForRead(WatchedJob job)
    {
        if (job.ReadAt is null)
        {
            return true;
        }

        if (job.AwaitsFirstChunk)
        {
            return job.StampAmbiguous || job.ListedStamp != job.ReadStamp;
        }

        return _serverNow is { } serverNow && job.ListedStamp != job.ReadStamp
            && job.Planner.BatchTime is { } d && serverNow - job.ListedStamp > (d * 1.5) + StampResolution + StampResolution;
    }

    /// <summary>
    /// Matches the listing against the followed jobs: drops those someone else closed, aborted or that failed,
    /// follows new matching open jobs (or notes when young ones come of age), and notes the stamps.
    /// </summary>
    private void Follow(List<JobInfo> listed, DateTimeOffset now, List<OrgWatchEvent> events)
    {
        var byKey = new Dictionary<string, JobInfo>(StringComparer.Ordinal);
        foreach (var job in listed)
        {
            byKey.TryAdd(Key(job.Id), job);
        }

        foreach (var (key, watched) in _jobs.ToList())
        {
            if (!byKey.TryGetValue(key, out var record))
            {
                End(key, Event(OrgWatchEventKind.Unreadable, watched.Job, $"Job {watched.Id} is no longer listed (deleted?); it is no longer followed."), events);
                continue;
            }

            watched.ListedStamp = record.SystemModstamp;
            if (!watched.IsV1)
            {
                JudgeListedV2(key, watched, record, events);
            }
            else if (record.State != BulkJobState.Open)
            {
                EndNotOpen(key, watched, record, events);
            }
        }

        _young.Clear();
        var minimumAge = _options.MinimumAge;
        foreach (var job in listed)
        {
            var key = Key(job.Id);
            if (!IsOpen(job) || !Matches(job) || _jobs.ContainsKey(key) || _finished.Contains(key))
            {
                continue;
            }

            // Ages on Salesforce's clock (the listing's Date header), as the sweep measures them; the local clock without it.
            var ofAge = job.CreatedDate + minimumAge;
            var salesforceNow = _serverNow ?? now;
            if (ofAge > salesforceNow)
            {
                _young[key] = (job, now + (ofAge - salesforceNow));
                continue;
            }

            Start(key, job, now, events);
        }
    }

    /// <summary>Follows the young jobs that came of age since the last listing, as that listing showed them.</summary>
    private void FollowOfAge(DateTimeOffset now, List<OrgWatchEvent> events)
    {
        foreach (var (key, (job, ofAgeAt)) in _young.ToList())
        {
            if (ofAgeAt <= now)
            {
                _young.Remove(key);
                Start(key, job, now, events);
            }
        }
    }

    private void Start(string key, JobInfo job, DateTimeOffset now, List<OrgWatchEvent> events)
    {
        var watched = new WatchedJob(job, new PollPlanner(_options.PlannerOptions(_options.JitterSeed is { } seed ? seed + _planners++ : null)), now);
        _jobs[key] = watched;
        OrgWatchMetrics.JobsWatched.Add(1);
        events.Add(Event(OrgWatchEventKind.Seen, job, string.Create(CultureInfo.InvariantCulture, $"Following job {job.Id} ({job.Operation} on {job.Object}, created {job.CreatedDate:yyyy-MM-dd HH:mm:ss}Z).")));
        if (!watched.IsV1)
        {
            JudgeListedV2(key, watched, job, events);
        }
    }

    /// <summary>A Bulk 2.0 job is judged from its listed state alone; it has nothing to close.</summary>
    private void JudgeListedV2(string key, WatchedJob watched, JobInfo record, List<OrgWatchEvent> events)
    {
        watched.Job = record;
        watched.Plan(_time.GetUtcNow(), TimeSpan.MaxValue);
        switch (JobVerdicts.Judge(record, isV1: false))
        {
            case JobVerdict.Done:
                End(key, Event(OrgWatchEventKind.Finished, record, $"Bulk API 2.0 job {record.Id} is complete; a 2.0 job has nothing to close.") with { FinishedAt = record.SystemModstamp }, events);
                break;
            case JobVerdict.WaitingForUpload:
                End(key, Event(OrgWatchEventKind.WaitingForUpload, record, $"Bulk API 2.0 ingest job {record.Id} is Open: it waits for its upload to be marked complete, which this watcher never does; it is no longer followed."), events);
                break;
            case JobVerdict.Aborted:
            case JobVerdict.Failed:
                EndNotOpen(key, watched, record, events);
                break;
        }
    }

    private void EndNotOpen(string key, WatchedJob watched, JobInfo record, List<OrgWatchEvent> events)
    {
        var ended = record.State == BulkJobState.Closed
            ? watched.SentClose is { } sent
                ? Closed(record, null, sent)
                : Event(OrgWatchEventKind.ClosedByOthers, record, $"Job {record.Id} was closed by someone else; it is no longer followed.")
            : record.State == BulkJobState.Aborted
                ? Event(OrgWatchEventKind.AbortedByOthers, record, $"Job {record.Id} was aborted by someone else; it is no longer followed.")
                : record.State == BulkJobState.Failed
                    ? Event(OrgWatchEventKind.JobFailed, record, $"Job {record.Id} failed{(record.ErrorMessage is { } m ? ": " + m : ".")} It is no longer followed.")
                    : Event(OrgWatchEventKind.Finished, record, $"Job {record.Id} is {record.State}; it is no longer followed.");
        End(key, ended, events);
    }

    private void End(string key, OrgWatchEvent ended, List<OrgWatchEvent> events)
    {
        _jobs.Remove(key);
        _finished.Add(key);
        _ended.Add(ended);
        events.Add(ended);
        OrgWatchMetrics.JobsWatched.Add(-1);
        OrgWatchMetrics.JobsEnded.Add(1, new KeyValuePair<string, object?>("kind", ended.Kind.ToString()));
        if (ended.Kind is OrgWatchEventKind.Closed || (ended.Kind is OrgWatchEventKind.ChunkingFailed && ended.Close is not null))
        {
            OrgWatchMetrics.JobsClosed.Add(1);
        }
    }

    /// <summary>The next cycle: the next listing, or earlier when a followed job is due or a young job comes of age.</summary>
    private void PlanNextCycle()
    {
        var now = _time.GetUtcNow();
        var next = _nextListingAt;
        foreach (var job in _jobs.Values)
        {
            next = job.NextLookAt < next ? job.NextLookAt : next;
        }

        foreach (var (_, ofAgeAt) in _young.Values)
        {
            next = ofAgeAt < next ? ofAgeAt : next;
        }

        var soonest = now + TimeSpan.FromMilliseconds(1);
        _nextCycleAt = next < soonest ? soonest : next;
    }

    /// <summary>
    /// Plans the next look at a job none of whose batches has finished yet, so nothing tells how long its batches take:
    /// as long again as the job has run (its age doubles between looks, so a look lands before its third batch wave
    /// ends whenever its batches take longer than chunking did), at least <see cref="OrgWatchOptions.InitialInterval"/>
    /// and at most one listing interval — a listing in between shows whether anything changed. A look due shortly
    /// before a listing waits for it.
    /// </summary>
    private void PlanAwaitingFirstChunk(WatchedJob job, DateTimeOffset now)
    {
        var age = now + _clockSkew - job.Job.CreatedDate;
        var cap = ListingInterval;
        var delay = age < _options.InitialInterval ? _options.InitialInterval : age > cap ? cap : age;
        var due = now + delay;
        if (_nextListingAt >= due && _nextListingAt - due <= delay / 2)
        {
            due = _nextListingAt;
        }

        job.Plan(now, due - now);
    }

    /// <summary>Remembers how long a finished job ran (created to last batch), to list often enough to find jobs as short.</summary>
    private void LearnRun(JobInfo job)
    {
        var run = job.SystemModstamp - job.CreatedDate;
        if (run <= TimeSpan.Zero)
        {
            return;
        }

        _runs.Enqueue(run);
        if (_runs.Count > RunsRemembered)
        {
            _runs.Dequeue();
        }

        // A shorter run than any seen brings the next listing forward.
        var next = _lastListingAt + ListingInterval;
        _nextListingAt = next < _nextListingAt ? next : _nextListingAt;
    }

    private async Task<List<JobInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var jobs = new List<JobInfo>();
        _serverNow = null;
        var localNow = _time.GetUtcNow();
        var listFilter = new JobListFilter { JobType = _filter.JobType, IsPkChunkingEnabled = _filter.PkChunking == true ? true : null };
        foreach (var queryList in Lists())
        {
            var pages = _client.GetJobsOnListAsync(queryList, listFilter, r => _serverNow = ServerDate.Of(r) ?? _serverNow, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (pages.ConfigureAwait(false))
            {
                while (await pages.MoveNextAsync().ConfigureAwait(false))
                {
                    jobs.Add(pages.Current);
                }
            }
        }

        _listings++;
        OrgWatchMetrics.Listings.Add(1);
        if (_serverNow is { } serverNow)
        {
            _clockSkew = serverNow - localNow;
        }

        return jobs;
    }

    /// <summary>The query list holds every Bulk 1.0 job and every 2.0 query job; the ingest list is read only for 2.0 ingest jobs.</summary>
    private bool[] Lists() =>
        _filter.JobType == BulkJobType.Classic || _filter.JobType == BulkJobType.V2Query || _filter.PkChunking == true ? [true]
        : _filter.JobType == BulkJobType.V2Ingest || _filter.JobType == BulkJobType.BigObjectIngest ? [false]
        : [true, false];

    private bool Matches(JobInfo job) =>
        (_filter.Object is not { } obj || string.Equals(job.Object, obj, StringComparison.OrdinalIgnoreCase))
        && (_filter.Operation is not { } op || job.Operation == op)
        && (_filter.CreatedById is not { } user || SameUser(job.CreatedById, user))
        && (_filter.JobType is not { } type || (job.JobType ?? BulkJobType.Classic) == type);

    /// <summary>Open in the sense of the sweep: Bulk 1.0 and 2.0 ingest <c>Open</c>; a 2.0 query job still running.</summary>
    private static bool IsOpen(JobInfo job) => job.JobType == BulkJobType.V2Query
        ? job.State == BulkJobState.UploadComplete || job.State == BulkJobState.InProgress
        : job.State == BulkJobState.Open;

    private static bool SameUser(string createdById, string wanted) =>
        createdById.Length >= 15 && wanted.Length >= 15 && string.Equals(createdById[..15], wanted[..15], StringComparison.Ordinal);

    private static string Key(string id) => id.Length >= 15 ? id[..15] : id;

    private OrgWatchEvent Event(OrgWatchEventKind kind, JobInfo? job, string message) => new(kind, job, _time.GetUtcNow(), message, _calls.Count);

    private TimeSpan Grow(TimeSpan first, int steps)
    {
        var value = first * Math.Pow(Growth, Math.Min(steps, 30));
        return value > _options.MaxInterval ? _options.MaxInterval : value;
    }
}
