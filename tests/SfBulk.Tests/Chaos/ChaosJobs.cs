using SfBulk.Emulator;
using SfBulk.Models;
using SfBulk.Sweeping;

namespace SfBulk.Tests.Chaos;

/// <summary>
/// The chaos org's open jobs of both APIs — Bulk 1.0 CSV (closed in XML) and JSON (closed in JSON), and Bulk 2.0
/// ingest — and connections tuned for chaos: a short per-request timeout and fast retries, so that slow answers and
/// back-off do not make the tests slow. Everything else is the library's defaults.
/// </summary>
internal static class ChaosJobs
{
    /// <summary>
    /// The sweep's settings here: the library's defaults, but completing the uploads of the open Bulk 2.0 ingest jobs
    /// (the seeded jobs stand for finished uploads whose close is what is measured).
    /// </summary>
    public static SweepOptions Sweep => new() { CompleteUploads = true };

    /// <summary>Seeds <paramref name="jobs"/> open jobs: 40 % Bulk 1.0 CSV, 20 % Bulk 1.0 JSON, 40 % Bulk 2.0 ingest; zeroes the counters.</summary>
    /// <returns>The open jobs seeded, 18-character ids.</returns>
    public static async Task<IReadOnlyList<string>> SeedAsync(TestEmulator emulator, int jobs)
    {
        var csv = jobs * 2 / 5;
        var json = jobs / 5;
        var v2 = jobs - csv - json;
        var ids = new List<string>(jobs);
        ids.AddRange(await emulator.SeedClassicAsync(new ClassicJobSeed { Count = csv, Age = TimeSpan.FromHours(2) }));
        ids.AddRange(await emulator.SeedClassicAsync(new ClassicJobSeed { Count = json, ContentType = "JSON", Object = "Contact", Age = TimeSpan.FromHours(2) }));
        ids.AddRange(await emulator.SeedV2Async(new BulkV2JobSeed { Count = v2, State = "Open", Age = TimeSpan.FromHours(2) }));
        Assert.Equal(jobs, ids.Count);
        await emulator.ResetRequestsAsync();
        return ids;
    }

    /// <summary>A new connection (and so a new login) to the org, as a restarted process would make.</summary>
    public static SalesforceConnection Connect(TestEmulator emulator, string name) =>
        emulator.Connect(name: name, requestTimeout: ChaosFaults.RequestTimeout);

    /// <summary>
    /// Every seeded job's state as the emulator holds it, read with the host's own fault-free connection (faults must
    /// be cleared first); keyed by the 15-character id.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, BulkJobState>> StatesAsync(TestEmulator emulator, IReadOnlyList<string> jobIds)
    {
        var wanted = jobIds.Select(Key).ToHashSet(StringComparer.Ordinal);
        var states = new Dictionary<string, BulkJobState>(StringComparer.Ordinal);
        await foreach (var job in emulator.Client.GetAllJobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            if (wanted.Contains(Key(job.Id)))
            {
                Assert.True(states.TryAdd(Key(job.Id), job.State), "listed twice: " + job.Id);
            }
        }

        Assert.Equal(wanted.Count, states.Count);
        return states;
    }

    /// <summary>True when a job's state is "closed" for its API: Bulk 1.0 Closed; Bulk 2.0 ingest UploadComplete or later, not Aborted or Failed.</summary>
    public static bool IsClosed(BulkJobState state) =>
        state == BulkJobState.Closed || state == BulkJobState.UploadComplete || state == BulkJobState.InProgress || state == BulkJobState.JobComplete;

    public static string Key(string id) => id[..15];
}
