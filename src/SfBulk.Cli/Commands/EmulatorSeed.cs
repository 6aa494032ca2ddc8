using System.Globalization;
using System.Text;
using System.Text.Json;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using SfBulk.Emulator;

namespace SfBulk.Cli.Commands;

/// <summary>
/// The jobs <c>sfbulk emulator</c> creates at start: explicit counts of open Bulk API 1.0 jobs, PK-chunked query jobs
/// and Bulk API 2.0 jobs, spread over the given ages and creating users. They are created in the same process,
/// through the emulator's seeding endpoints (<c>POST /_emulator/jobs/classic</c> and <c>/_emulator/jobs/v2</c>).
/// </summary>
internal sealed record EmulatorSeed(int OpenJobs, int PkChunkedJobs, int V2Jobs, IReadOnlyList<TimeSpan> Ages, IReadOnlyList<string> Users)
{
    /// <summary>True when there is something to create.</summary>
    public bool Any => OpenJobs + PkChunkedJobs + V2Jobs > 0;

    /// <summary>Adds the users that are not in the org yet (they log in with the emulator's password).</summary>
    public void AddUsers(EmulatorOptions options)
    {
        foreach (var user in Users)
        {
            if (!string.Equals(user, options.Username, StringComparison.OrdinalIgnoreCase)
                && !options.AdditionalUsers.Any(u => string.Equals(u.Username, user, StringComparison.OrdinalIgnoreCase)))
            {
                options.AdditionalUsers.Add((user, options.Password));
            }
        }
    }

    /// <summary>Creates the jobs; returns a line saying what was created.</summary>
    public async Task<string> ApplyAsync(EmulatorServer emulator, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        http.DefaultRequestHeaders.Add(EmulatorServer.ControlTokenHeader, emulator.ControlToken);
        await SeedAsync(http, "_emulator/jobs/classic", OpenJobs, (age, user) => $$"""{"state":"Open","batches":2,"ageSeconds":{{Seconds(age)}},"createdBy":{{Quote(user)}}""", cancellationToken).ConfigureAwait(false);
        await SeedAsync(http, "_emulator/jobs/classic", PkChunkedJobs, (age, user) => $$"""{"operation":"query","pkChunking":{"chunkSize":100000},"ageSeconds":{{Seconds(age)}},"createdBy":{{Quote(user)}}""", cancellationToken).ConfigureAwait(false);
        await SeedAsync(http, "_emulator/jobs/v2", V2Jobs, (age, user) => $$"""{"kind":"V2Ingest","state":"Open","ageSeconds":{{Seconds(age)}},"createdBy":{{Quote(user)}}""", cancellationToken).ConfigureAwait(false);
        var parts = new List<string>();
        void Part(int count, string what)
        {
            if (count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count:N0} {what}"));
            }
        }

        Part(OpenJobs, OpenJobs == 1 ? "open Bulk API 1.0 job" : "open Bulk API 1.0 jobs");
        Part(PkChunkedJobs, PkChunkedJobs == 1 ? "PK-chunked query job" : "PK-chunked query jobs");
        Part(V2Jobs, V2Jobs == 1 ? "open Bulk API 2.0 job" : "open Bulk API 2.0 jobs");
        return $"Seeded {string.Join(", ", parts)}, {(Ages.Count == 1 ? "aged" : "ages")} {string.Join(", ", Ages.Select(a => JobTable.Age(a)))}, created by {string.Join(", ", Users)}.";
    }

    /// <summary>
    /// Posts one seeding request per (age, user) pair that gets jobs: job <c>i</c> gets age <c>i mod ages</c> and user
    /// <c>i mod users</c>, so the jobs spread evenly over both.
    /// </summary>
    private async Task SeedAsync(HttpClient http, string path, int count, Func<TimeSpan, string, string> body, CancellationToken cancellationToken)
    {
        var groups = Enumerable.Range(0, count)
            .GroupBy(i => (Age: Ages[i % Ages.Count], User: Users[i % Users.Count]))
            .Select(g => (g.Key.Age, g.Key.User, Count: g.Count()));
        foreach (var (age, user, n) in groups)
        {
            using var content = new StringContent(body(age, user) + string.Create(CultureInfo.InvariantCulture, $",\"count\":{n}}}"), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new CliException($"The emulator refused to seed jobs (HTTP {(int)response.StatusCode}): {text}", ExitCodes.UsageError);
            }
        }
    }

    private static string Seconds(TimeSpan age) => ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text) + "\"";
}
