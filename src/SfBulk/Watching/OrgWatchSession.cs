using System.Globalization;
using SfBulk.Http;
using SfBulk.Models;
using SfBulk.Sweeping;

namespace SfBulk.Watching;

/// <summary>
/// The state of one org watch: lists the org's jobs once per interval, follows the matching open ones, reads a job
/// only when the listing cannot answer (it changed and is due for a look), and closes each when its batches finish.
/// </summary>
internal sealed partial class OrgWatchSession
{
    private const double Growth = 1.5;

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
    private int _listFailures;
    private int _idleCycles;
    private int _planners;
    private DateTimeOffset _nextListingAt;
    private DateTimeOffset? _wakeAt;
    private DateTimeOffset? _serverNow;

    public OrgWatchSession(BulkJobClient client, OrgWatcher watcher, OrgWatchOptions options)
    {
        _client = client;
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
    public OrgWatchReport Report(OrgWatchStopReason reason) =>
        new(reason, [.. _ended], [.. _jobs.Values.Select(j => j.Id)], _calls.Count, _listings, _reads, _time.GetUtcNow() - _start);

    /// <summary>Ends the following of every job (their gauge goes back down) when the watch stops.</summary>
    public void Release() => OrgWatchMetrics.JobsWatched.Add(-_jobs.Count);

    private async Task<OrgWatchReport?> RunCycleAsync(List<OrgWatchEvent> events, CancellationToken cancellationToken)
    {
        if (!await _watcher.CanSpendAsync(_calls.Count, cancellationToken).ConfigureAwait(false))
        {
            return Report(OrgWatchStopReason.SpendLimit);
        }

        var now = _time.GetUtcNow();
        var due = _jobs.Values.Where(j => j.NextLookAt <= now).ToList();
        if (now < _nextListingAt && due.Count == 1)
        {
            // One job due and no listing due: reading it straight away costs one call, a listing first would cost two
            // whenever the job changed.
            await LookAsync(due[0], events, cancellationToken, listed: false).ConfigureAwait(false);
            if (_jobs.Count == 0)
            {
                // The last followed job ended: list now, to follow the next ones (or to stop when idle).
                _nextListingAt = _time.GetUtcNow();
            }

            PlanNextCycle(_wakeAt);
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
        _wakeAt = Follow(listed, now, events);
        foreach (var job in _jobs.Values.Where(j => j.IsDue(now)).OrderBy(j => j.NextLookAt).ToList())
        {
            await LookAsync(job, events, cancellationToken, listed: true).ConfigureAwait(false);
        }

        now = _time.GetUtcNow();
        _nextListingAt = now + (_jobs.Count == 0 ? Grow(_options.InitialInterval, _idleCycles++) : _options.MaxInterval);
        if (_jobs.Count > 0)
        {
            _idleCycles = 0;
        }

        if (_options.StopWhenIdle && _jobs.Count == 0)
        {
            return Report(OrgWatchStopReason.Idle);
        }

        PlanNextCycle(_wakeAt);
        return null;
    }

    /// <summary>
    /// Matches the listing against the followed jobs: drops those someone else closed, aborted or that failed,
    /// follows new matching open jobs, and notes the stamps. Returns when the next young job comes of age.
    /// </summary>
    private DateTimeOffset? Follow(List<JobInfo> listed, DateTimeOffset now, List<OrgWatchEvent> events)
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

        DateTimeOffset? wakeAt = null;
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
                var localWake = now + (ofAge - salesforceNow);
                wakeAt = wakeAt is { } w && w < localWake ? w : localWake;
                continue;
            }

            var watched = new WatchedJob(job, new PollPlanner(_options.PlannerOptions(_options.JitterSeed is { } seed ? seed + _planners++ : null)), now);
            _jobs[key] = watched;
            OrgWatchMetrics.JobsWatched.Add(1);
            events.Add(Event(OrgWatchEventKind.Seen, job, string.Create(CultureInfo.InvariantCulture, $"Following job {job.Id} ({job.Operation} on {job.Object}, created {job.CreatedDate:yyyy-MM-dd HH:mm:ss}Z).")));
            if (!watched.IsV1)
            {
                JudgeListedV2(key, watched, job, events);
            }
        }

        return wakeAt;
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
            ? watched.CloseSent
                ? Closed(record, null, "The job was closed.")
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

    /// <summary>The next listing: when the earliest followed job is due, a young job comes of age, or the idle pause ends.</summary>
    private void PlanNextCycle(DateTimeOffset? wakeAt)
    {
        var now = _time.GetUtcNow();
        var next = _nextListingAt;
        foreach (var job in _jobs.Values)
        {
            next = job.NextLookAt < next ? job.NextLookAt : next;
        }

        next = wakeAt is { } w && w < next ? w : next;
        var soonest = now + TimeSpan.FromMilliseconds(1);
        _nextCycleAt = next < soonest ? soonest : next;
    }

    private async Task<List<JobInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var jobs = new List<JobInfo>();
        _serverNow = null;
        var listFilter = new JobListFilter { JobType = _filter.JobType, IsPkChunkingEnabled = _filter.PkChunking == true ? true : null };
        foreach (var queryList in Lists())
        {
            var pages = _client.GetJobsOnListAsync(queryList, listFilter, r => _serverNow = ServerDate.Of(r) ?? _serverNow, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (pages.ConfigureAwait(false))
            {
                while (await _calls.RunAsync(() => pages.MoveNextAsync()).ConfigureAwait(false))
                {
                    jobs.Add(pages.Current);
                }
            }
        }

        _listings++;
        OrgWatchMetrics.Listings.Add(1);
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
