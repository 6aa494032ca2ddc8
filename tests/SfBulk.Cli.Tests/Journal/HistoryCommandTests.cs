using SfBulk.Cli.Tests.Infrastructure;
using SfBulk.Journal;

namespace SfBulk.Cli.Tests.Journal;

public sealed class HistoryCommandTests : IDisposable
{
    private const string OrgA = "00DR00000000007R0A";
    private const string OrgB = "00DR00000000009R0C";
    private readonly JournalFolder _folder = new();

    public HistoryCommandTests()
    {
        var journal = new JsonLinesJobJournal(_folder.FilePath);
        var now = DateTimeOffset.UtcNow;
        journal.Append(Entry("750R00000000001IAA", now - TimeSpan.FromDays(3), OrgA));
        journal.Append(Entry("750R00000000002IAA", now - TimeSpan.FromHours(2), OrgA));
        journal.Append(Entry("750R00000000003IAA", now - TimeSpan.FromMinutes(5), OrgB));
        journal.Append(Entry("750R00000000002IAA", now - TimeSpan.FromMinutes(1), OrgA) with { Outcome = "aborted", StateBefore = null, StateAfter = "Aborted" });
    }

    [Theory]
    [InlineData(new string[0], new[] { "750R00000000001IAA", "750R00000000002IAA", "750R00000000003IAA", "750R00000000002IAA" })]
    [InlineData(new[] { "--since", "1d" }, new[] { "750R00000000002IAA", "750R00000000003IAA", "750R00000000002IAA" })]
    [InlineData(new[] { "--job", "750R00000000002" }, new[] { "750R00000000002IAA", "750R00000000002IAA" })]
    [InlineData(new[] { "--org", OrgB }, new[] { "750R00000000003IAA" })]
    [InlineData(new[] { "--org", "00DR00000000007", "--since", "1h" }, new[] { "750R00000000002IAA" })]
    public async Task History_Filters_ShowsMatchingEntriesOldestFirst(string[] filters, string[] expected)
    {
        var result = await CliProcess.RunAsync(["history", "--output", "json", .. filters], _folder.Environment);

        CliAssert.ExitCode(0, result);
        Assert.Equal(expected, CliAssert.Json(result).EnumerateArray().Select(e => e.GetProperty("jobId").GetString()));
    }

    [Fact]
    public async Task History_Text_TableAndTornLineWarning()
    {
        await File.AppendAllTextAsync(_folder.FilePath, "{\"time\":\"2026", TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(["history"], _folder.Environment);

        CliAssert.ExitCode(0, result);
        Assert.Matches(@"750R00000000002IAA\s+bulk-1\.0\s+\? → Aborted\s+aborted", result.StdOut);
        Assert.Contains("warning: ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("line 5 is incomplete", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--org", "001R00000000001")]
    [InlineData("--job", "12345")]
    [InlineData("--since", "soon")]
    public async Task History_BadFilter_ExitsTwo(string option, string value)
    {
        var result = await CliProcess.RunAsync(["history", option, value], _folder.Environment);

        CliAssert.ExitCode(2, result);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task History_NoJournal_SaysEmpty()
    {
        using var empty = new JournalFolder();

        var result = await CliProcess.RunAsync(["history"], empty.Environment);

        CliAssert.ExitCode(0, result);
        Assert.Contains("The journal is empty", result.StdOut, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static JobJournalEntry Entry(string jobId, DateTimeOffset time, string orgId) =>
        new(time, orgId, "mycompany.my.salesforce.com", "005R00000000001AAA", jobId, "bulk-1.0", "Open", "Closed", "closed", 1, "close", "1.0.0", "build-agent-7");
}
