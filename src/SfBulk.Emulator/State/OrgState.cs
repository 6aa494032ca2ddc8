using System.Collections.Concurrent;
using SfBulk.Emulator.Fidelity;
using SfBulk.Emulator.Identity;
using SfBulk.Emulator.Allocations;
using SfBulk.Emulator.Time;

namespace SfBulk.Emulator.State;

/// <summary>
/// Everything the emulated org holds: users, sessions and bulk jobs. One instance per emulator; endpoint areas
/// receive it through dependency injection. Jobs are locked one at a time through <see cref="EmulatedJob.Gate"/>.
/// </summary>
internal sealed class OrgState
{
    private readonly ConcurrentDictionary<string, EmulatedJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Every job ever added, in creation order (by sequence), for listing pages without sorting the org.</summary>
    private readonly List<EmulatedJob> _inOrder = [];
    private readonly Lock _inOrderGate = new();
    private volatile EmulatorVariants _variants;
    private long _jobSequence;
    private long _batchSequence;
    private long _resultSequence;
    private long _recordSequence;

    public OrgState(EmulatorOptions options, EmulatorClock clock)
    {
        Options = options;
        Clock = clock;
        OrgId = SalesforceIds.Create(SalesforceIds.OrgPrefix, 7, "R0");
        var users = new List<EmulatedUser>
        {
            new(SalesforceIds.Create(SalesforceIds.UserPrefix, 1), options.Username, options.Password, options.SecurityToken, "Emulator Admin"),
        };
        var next = 2;
        foreach (var (username, password) in options.AdditionalUsers)
        {
            users.Add(new(SalesforceIds.Create(SalesforceIds.UserPrefix, next++), username, password, null, username.Split('@')[0]));
        }

        Users = users;
        _variants = options.Variants ?? new EmulatorVariants();
        Sessions = new SessionStore(clock, options.SessionIdleTimeout, OrgId[..15]);
        Allocations = new OrgAllocations(clock, options.AllocationMaxima.AsReadOnly());
    }

    /// <summary>The org's rolling 24-hour allocations (API requests, batches, query jobs).</summary>
    public OrgAllocations Allocations { get; }

    public EmulatorOptions Options { get; }

    /// <summary>The variants in force (docs/fidelity.md); replaced whole through the control surface.</summary>
    public EmulatorVariants Variants
    {
        get => _variants;
        set => _variants = value ?? throw new ArgumentNullException(nameof(value));
    }

    public EmulatorClock Clock { get; }

    /// <summary>The org id (00D prefix, 18 characters).</summary>
    public string OrgId { get; }

    public IReadOnlyList<EmulatedUser> Users { get; }

    public EmulatedUser DefaultUser => Users[0];

    public SessionStore Sessions { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public EmulatedUser? FindUser(string username) =>
        Users.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));

    /// <summary>A new job id.</summary>
    /// <exception cref="EmulatedOrgFullException">The org already holds <see cref="EmulatorOptions.MaxJobs"/> jobs.</exception>
    public string NewJobId(out long sequence)
    {
        sequence = Reserve(ref _jobSequence, Options.MaxJobs, "jobs", nameof(EmulatorOptions.MaxJobs));
        return SalesforceIds.Create(SalesforceIds.JobPrefix, sequence);
    }

    /// <summary>A new batch id.</summary>
    /// <exception cref="EmulatedOrgFullException">The org already holds <see cref="EmulatorOptions.MaxBatches"/> batches.</exception>
    public string NewBatchId() => SalesforceIds.Create(SalesforceIds.BatchPrefix, Reserve(ref _batchSequence, Options.MaxBatches, "batches", nameof(EmulatorOptions.MaxBatches)));

    /// <summary>How many more jobs the org can take (jobs ever created count, deleted ones too).</summary>
    public long JobsLeft => Math.Max(0, Options.MaxJobs - Interlocked.Read(ref _jobSequence));

    public string NewResultId() => SalesforceIds.Create(SalesforceIds.ResultPrefix, Interlocked.Increment(ref _resultSequence));

    /// <summary>A new record id for <paramref name="keyPrefix"/> (e.g. 001 for an Account created by an insert).</summary>
    public string NewRecordId(string keyPrefix) => SalesforceIds.Create(keyPrefix, 1_000_000 + Interlocked.Increment(ref _recordSequence), "R0");

    /// <summary>Adds a new job (once per job).</summary>
    public void AddJob(EmulatedJob job)
    {
        if (!_jobs.TryAdd(job.Id, job))
        {
            throw new InvalidOperationException($"Job {job.Id} was added twice.");
        }

        lock (_inOrderGate)
        {
            // Jobs are added nearly in sequence order (two requests may finish creating theirs out of turn).
            var at = _inOrder.Count;
            while (at > 0 && _inOrder[at - 1].Sequence > job.Sequence)
            {
                at--;
            }

            _inOrder.Insert(at, job);
        }
    }

    /// <summary>Finds a job by a 15- or 18-character id; null when malformed, unknown or deleted.</summary>
    public EmulatedJob? FindJob(string? id) =>
        SalesforceIds.TryNormalize(id, out var id18) && _jobs.TryGetValue(id18, out var job) && !job.Deleted ? job : null;

    /// <summary>
    /// Up to <paramref name="max"/> jobs created after the job of sequence <paramref name="afterSequence"/> that match
    /// <paramref name="match"/>, in creation order; deleted jobs are left out. Costs what it returns (plus the jobs it
    /// passes over), not the size of the org.
    /// </summary>
    public List<EmulatedJob> JobsAfter(long afterSequence, Func<EmulatedJob, bool> match, int max)
    {
        var found = new List<EmulatedJob>(Math.Min(max, 1024));
        lock (_inOrderGate)
        {
            for (var i = FirstAfter(afterSequence); i < _inOrder.Count && found.Count < max; i++)
            {
                var job = _inOrder[i];
                if (!job.Deleted && match(job))
                {
                    found.Add(job);
                }
            }
        }

        return found;
    }

    public int JobCount => _jobs.Count;

    /// <summary>The next number of <paramref name="sequence"/>, never above <paramref name="maximum"/>.</summary>
    private static long Reserve(ref long sequence, long maximum, string what, string option)
    {
        while (true)
        {
            var current = Interlocked.Read(ref sequence);
            if (current >= maximum)
            {
                throw new EmulatedOrgFullException(what, maximum, option);
            }

            if (Interlocked.CompareExchange(ref sequence, current + 1, current) == current)
            {
                return current + 1;
            }
        }
    }

    /// <summary>Index in <see cref="_inOrder"/> of the first job whose sequence is above <paramref name="sequence"/>.</summary>
    private int FirstAfter(long sequence)
    {
        int lo = 0, hi = _inOrder.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_inOrder[mid].Sequence <= sequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
