using System.Globalization;
using System.Text;
using SfBulk.Emulator.BulkV1;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Seeding;

/// <summary>
/// A realistic org to show sfbulk on: the jobs an admin finds in Setup &gt; Bulk Data Load Jobs after a few weeks of
/// integrations. Seeded in-process (no HTTP), so it works with the control surface off.
/// </summary>
/// <remarks>
/// <para>Call <see cref="AddUsers"/> on the options before <see cref="EmulatorServer.StartAsync"/>, then
/// <see cref="Seed"/> on the started emulator. The org then holds (ages are counted back from the emulator's clock):</para>
/// <list type="bullet">
/// <item>Open Bulk API 1.0 ingest jobs of four users (admin, integration, etl, dataloader) aged from 20 minutes to
/// 40 days, most with finished batches: the jobs an integration forgot to close.</item>
/// <item>A running PK-chunked Bulk API 1.0 query on Account (<see cref="DemoOrgOptions.PkChunks"/> chunks of
/// <see cref="DemoOrgOptions.ChunkDurationSeconds"/> each, four at a time), created a minute ago: its original batch
/// is NotProcessed and its chunk batches are queued, running or done.</item>
/// <item>A Bulk API 2.0 ingest job in state Open whose data was never uploaded (its upload was not marked complete),
/// and a Bulk API 2.0 query job in progress.</item>
/// <item>Failed jobs (a Bulk API 1.0 job and a Bulk API 2.0 ingest job with its error message) and closed, aborted
/// and completed jobs.</item>
/// </list>
/// <para>The same seed backs <c>sfbulk ui --emulator</c>; the ids come back in a <see cref="DemoOrgJobs"/>.</para>
/// </remarks>
public static class DemoOrg
{
    /// <summary>The users the seed adds beside the emulator's default ones (password <c>sfbulk-emulator</c>).</summary>
    public static IReadOnlyList<string> ExtraUsers { get; } = ["etl@sfbulk.test", "dataloader@sfbulk.test"];

    private const string IntegrationUser = "integration@sfbulk.test";

    /// <summary>Adds the seed's users (<see cref="ExtraUsers"/>) to <paramref name="options"/> and returns it.</summary>
    public static EmulatorOptions AddUsers(EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var user in ExtraUsers)
        {
            if (!options.AdditionalUsers.Any(u => string.Equals(u.Username, user, StringComparison.OrdinalIgnoreCase)))
            {
                options.AdditionalUsers.Add((user, options.Password));
            }
        }

        if (!options.AdditionalUsers.Any(u => string.Equals(u.Username, IntegrationUser, StringComparison.OrdinalIgnoreCase)))
        {
            options.AdditionalUsers.Add((IntegrationUser, options.Password));
        }

        return options;
    }

    /// <summary>Seeds the demo org into <paramref name="emulator"/> (started with options passed through <see cref="AddUsers"/>).</summary>
    /// <exception cref="InvalidOperationException">The emulator lacks the seed's users.</exception>
    public static DemoOrgJobs Seed(EmulatorServer emulator, DemoOrgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        options ??= new DemoOrgOptions();
        var state = emulator.State;
        var admin = state.DefaultUser.Username;
        var seeder = new Seeder(state);

        var open = new List<string>
        {
            seeder.Classic(admin, "Account", "insert", JobStates.Open, TimeSpan.FromMinutes(20), batches: 2),
            seeder.Classic(IntegrationUser, "Contact", "upsert", JobStates.Open, TimeSpan.FromHours(3), batches: 5),
            seeder.Classic(IntegrationUser, "Contact", "upsert", JobStates.Open, TimeSpan.FromHours(26), batches: 5),
            seeder.Classic(IntegrationUser, "Account", "update", JobStates.Open, TimeSpan.FromDays(3), batches: 3, failedPerBatch: 4),
            seeder.Classic("etl@sfbulk.test", "Opportunity", "insert", JobStates.Open, TimeSpan.FromHours(7), batches: 10),
            seeder.Classic("etl@sfbulk.test", "Opportunity", "update", JobStates.Open, TimeSpan.FromDays(9), batches: 1),
            seeder.Classic("etl@sfbulk.test", "Case", "insert", JobStates.Open, TimeSpan.FromDays(12), batches: 0),
            seeder.Classic("dataloader@sfbulk.test", "Lead", "delete", JobStates.Open, TimeSpan.FromDays(40), batches: 1),
            seeder.Classic("dataloader@sfbulk.test", "Merchandise__c", "upsert", JobStates.Open, TimeSpan.FromHours(50), batches: 2),
            seeder.Classic(admin, "Contact", "query", JobStates.Open, TimeSpan.FromDays(2), batches: 1),
        };
        var pk = seeder.PkQuery(IntegrationUser, options);
        var v2Ingest = seeder.V2(JobKind.V2Ingest, "etl@sfbulk.test", "Account", "upsert", JobStates.Open, TimeSpan.FromHours(5), null);
        var v2Query = seeder.V2(JobKind.V2Query, IntegrationUser, "Opportunity", "query", JobStates.InProgress, TimeSpan.FromMinutes(4), null);
        var failed = new List<string>
        {
            seeder.Classic(IntegrationUser, "Account", "upsert", JobStates.Failed, TimeSpan.FromDays(6), batches: 2, failedPerBatch: 100),
            seeder.V2(JobKind.V2Ingest, "dataloader@sfbulk.test", "Contact", "insert", JobStates.Failed, TimeSpan.FromDays(1), "InvalidBatch : Field name not found : Emial"),
        };
        var finished = new List<string>
        {
            seeder.Classic(admin, "Account", "insert", JobStates.Closed, TimeSpan.FromDays(1), batches: 4),
            seeder.Classic("etl@sfbulk.test", "Opportunity", "update", JobStates.Closed, TimeSpan.FromDays(15), batches: 8),
            seeder.Classic(IntegrationUser, "Contact", "delete", JobStates.Aborted, TimeSpan.FromDays(4), batches: 3),
            seeder.V2(JobKind.V2Ingest, IntegrationUser, "Case", "insert", JobStates.JobComplete, TimeSpan.FromHours(30), null),
            seeder.V2(JobKind.V2Query, "etl@sfbulk.test", "Account", "query", JobStates.JobComplete, TimeSpan.FromHours(2), null),
        };

        for (var i = 0; i < options.ExtraOpenJobs; i++)
        {
            var user = state.Users[i % state.Users.Count].Username;
            var age = TimeSpan.FromMinutes(5 + (i * 37 % (60 * 24 * 30)));
            open.Add(seeder.Classic(user, ObjectsForExtraJobs[i % ObjectsForExtraJobs.Length], "insert", JobStates.Open, age, batches: 0));
        }

        return new DemoOrgJobs(open, pk, v2Ingest, v2Query, failed, finished);
    }

    private static readonly string[] ObjectsForExtraJobs = ["Account", "Contact", "Opportunity", "Case", "Lead"];

    private sealed class Seeder(OrgState state)
    {
        private readonly DateTimeOffset _now = state.Now;

        public string Classic(string username, string sObject, string operation, string jobState, TimeSpan age, int batches, int failedPerBatch = 0)
        {
            var json = string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"object":"{{sObject}}","operation":"{{operation}}","state":"{{jobState}}","createdBy":"{{username}}","ageSeconds":{{age.TotalSeconds}},"batches":{{batches}},"recordsPerBatch":{{(operation == "query" ? 0 : 200)}},"failedRecordsPerBatch":{{failedPerBatch}}}""");
            return Create(username, json);
        }

        public string PkQuery(string username, DemoOrgOptions options)
        {
            var json = string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"object":"Account","operation":"query","state":"Open","createdBy":"{{username}}","ageSeconds":{{options.PkJobAge.TotalSeconds}},"pkChunking":{"chunkSize":25000},"chunks":{{options.PkChunks}},"chunkDurationSeconds":{{options.ChunkDurationSeconds}}}""");
            return Create(username, json);
        }

        public string V2(JobKind kind, string username, string sObject, string operation, string jobState, TimeSpan age, string? error)
        {
            var user = User(username);
            var created = _now - age;
            var id = state.NewJobId(out var sequence);
            var isQuery = kind == JobKind.V2Query;
            var job = new EmulatedJob(id, kind, created, jobState)
            {
                Sequence = sequence,
                Operation = operation,
                Object = sObject,
                CreatedById = user.Id,
                ApiVersion = "66.0",
                ContentType = "CSV",
                Query = isQuery ? "SELECT Id, Name FROM " + sObject : null,
                LastModified = created,
                ErrorMessage = error,
            };
            if (jobState == JobStates.JobComplete)
            {
                job.V2RecordsProcessed = state.Options.ObjectRecordCounts.TryGetValue(sObject, out var n) ? Math.Min(n, 5_000) : 0;
            }

            state.AddJob(job);
            return id;
        }

        private string Create(string username, string json)
        {
            var request = ClassicJobSeedRequest.Parse(Encoding.UTF8.GetBytes(json));
            return ClassicJobSeedEndpoints.CreateJob(state, request, User(username), _now).Id;
        }

        private EmulatedUser User(string username) =>
            state.FindUser(username) ?? throw new InvalidOperationException($"The emulator has no user {username}; start it with options passed through DemoOrg.AddUsers.");
    }
}
