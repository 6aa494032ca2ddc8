using SfBulk.Authentication;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Chaos;

/// <summary>
/// An emulated org seeded with open jobs of both APIs — Bulk 1.0 CSV (closed in XML) and JSON (closed in JSON), and
/// Bulk 2.0 ingest — and a client tuned for chaos: a short per-request timeout and fast retries, so that slow answers
/// and back-off do not make the tests slow. Everything else is the library's defaults.
/// </summary>
internal sealed class ChaosOrg : IAsyncDisposable
{
    private ChaosOrg(BulkHarness harness, IReadOnlyList<string> jobIds, SalesforceConnection connection)
    {
        Harness = harness;
        JobIds = jobIds;
        Connection = connection;
        Client = harness.CreateClient(connection);
    }

    /// <summary>
    /// The sweep's settings here: the library's defaults, but completing the uploads of the open Bulk 2.0 ingest jobs
    /// (the seeded jobs stand for finished uploads whose close is what is measured).
    /// </summary>
    public static SweepOptions Sweep => new() { CompleteUploads = true };

    public BulkHarness Harness { get; }

    /// <summary>The open jobs seeded, 18-character ids.</summary>
    public IReadOnlyList<string> JobIds { get; }

    public SalesforceConnection Connection { get; }

    public BulkJobClient Client { get; }

    /// <summary>Starts an emulator with <paramref name="jobs"/> open jobs: 40 % Bulk 1.0 CSV, 20 % Bulk 1.0 JSON, 40 % Bulk 2.0 ingest.</summary>
    public static async Task<ChaosOrg> StartAsync(int jobs)
    {
        var harness = await BulkHarness.StartAsync();
        var csv = jobs * 2 / 5;
        var json = jobs / 5;
        var v2 = jobs - csv - json;
        var ids = new List<string>(jobs);
        ids.AddRange(await harness.SeedClassicAsync(new { count = csv, ageSeconds = 7200 }));
        ids.AddRange(await harness.SeedClassicAsync(new { count = json, contentType = "JSON", @object = "Contact", ageSeconds = 7200 }));
        ids.AddRange(await harness.SeedV2Async(new { count = v2, kind = "V2Ingest", state = "Open", ageSeconds = 7200 }));
        Assert.Equal(jobs, ids.Count);
        await harness.ResetRequestsAsync();
        return new ChaosOrg(harness, ids, Connect(harness, "chaos"));
    }

    /// <summary>A new connection (and so a new login) to the same org, as a restarted process would make.</summary>
    public static SalesforceConnection Connect(BulkHarness harness, string name)
    {
        var o = harness.Server.Options;
        return new SalesforceConnection(new SalesforceConnectionOptions
        {
            Name = name,
            LoginUrl = harness.Server.BaseUri,
            Credential = new UsernamePasswordCredential(o.ClientId, o.ClientSecret, o.Username, o.Password, o.SecurityToken),
            RequestTimeout = ChaosFaults.RequestTimeout,
            Retry = new SalesforceRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(20) },
        });
    }

    /// <summary>
    /// Every seeded job's state as the emulator holds it, read with the harness's own fault-free connection (faults must
    /// be cleared first); keyed by the 15-character id.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, BulkJobState>> StatesAsync()
    {
        var wanted = JobIds.Select(Key).ToHashSet(StringComparer.Ordinal);
        var states = new Dictionary<string, BulkJobState>(StringComparer.Ordinal);
        await foreach (var job in Harness.Client.GetAllJobsAsync(cancellationToken: TestContext.Current.CancellationToken))
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

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Harness.DisposeAsync();
    }
}
