using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Watching;

namespace SfBulk.Cli.Commands;

/// <summary>
/// <c>sfbulk watch --all [filters] [--close] [--until-idle]</c>: follows every open job of the org that matches the
/// filters (by default Bulk API 1.0 jobs with PK chunking, at least an hour old) and closes each when its chunks are
/// done; runs until Ctrl+C, or until no matching open job is left with --until-idle.
/// </summary>
internal sealed class WatchAllCommand
{
    public Option<bool> All { get; } = new("--all") { Description = "Watch every open job of the org that matches the filters (by default Bulk API 1.0 jobs with PK chunking, at least 1 hour old) instead of one job; runs until Ctrl+C." };

    public Option<bool> UntilIdle { get; } = new("--until-idle") { Description = "With --all: stop once no matching open job is left to follow." };

    public Option<TimeSpan?> OlderThan { get; } = InputRules.Duration("--older-than", "With --all: only jobs created longer ago than this (default 1h); younger jobs are neither read nor closed until they are old enough.");

    public Option<string> Object { get; } = new("--object") { Description = "With --all: only jobs on this sObject (for example Account).", HelpName = "name" };

    public Option<JobOperation?> Operation { get; } = FilterOptions.Operation("With --all: only jobs with this operation: ");

    public Option<string> CreatedBy { get; } = FilterOptions.CreatedBy("With --all: only jobs created by this user id (15 or 18 characters, starting with 005).");

    public Option<BulkJobType?> JobType { get; } = FilterOptions.JobType("With --all: only jobs of this type (default Classic, with PK chunking): Classic, V2Ingest or V2Query. Bulk API 2.0 jobs are reported, never closed nor upload-completed.");

    public IEnumerable<Option> Options => [All, UntilIdle, OlderThan, Object, Operation, CreatedBy, JobType];

    /// <summary>The filter options, which only make sense with --all.</summary>
    public IEnumerable<Option> Filters => [UntilIdle, OlderThan, Object, Operation, CreatedBy, JobType];

    /// <summary>The options, their help naming <paramref name="trigger"/> (the option that turns the org watcher on).</summary>
    public static WatchAllCommand Create(string trigger = "--all")
    {
        var c = new WatchAllCommand();
        foreach (var option in c.Options)
        {
            option.Description = option.Description?.Replace("With --all:", "With " + trigger + ":", StringComparison.Ordinal);
        }

        return c;
    }

    /// <summary>The library options for the parsed command line.</summary>
    public OrgWatchOptions ToOptions(ParseResult parse, bool close, TimeSpan? maxInterval)
    {
        var type = parse.GetValue(JobType) ?? BulkJobType.Classic;
        var options = new OrgWatchOptions
        {
            CloseWhenDone = close,
            StopWhenIdle = parse.GetValue(UntilIdle),
            Filter = new SweepFilter
            {
                OlderThan = parse.GetValue(OlderThan) ?? OrgWatchOptions.DefaultMinimumAge,
                Object = parse.GetValue(Object),
                Operation = parse.GetValue(Operation),
                CreatedById = parse.GetValue(CreatedBy),
                JobType = type,
                PkChunking = type == BulkJobType.Classic ? true : null,
            },
        };
        if (maxInterval is { } max)
        {
            options.MaxInterval = max;
        }

        return options;
    }

    /// <summary>Runs the watch: events on standard error (or JSON lines on standard output), then what was closed.</summary>
    public static async Task<int> RunAsync(CommandContext context, OrgWatcher watcher, CancellationToken cancellationToken)
    {
        OrgWatchReport report;
        var cancelled = false;
        try
        {
            report = await watcher.WatchAsync(new EventWriter(context), cancellationToken).ConfigureAwait(false);
        }
        catch (OrgWatchCancelledException e)
        {
            report = e.Report;
            cancelled = true;
        }

        if (context.Json)
        {
            WriteJsonLine(w => WriteStopped(w, report));
        }
        else
        {
            if (cancelled)
            {
                Console.Error.WriteLine("Cancelled.");
            }
            else if (report.StopReason == OrgWatchStopReason.SpendLimit)
            {
                Console.Error.WriteLine($"Stopped at the API floor: {report.StopDetail}. Jobs still followed were left as they are.");
            }

            WriteSummary(report);
        }

        return cancelled ? ExitCodes.Cancelled
            : report.StopReason == OrgWatchStopReason.SpendLimit ? ExitCodes.LimitReached
            : report.Jobs.Any(e => e.Kind is OrgWatchEventKind.CloseFailed) ? ExitCodes.PartialFailure
            : ExitCodes.Success;
    }

    /// <summary>The JSON spelling of an event kind: <c>seen</c>, <c>progress</c>, <c>closed</c>, <c>closedByOthers</c>, ….</summary>
    public static string JsonWord(OrgWatchEventKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static void WriteSummary(OrgWatchReport report)
    {
        var closed = report.Closed.ToList();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Closed {closed.Count} job{(closed.Count == 1 ? string.Empty : "s")}{(closed.Count == 0 ? "." : ":")}"));
        foreach (var e in closed)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {e.JobId}  {e.Job?.Object}  closed {e.At:yyyy-MM-dd HH:mm:ss}Z{(e.Kind == OrgWatchEventKind.ChunkingFailed ? "  (PK chunking failed)" : string.Empty)}"));
        }

        foreach (var e in report.Jobs.Where(e => !closed.Contains(e)))
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {e.JobId}  {JsonWord(e.Kind)}: {e.Message}"));
        }

        if (report.StillWatched.Count > 0)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Still followed, left as they are: {string.Join(", ", report.StillWatched)}"));
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"API calls: {report.CallsUsed} ({report.Listings} listings, {report.Reads} reads) in {report.Elapsed.TotalSeconds:0.#} s."));
    }

    private static void WriteEvent(Utf8JsonWriter w, OrgWatchEvent e)
    {
        w.WriteStartObject();
        w.WriteString("event", JsonWord(e.Kind));
        w.WriteString("at", JobJson.Date(e.At));
        if (e.Job is { } job)
        {
            w.WriteString("jobId", job.Id);
            w.WriteString("object", job.Object);
            w.WriteString("state", job.State.ToString());
            if (job.JobType is null || job.JobType == BulkJobType.Classic)
            {
                w.WriteNumber("batchesTotal", job.NumberBatchesTotal);
                w.WriteNumber("batchesCompleted", job.NumberBatchesCompleted);
                w.WriteNumber("batchesFailed", job.NumberBatchesFailed);
                w.WriteNumber("batchesInProgress", job.NumberBatchesInProgress);
                w.WriteNumber("batchesQueued", job.NumberBatchesQueued);
            }
        }

        w.WriteString("message", e.Message);
        w.WriteNumber("callsUsed", e.CallsUsed);
        if (e.FinishedAt is { } finished)
        {
            w.WriteString("finishedAt", JobJson.Date(finished));
        }

        if (e.Error is { } error)
        {
            JobJson.WriteError(w, "error", error);
        }

        w.WriteEndObject();
    }

    private static void WriteStopped(Utf8JsonWriter w, OrgWatchReport report)
    {
        w.WriteStartObject();
        w.WriteString("event", "stopped");
        var reason = report.StopReason.ToString();
        w.WriteString("reason", char.ToLowerInvariant(reason[0]) + reason[1..]);
        if (report.StopDetail is { } detail)
        {
            w.WriteString("detail", detail);
        }

        w.WriteStartArray("closed");
        foreach (var e in report.Closed)
        {
            w.WriteStringValue(e.JobId);
        }

        w.WriteEndArray();
        w.WriteStartArray("jobs");
        foreach (var e in report.Jobs)
        {
            w.WriteStartObject();
            w.WriteString("jobId", e.JobId);
            w.WriteString("outcome", JsonWord(e.Kind));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("stillWatched");
        foreach (var id in report.StillWatched)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteNumber("callsUsed", report.CallsUsed);
        w.WriteNumber("listings", report.Listings);
        w.WriteNumber("reads", report.Reads);
        w.WriteNumber("elapsedSeconds", Math.Round(report.Elapsed.TotalSeconds, 1));
        w.WriteEndObject();
    }

    /// <summary>One compact JSON document on one line of standard output, flushed at once (for log shippers).</summary>
    private static void WriteJsonLine(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = false }))
        {
            body(writer);
        }

        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }

    /// <summary>Writes each event as it happens: a JSON line on standard output, or a line on standard error.</summary>
    private sealed class EventWriter(CommandContext context) : IProgress<OrgWatchEvent>
    {
        public void Report(OrgWatchEvent value)
        {
            if (value.Kind == OrgWatchEventKind.Stopped)
            {
                return;
            }

            if (context.Json)
            {
                WriteJsonLine(w => WriteEvent(w, value));
            }
            else if (context.Verbosity >= Verbosity.Normal || (context.Verbosity > Verbosity.Quiet && value.EndsJob))
            {
                Console.Error.WriteLine(value.ToString());
            }
        }
    }
}
