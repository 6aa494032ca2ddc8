using System.Text.RegularExpressions;
using SfBulk.Cli.Output;
using SfBulk.Cli.Tests.Infrastructure;
using SfBulk.Models;
using SfBulk.Watching;
using Spectre.Console.Testing;

namespace SfBulk.Cli.Tests.Newcomer;

/// <summary>
/// The live watch display and the tables at the widths of real terminals (60, 80, 100 and 120 columns): ids are
/// whole, progress is visible, no line is wider than the terminal and none ends in a space.
/// </summary>
public sealed partial class TerminalWidthTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    public static TheoryData<int> Widths => [60, 80, 100, 120];

    [Theory]
    [MemberData(nameof(Widths))]
    public void WatchLines_RunningChunkedJob_ShowPercentAndBatchesWithinTheWidth(int width)
    {
        var frame = new WatchFrame(BulkJobState.Open, BulkApi.V1, 11, 5, 4, 2, 0, 1, 400_000, 0, 5, IsFinal: false);

        var lines = WatchLines.Format(frame, TimeSpan.FromSeconds(12), width);

        Assert.All(lines, line => Assert.True(line.Length < width, $"'{line}' is {line.Length} wide at {width} columns."));
        var text = string.Join('\n', lines);
        Assert.Contains("45%", text, StringComparison.Ordinal);
        Assert.Contains("5/11", text, StringComparison.Ordinal);
        Assert.Contains("0:12", text, StringComparison.Ordinal);
        Assert.NotEqual("…", lines[0].Trim());
        Assert.Equal(width >= WatchLines.WideFrom ? 2 : 1, lines.Count);
        if (width >= WatchLines.WideFrom)
        {
            Assert.Contains("400,000 records", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void WatchLines_Bulk2JobAndFirstPoll_SayWhatIsKnown(int width)
    {
        var v2 = new WatchFrame(BulkJobState.InProgress, BulkApi.V2, 0, 0, 0, 0, 0, 0, 5_000, 0, 3, IsFinal: false);

        var running = string.Join('\n', WatchLines.Format(v2, TimeSpan.FromSeconds(3), width));
        var first = string.Join('\n', WatchLines.Format(null, TimeSpan.Zero, width));

        Assert.Contains("--%", running, StringComparison.Ordinal);
        Assert.Contains("InProgress", running, StringComparison.Ordinal);
        Assert.Contains("Reading the job", first, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task LiveDisplay_RealChunkedJob_EndsWithWholeProgressAtTheTerminalWidth(int width)
    {
        var jobId = await emulator.OpenJobAsync("""{"operation":"query","pkChunking":{"chunkSize":100000},"chunks":3,"chunkDurationSeconds":0.5}""");
        using var connection = SalesforceConnection.FromExternalSession(emulator.Server.BaseUri, await emulator.LoginAsync(), "66.0");
        var watcher = new JobWatcher(new BulkJobClient(connection), new WatchOptions { Api = BulkApi.V1, Timeout = TimeSpan.FromSeconds(30), InitialInterval = TimeSpan.FromSeconds(1) });
        var console = new TestConsole().Width(width).Interactive().EmitAnsiSequences();

        var result = await WatchDisplay.LiveAsync(console, watcher.WatchProgressAsync(jobId, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

        Assert.Equal(WatchOutcome.Completed, result.Outcome);
        var frames = Ansi().Replace(console.Output, "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(frames);
        Assert.All(frames, line => Assert.True(line.Length < width, $"'{line}' is {line.Length} wide at {width} columns."));
        Assert.Contains(frames, line => line.Contains("100%", StringComparison.Ordinal));
        Assert.Contains(frames, line => line.Contains("4/4", StringComparison.Ordinal));
        Assert.DoesNotContain(frames, line => line.Trim() == "…");

        // The final JobInfo: the not-processed original batch counted, numbers with separators.
        var job = JobTable.JobLines(result.Job, width).ToList();
        AssertFits(job, width);
        var words = string.Join(' ', job.Select(l => l.Trim()));
        Assert.Contains("3 completed, 0 failed, 1 not processed", words, StringComparison.Ordinal);
        Assert.Contains("300,000 processed", words, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void SweepReport_LongReasonsAndUrls_KeepIdsAndUserIdsWhole(int width)
    {
        string[][] rows =
        [
            ["750R00000000001IAA", "Classic", "insert", "Account", "005R00000000002IAA", "3d", "failed", "InvalidUser (HTTP 400)"],
            ["750R00000000002IAA", "V2Query", "query", "Opportunity", "005R00000000001IAA", "1d", "skipped", "Bulk API 2.0 query job (InProgress): query jobs have no Closed state; abort it to stop it (sweep --abort)."],
        ];
        var table = new LongTable()
            .Column("Id").Column("Type", fit: ColumnFit.Drop).Column("Operation", fit: ColumnFit.Drop, dropRank: 1).Column("Object", fit: ColumnFit.Drop, dropRank: 1)
            .Column("Created by", fit: ColumnFit.Drop, dropRank: 2).Column("Age", rightAligned: true, fit: ColumnFit.Drop, dropRank: 2)
            .Column("Outcome", fit: ColumnFit.Wrap).Column("Details", fit: ColumnFit.Wrap);

        var lines = table.Lines(rows, r => r, width).ToList();

        AssertFits(lines, width);
        Assert.Contains(lines, l => l.Contains("750R00000000001IAA", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("750R00000000002IAA", StringComparison.Ordinal));
        if (width >= 80)
        {
            Assert.Contains(lines, l => l.Contains("005R00000000002IAA", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task ListAndSweepPlan_ThroughTheCli_KeepIdsWholeAtEveryWidth(int width)
    {
        var creator = await emulator.UserIdAsync("integration@sfbulk.test");
        var ids = await emulator.SeedClassicAsync("""{"count":3,"ageSeconds":90000,"createdBy":"integration@sfbulk.test"}""");
        var session = await emulator.SessionArgsAsync();
        var environment = new Dictionary<string, string?> { ["COLUMNS"] = width.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var list = await CliProcess.RunAsync(["list", "--state", "Open", .. session], environment);
        var plan = await CliProcess.RunAsync(["sweep", "--dry-run", "--older-than", "24h", .. session], environment);

        foreach (var result in new[] { list, plan })
        {
            CliAssert.ExitCode(0, result);
            var lines = result.StdOut.TrimEnd('\n').Split('\n');

            // The table fits; the sentences after it (summaries) are left for the terminal to wrap.
            AssertFits(lines.Where(l => l.StartsWith("750", StringComparison.Ordinal) || l.StartsWith("Id ", StringComparison.Ordinal) || l.StartsWith('─') || l.StartsWith(' ')), width);
            Assert.All(lines, l => Assert.False(l.EndsWith(' '), $"'{l}' ends in a space."));
            Assert.All(ids, id => Assert.Contains(lines, l => l.Contains(id, StringComparison.Ordinal)));
            Assert.Contains(lines, l => l.Contains(creator, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, string.IsNullOrWhiteSpace);
        }
    }

    private static void AssertFits(IEnumerable<string> lines, int width)
    {
        foreach (var line in lines)
        {
            Assert.True(line.Length <= width, $"'{line}' is {line.Length} wide at {width} columns.");
            Assert.False(line.EndsWith(' '), $"'{line}' ends in a space.");
        }
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\r")]
    private static partial Regex Ansi();
}
