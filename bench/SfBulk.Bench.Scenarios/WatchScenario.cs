using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SfBulk.Authentication;
using SfBulk.Emulator;
using SfBulk.Models;
using SfBulk.Testing;
using SfBulk.Watching;

namespace SfBulk.Bench.Scenarios;

/// <summary>
/// Watch-and-close of a PK-chunked Bulk 1.0 query (40 chunks of 30 s on 4 slots, about 5 minutes of emulated time)
/// with three strategies on identical jobs: the adaptive <see cref="JobWatcher"/>, and fixed 1 s and 5 s pollers of the
/// job info that close once every batch has ended. The emulator runs in-process on a fake clock shared with the
/// client, so the five minutes take milliseconds and every figure is exact, not sampled. Writes
/// <c>watch-timeline.csv</c> (strategy, emulated seconds since the job was created, API calls so far) and prints a
/// JSON summary.
/// </summary>
internal static class WatchScenario
{
    /// <summary>The seeding request: a PK-chunked query job of 40 chunks of 30 s (a literal, so the scenarios publish NativeAOT).</summary>
    private const string FortyChunks = """{"operation":"query","object":"Account","pkChunking":{"chunkSize":25000},"chunks":40,"chunkDurationSeconds":30}""";

    public static async Task<int> RunAsync(string outputDirectory, int seeds, CancellationToken cancellationToken)
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var time = new AutoAdvancingTime(fake);
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, TimeProvider = fake }, cancellationToken);
        using var control = new HttpClient { BaseAddress = server.BaseUri };
        control.DefaultRequestHeaders.Add(EmulatorServer.ControlTokenHeader, server.ControlToken);
        var o = server.Options;
        using var connection = new SalesforceConnection(new SalesforceConnectionOptions
        {
            Name = "bench-watch",
            LoginUrl = server.BaseUri,
            Credential = new UsernamePasswordCredential(o.ClientId, o.ClientSecret, o.Username, o.Password, o.SecurityToken),
        });
        await connection.ConnectAsync(cancellationToken);
        var client = new BulkJobClient(connection);
        var run = new Run(fake, control, client, cancellationToken);

        var timeline = new StringBuilder("strategy,seconds,calls\n");
        var adaptive = new List<Measured>();
        for (var seed = 1; seed <= seeds; seed++)
        {
            adaptive.Add(await run.AdaptiveAsync(time, seed, seed == 1 ? timeline : null));
        }

        var everySecond = await run.FixedAsync(TimeSpan.FromSeconds(1), "fixed-1s", timeline);
        var everyFiveSeconds = await run.FixedAsync(TimeSpan.FromSeconds(5), "fixed-5s", timeline);

        Directory.CreateDirectory(outputDirectory);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "watch-timeline.csv"), timeline.ToString(), cancellationToken);
        using var stdout = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("job", "Bulk 1.0 PK-chunked query, 40 chunks x 30 s on 4 slots");
        json.WriteStartArray("adaptive");
        foreach (var m in adaptive)
        {
            m.Write(json);
        }

        json.WriteEndArray();
        json.WritePropertyName("fixed1s");
        everySecond.Write(json);
        json.WritePropertyName("fixed5s");
        everyFiveSeconds.Write(json);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        Console.WriteLine();
        return 0;
    }

    /// <summary>One strategy's figures on one job (emulated seconds).</summary>
    private sealed record Measured(string Strategy, int? Seed, long Calls, int Polls, double LastChunkSeconds, double ClosedSeconds)
    {
        public double CloseDelaySeconds => ClosedSeconds - LastChunkSeconds;

        public void Write(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("strategy", Strategy);
            if (Seed is { } seed)
            {
                json.WriteNumber("jitterSeed", seed);
            }

            json.WriteNumber("calls", Calls);
            json.WriteNumber("polls", Polls);
            json.WriteNumber("lastChunkEndSeconds", Math.Round(LastChunkSeconds, 3));
            json.WriteNumber("closedSeconds", Math.Round(ClosedSeconds, 3));
            json.WriteNumber("closeDelaySeconds", Math.Round(CloseDelaySeconds, 3));
            json.WriteEndObject();
        }
    }

    private sealed class Run(FakeTimeProvider fake, HttpClient control, BulkJobClient client, CancellationToken cancellationToken)
    {
        public async Task<Measured> AdaptiveAsync(AutoAdvancingTime time, int seed, StringBuilder? timeline)
        {
            var (jobId, created) = await SeedAsync();
            var strategy = "sfbulk-adaptive";
            Point(timeline, strategy, 0, 0);
            var progress = new Recorder(p => Point(timeline, strategy, (fake.GetUtcNow() - created).TotalSeconds, p.CallsUsed));
            var watcher = new JobWatcher(client, new WatchOptions { TimeProvider = time, JitterSeed = seed });
            var result = await time.RunAsync(watcher.WaitAndCloseAsync(jobId, progress, cancellationToken));
            if (result.Outcome != WatchOutcome.Closed)
            {
                throw new InvalidOperationException("the watcher did not close the job: " + result);
            }

            var calls = await RequestsAsync();
            var closed = (result.ClosedAt!.Value - created).TotalSeconds;
            Point(timeline, strategy, closed, calls);
            return new Measured(strategy, seed, calls, result.Polls, await LastChunkEndAsync(jobId, created), closed);
        }

        public async Task<Measured> FixedAsync(TimeSpan interval, string strategy, StringBuilder timeline)
        {
            var (jobId, created) = await SeedAsync();
            Point(timeline, strategy, 0, 0);
            var polls = 0;
            while (true)
            {
                var job = await client.GetJobAsync(jobId, BulkApi.V1, cancellationToken);
                polls++;
                Point(timeline, strategy, (fake.GetUtcNow() - created).TotalSeconds, polls);
                if (job.NumberBatchesTotal > 1 && job.NumberBatchesQueued == 0 && job.NumberBatchesInProgress == 0)
                {
                    break;
                }

                fake.Advance(interval);
            }

            var close = await client.CloseJobAsync(jobId, new CloseJobOptions { Api = BulkApi.V1 }, cancellationToken);
            var calls = await RequestsAsync();
            var closed = (close.Job.SystemModstamp - created).TotalSeconds;
            Point(timeline, strategy, closed, calls);
            return new Measured(strategy, null, calls, polls, await LastChunkEndAsync(jobId, created), closed);
        }

        /// <summary>Seeds one 40-chunk job and zeroes the request counters; returns its id and creation time.</summary>
        private async Task<(string Id, DateTimeOffset Created)> SeedAsync()
        {
            var created = fake.GetUtcNow();
            using var body = new StringContent(FortyChunks, System.Text.Encoding.UTF8, "application/json");
            using var response = await control.PostAsync("_emulator/jobs/classic", body, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var ids = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            using var reset = await control.DeleteAsync("_emulator/requests", cancellationToken);
            reset.EnsureSuccessStatusCode();
            return (ids.RootElement[0].GetString()!, created);
        }

        /// <summary>API calls the emulator counted since the last reset.</summary>
        private async Task<long> RequestsAsync()
        {
            using var json = JsonDocument.Parse(await control.GetStringAsync("_emulator/requests", cancellationToken));
            return json.RootElement.GetProperty("total").GetInt64();
        }

        /// <summary>When the last chunk batch ended, in seconds after the job was created (read after the counts).</summary>
        private async Task<double> LastChunkEndAsync(string jobId, DateTimeOffset created)
        {
            var batches = await client.GetBatchesAsync(jobId, cancellationToken);
            return (batches.Where(b => b.State == BatchState.Completed).Max(b => b.SystemModstamp) - created).TotalSeconds;
        }

        private static void Point(StringBuilder? timeline, string strategy, double seconds, long calls) =>
            timeline?.Append(CultureInfo.InvariantCulture, $"{strategy},{seconds:0.###},{calls}\n");
    }

    /// <summary>A synchronous progress sink (no synchronization context hop, so the fake clock reads the poll's time).</summary>
    private sealed class Recorder(Action<WatchProgress> onReport) : IProgress<WatchProgress>
    {
        public void Report(WatchProgress value) => onReport(value);
    }
}
