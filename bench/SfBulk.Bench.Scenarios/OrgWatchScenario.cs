using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SfBulk.Authentication;
using SfBulk.Emulator;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Testing;
using SfBulk.Watching;

namespace SfBulk.Bench.Scenarios;

/// <summary>
/// Keeping the org clean: 50 PK-chunked Bulk 1.0 queries (10 to 60 chunks of 10 to 45 s on 4 slots) started at random
/// times over an emulated hour, closed by one <see cref="OrgWatcher"/>; then the same schedule watched by 50
/// <see cref="JobWatcher"/>s (one per job, started when its job is created). A 5-second poller per job is computed from
/// each job's measured end: a read at creation and every 5 s until the end, then a close. The emulator runs in-process
/// on a fake clock shared with the client, so the hour takes seconds and every figure is exact. Writes
/// <c>orgwatch-timeline.csv</c> (strategy, emulated seconds since the first job, API calls so far) and prints a JSON
/// summary.
/// </summary>
internal static class OrgWatchScenario
{
    private const int Jobs = 50;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>The org watcher's --max-interval (30 s; ORGWATCH_MAX_INTERVAL in seconds): the shortest jobs run about 30 s, so a new job must be seen within that.</summary>
    private static readonly TimeSpan ListingInterval = TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("ORGWATCH_MAX_INTERVAL") is { Length: > 0 } s ? double.Parse(s, CultureInfo.InvariantCulture) : 30);

    public static async Task<int> RunAsync(string outputDirectory, int seed, CancellationToken cancellationToken)
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var time = new AutoAdvancingTime(fake);
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, TimeProvider = fake }, cancellationToken);
        using var control = new HttpClient { BaseAddress = server.BaseUri };
        var o = server.Options;
        using var connection = new SalesforceConnection(new SalesforceConnectionOptions
        {
            Name = "bench-orgwatch",
            LoginUrl = server.BaseUri,
            Credential = new UsernamePasswordCredential(o.ClientId, o.ClientSecret, o.Username, o.Password, o.SecurityToken),
        });
        await connection.ConnectAsync(cancellationToken);
        var client = new BulkJobClient(connection);

        var random = new Random(seed);
        var plan = Enumerable.Range(0, Jobs)
            .Select(_ => new PlannedJob(TimeSpan.FromSeconds(random.Next(0, (int)Hour.TotalSeconds)), random.Next(10, 61), random.Next(10, 46)))
            .OrderBy(j => j.StartAfter)
            .ToList();
        var timeline = new StringBuilder("strategy,seconds,calls\n");

        // 1. One org watcher.
        var orgStart = fake.GetUtcNow();
        await ResetAsync(control, cancellationToken);
        var orgJobs = plan.Select(_ => new Seeded()).ToList();
        var orgSeeding = SeedOnScheduleAsync(time, control, plan, orgJobs, null, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var closedEvents = new List<OrgWatchEvent>();
        var allEvents = new List<OrgWatchEvent>();
        var watcher = new OrgWatcher(client, new OrgWatchOptions
        {
            TimeProvider = time,
            JitterSeed = seed,
            CloseWhenDone = true,
            MaxInterval = ListingInterval,
            Filter = new SweepFilter { JobType = BulkJobType.Classic, PkChunking = true, OlderThan = TimeSpan.Zero },
        });
        var recorder = new Recorder(e =>
        {
            Point(timeline, "sfbulk-orgwatch", (e.At - orgStart).TotalSeconds, e.CallsUsed);
            allEvents.Add(e);
            if (e.Kind == OrgWatchEventKind.Closed)
            {
                closedEvents.Add(e);
                if (closedEvents.Count == Jobs)
                {
                    stop.Cancel();
                }
            }
        });
        OrgWatchReport report;
        try
        {
            var watching = watcher.WatchAsync(recorder, stop.Token);
            await time.RunAsync(Task.WhenAll(orgSeeding, watching).ContinueWith(_ => 0, TaskScheduler.Default), () => 1 + (orgJobs.Count(j => j.Flag == 0) > 0 ? 1 : 0));
            report = await watching;
        }
        catch (OrgWatchCancelledException cancelled) when (!cancellationToken.IsCancellationRequested)
        {
            report = cancelled.Report;
        }

        var orgCalls = await TotalRequestsAsync(control, cancellationToken);
        var orgMeasured = new List<JobMeasure>();
        foreach (var (planned, id) in plan.Zip(orgJobs))
        {
            var closed = closedEvents.Single(e => string.Equals(e.JobId, id.Value, StringComparison.Ordinal));
            var end = await LastChunkEndAsync(client, id.Value!, cancellationToken);
            orgMeasured.Add(new JobMeasure(planned, (id.Created - orgStart).TotalSeconds, (end - orgStart).TotalSeconds, (closed.At - end).TotalSeconds));
            if ((closed.At - end).TotalSeconds > 3)
            {
                // A close later than the target: show what the watcher saw of that job.
                await Console.Error.WriteLineAsync($"{id.Value} ({planned.Chunks} chunks of {planned.ChunkSeconds} s) closed {(closed.At - end).TotalSeconds:0.###} s after its last chunk at {end:HH:mm:ss}:");
                foreach (var e in allEvents.Where(e => e.JobId == id.Value))
                {
                    await Console.Error.WriteLineAsync("  " + e);
                }
            }
        }

        // 2. The same schedule, one single-job watcher per job.
        var singleStart = fake.GetUtcNow();
        await ResetAsync(control, cancellationToken);
        var watches = new List<Task<WatchResult>>();
        long singleCallsSoFar = 0;
        var singleJobs = plan.Select(_ => new Seeded()).ToList();
        var active = 0;
        var singleSeeding = SeedOnScheduleAsync(time, control, plan, singleJobs, id =>
        {
            Interlocked.Increment(ref active);
            var single = new JobWatcher(client, new WatchOptions { TimeProvider = time, JitterSeed = seed });
            long last = 0;
            var progress = new WatchRecorder(p =>
            {
                Interlocked.Add(ref singleCallsSoFar, p.CallsUsed - last);
                last = p.CallsUsed;
                Point(timeline, "single-watchers", (fake.GetUtcNow() - singleStart).TotalSeconds, Interlocked.Read(ref singleCallsSoFar));
            });
            lock (watches)
            {
                watches.Add(single.WaitAndCloseAsync(id, progress, cancellationToken).ContinueWith(
                    t =>
                    {
                        Interlocked.Decrement(ref active);
                        return t;
                    },
                    TaskScheduler.Default).Unwrap());
            }
        }, cancellationToken);
        await time.RunAsync(WhenScheduledAsync(singleSeeding, watches), () => Volatile.Read(ref active) + (singleJobs.Count(j => j.Flag == 0) > 0 ? 1 : 0));
        var singleResults = await Task.WhenAll(watches);
        var singleCalls = await TotalRequestsAsync(control, cancellationToken);
        var singleDelays = singleResults.Select(r => r.CloseDelay?.TotalSeconds ?? double.NaN).ToList();

        // 3. A 5-second poller per job, from each job's measured end.
        var fixedCalls = 0L;
        var fixedPoints = new List<(double Seconds, int Calls)>();
        var fixedDelays = new List<double>();
        foreach (var m in orgMeasured)
        {
            var run = m.EndSeconds - m.CreatedSeconds;
            var polls = (int)Math.Ceiling(run / 5) + 1;
            fixedCalls += polls + 1;
            fixedDelays.Add(((polls - 1) * 5) - run);
            for (var k = 0; k < polls; k++)
            {
                fixedPoints.Add((m.CreatedSeconds + (k * 5), 1));
            }

            fixedPoints.Add((m.CreatedSeconds + ((polls - 1) * 5), 1));
        }

        var cumulative = 0;
        foreach (var (seconds, calls) in fixedPoints.OrderBy(p => p.Seconds))
        {
            cumulative += calls;
            Point(timeline, "fixed-5s", seconds, cumulative);
        }

        Directory.CreateDirectory(outputDirectory);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "orgwatch-timeline.csv"), timeline.ToString(), cancellationToken);
        using var stdout = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("jobs", string.Create(CultureInfo.InvariantCulture, $"{Jobs} Bulk 1.0 PK-chunked queries, 10-60 chunks of 10-45 s on 4 slots, started at random over an emulated hour (seed {seed})"));
        json.WriteNumber("emulatedSeconds", Math.Round((report.Elapsed).TotalSeconds, 1));
        json.WriteStartObject("orgWatcher");
        json.WriteNumber("calls", orgCalls);
        json.WriteNumber("listings", report.Listings);
        json.WriteNumber("reads", report.Reads);
        json.WriteNumber("closed", report.Closed.Count());
        WriteDelays(json, orgMeasured.Select(m => m.CloseDelaySeconds));
        json.WriteEndObject();
        json.WriteStartObject("singleWatchers");
        json.WriteNumber("calls", singleCalls);
        json.WriteNumber("closed", singleResults.Count(r => r.Outcome == WatchOutcome.Closed));
        WriteDelays(json, singleDelays);
        json.WriteEndObject();
        json.WriteStartObject("fixed5s");
        json.WriteNumber("calls", fixedCalls);
        WriteDelays(json, fixedDelays);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        Console.WriteLine();
        return 0;
    }

    private static void WriteDelays(Utf8JsonWriter json, IEnumerable<double> delays)
    {
        var sorted = delays.Order().ToList();
        json.WriteNumber("closeDelayMinSeconds", Math.Round(sorted[0], 3));
        json.WriteNumber("closeDelayMedianSeconds", Math.Round(sorted[sorted.Count / 2], 3));
        json.WriteNumber("closeDelayMaxSeconds", Math.Round(sorted[^1], 3));
    }

    /// <summary>Seeds each planned job at its start time (emulated), one after the other; <paramref name="started"/> runs after each seed.</summary>
    private static async Task<int> SeedOnScheduleAsync(AutoAdvancingTime time, HttpClient control, List<PlannedJob> plan, List<Seeded> seeded, Action<string>? started, CancellationToken cancellationToken)
    {
        var origin = time.GetUtcNow();
        for (var i = 0; i < plan.Count; i++)
        {
            var job = plan[i];
            var wait = origin + job.StartAfter - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            var body = string.Create(CultureInfo.InvariantCulture, $$"""{"operation":"query","object":"Account","pkChunking":true,"chunks":{{job.Chunks}},"chunkDurationSeconds":{{job.ChunkSeconds}}}""");
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await control.PostAsync("_emulator/jobs/classic", content, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var ids = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var id = ids.RootElement[0].GetString()!;
            seeded[i].Value = id;
            seeded[i].Created = time.GetUtcNow();
            started?.Invoke(id);
            Interlocked.Increment(ref seeded[i].Flag);
        }

        return 0;
    }

    private static async Task<int> WhenScheduledAsync(Task seeding, List<Task<WatchResult>> watches)
    {
        await seeding;
        Task[] all;
        lock (watches)
        {
            all = [.. watches];
        }

        await Task.WhenAll(all);
        return 0;
    }

    private static async Task ResetAsync(HttpClient control, CancellationToken cancellationToken)
    {
        using var reset = await control.DeleteAsync("_emulator/requests", cancellationToken);
        reset.EnsureSuccessStatusCode();
    }

    private static async Task<long> TotalRequestsAsync(HttpClient control, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await control.GetStringAsync("_emulator/requests", cancellationToken));
        return json.RootElement.GetProperty("total").GetInt64();
    }

    private static async Task<DateTimeOffset> LastChunkEndAsync(BulkJobClient client, string jobId, CancellationToken cancellationToken)
    {
        var batches = await client.GetBatchesAsync(jobId, cancellationToken);
        return batches.Where(b => b.State == BatchState.Completed).Max(b => b.SystemModstamp);
    }

    private static void Point(StringBuilder timeline, string strategy, double seconds, long calls)
    {
        lock (timeline)
        {
            timeline.Append(CultureInfo.InvariantCulture, $"{strategy},{seconds:0.###},{calls}\n");
        }
    }

    private sealed record PlannedJob(TimeSpan StartAfter, int Chunks, int ChunkSeconds);

    private sealed record JobMeasure(PlannedJob Planned, double CreatedSeconds, double EndSeconds, double CloseDelaySeconds);

    private sealed class Seeded
    {
        public int Flag;

        public string? Value { get; set; }

        public DateTimeOffset Created { get; set; }
    }

    private sealed class Recorder(Action<OrgWatchEvent> onReport) : IProgress<OrgWatchEvent>
    {
        public void Report(OrgWatchEvent value) => onReport(value);
    }

    private sealed class WatchRecorder(Action<WatchProgress> onReport) : IProgress<WatchProgress>
    {
        public void Report(WatchProgress value) => onReport(value);
    }
}
