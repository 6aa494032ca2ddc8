using System.Text;
using SfBulk.Journal;

namespace SfBulk.Tests.Journal;

public sealed class JsonLinesJobJournalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sfbulk-journal-tests", Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(_folder, "state", "journal.jsonl");

    [Fact]
    public void Append_ThenRead_RoundTripsEveryField()
    {
        var journal = new JsonLinesJobJournal(FilePath);
        var entry = Entry("750R00000000001IAA") with { ErrorCode = "InvalidJobState" };

        journal.Append(entry);
        var read = JsonLinesJobJournal.Read(FilePath);

        Assert.Equal([entry], read);
    }

    [Fact]
    public void Append_NewFile_OwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        new JsonLinesJobJournal(FilePath).Append(Entry("750R00000000001IAA"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(FilePath)!));
    }

    [Fact]
    public void Read_TornLastLine_SkippedWithWarning()
    {
        var journal = new JsonLinesJobJournal(FilePath);
        journal.Append(Entry("750R00000000001IAA"));
        File.AppendAllText(FilePath, "{\"time\":\"2026-12-03T10:00:00.000Z\",\"orgId\":\"00D");
        var warnings = new List<string>();

        var read = JsonLinesJobJournal.Read(FilePath, warnings.Add);

        Assert.Single(read);
        Assert.Contains("line 2 is incomplete", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Append_AfterTornLine_StartsOnANewLineSoBothWholeEntriesRead()
    {
        var journal = new JsonLinesJobJournal(FilePath);
        journal.Append(Entry("750R00000000001IAA"));
        File.AppendAllText(FilePath, "{\"time\":\"2026-12-03T10:00");
        var warnings = new List<string>();

        journal.Append(Entry("750R00000000002IAA"));
        var read = JsonLinesJobJournal.Read(FilePath, warnings.Add);

        Assert.Equal(["750R00000000001IAA", "750R00000000002IAA"], read.Select(e => e.JobId));
        Assert.Contains("line 2 is not a whole journal entry", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Append_PastMaxBytes_RotatesAndReadsBothFiles()
    {
        var journal = new JsonLinesJobJournal(FilePath, maxBytes: 1024);
        var count = 0;
        while (!File.Exists(journal.RotatedPath))
        {
            journal.Append(Entry($"750R{++count:D11}IAA"));
        }

        journal.Append(Entry($"750R{++count:D11}IAA"));
        var read = JsonLinesJobJournal.Read(FilePath);

        Assert.True(new FileInfo(journal.RotatedPath).Length >= 1024);
        Assert.True(new FileInfo(FilePath).Length < 1024);
        Assert.Equal(count, read.Count);
        Assert.Equal(read.Select(e => e.JobId).Order(StringComparer.Ordinal), read.Select(e => e.JobId));
    }

    [Fact]
    public void Append_ManyThreads_EveryLineWhole()
    {
        var journal = new JsonLinesJobJournal(FilePath);

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => journal.Append(Entry($"750R{i:D11}IAA")));
        var lines = File.ReadAllLines(FilePath, Encoding.UTF8);

        Assert.Equal(400, lines.Length);
        Assert.Equal(400, JsonLinesJobJournal.Read(FilePath, w => Assert.Fail(w)).Select(e => e.JobId).Distinct().Count());
    }

    [Fact]
    public void Read_Missing_Empty() => Assert.Empty(JsonLinesJobJournal.Read(FilePath));

    [Fact]
    public void Line_HoldsNoSessionOrToken()
    {
        new JsonLinesJobJournal(FilePath).Append(Entry("750R00000000001IAA"));

        var text = File.ReadAllText(FilePath);
        Assert.DoesNotContain("session", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    internal static JobJournalEntry Entry(string jobId, DateTimeOffset? time = null, string orgId = "00DR00000000007R0A") => new(
        time ?? new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero),
        orgId,
        "mycompany.my.salesforce.com",
        "005R00000000001AAA",
        jobId,
        "bulk-1.0",
        "Open",
        "Closed",
        "closed",
        1,
        "close",
        "1.0.0",
        "build-agent-7");
}
