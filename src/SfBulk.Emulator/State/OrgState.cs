using System.Collections.Concurrent;
using SfBulk.Emulator.Identity;
using SfBulk.Emulator.Time;

namespace SfBulk.Emulator.State;

/// <summary>
/// Everything the emulated org holds: users, sessions and bulk jobs. One instance per emulator; endpoint areas
/// receive it through dependency injection. Jobs are locked one at a time through <see cref="EmulatedJob.Gate"/>.
/// </summary>
internal sealed class OrgState
{
    private readonly ConcurrentDictionary<string, EmulatedJob> _jobs = new(StringComparer.Ordinal);
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
        Sessions = new SessionStore(clock, options.SessionIdleTimeout, OrgId[..15]);
    }

    public EmulatorOptions Options { get; }

    public EmulatorClock Clock { get; }

    /// <summary>The org id (00D prefix, 18 characters).</summary>
    public string OrgId { get; }

    public IReadOnlyList<EmulatedUser> Users { get; }

    public EmulatedUser DefaultUser => Users[0];

    public SessionStore Sessions { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public EmulatedUser? FindUser(string username) =>
        Users.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));

    public string NewJobId(out long sequence)
    {
        sequence = Interlocked.Increment(ref _jobSequence);
        return SalesforceIds.Create(SalesforceIds.JobPrefix, sequence);
    }

    public string NewBatchId() => SalesforceIds.Create(SalesforceIds.BatchPrefix, Interlocked.Increment(ref _batchSequence));

    public string NewResultId() => SalesforceIds.Create(SalesforceIds.ResultPrefix, Interlocked.Increment(ref _resultSequence));

    /// <summary>A new record id for <paramref name="keyPrefix"/> (e.g. 001 for an Account created by an insert).</summary>
    public string NewRecordId(string keyPrefix) => SalesforceIds.Create(keyPrefix, 1_000_000 + Interlocked.Increment(ref _recordSequence), "R0");

    public void AddJob(EmulatedJob job) => _jobs[job.Id] = job;

    /// <summary>Finds a job by a 15- or 18-character id; null when malformed, unknown or deleted.</summary>
    public EmulatedJob? FindJob(string? id) =>
        SalesforceIds.TryNormalize(id, out var id18) && _jobs.TryGetValue(id18, out var job) && !job.Deleted ? job : null;

    /// <summary>All jobs in creation order (a snapshot).</summary>
    public IReadOnlyList<EmulatedJob> JobsInOrder() => [.. _jobs.Values.Where(j => !j.Deleted).OrderBy(j => j.Sequence)];

    public int JobCount => _jobs.Count;
}
