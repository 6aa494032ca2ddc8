using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

public sealed class ListCommandTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    private async Task<List<string>> ListIdsAsync(params string[] args)
    {
        var result = await CliProcess.RunAsync(["list", "--output", "json", .. args, .. await emulator.SessionArgsAsync()]);
        CliAssert.ExitCode(0, result);
        return [.. CliAssert.Json(result).EnumerateArray().Select(j => j.GetProperty("id").GetString()!)];
    }

    [Fact]
    public async Task List_StateOpen_ListsOnlyOpenJobs()
    {
        var open = await emulator.OpenJobAsync();
        var closed = await emulator.OpenJobAsync("""{"state":"Closed"}""");

        var ids = await ListIdsAsync("--state", "open");

        Assert.Contains(open, ids);
        Assert.DoesNotContain(closed, ids);
    }

    [Fact]
    public async Task List_OlderThan_ListsOnlyOldJobs()
    {
        var old = await emulator.OpenJobAsync("""{"ageSeconds":90000}""");
        var fresh = await emulator.OpenJobAsync();

        var ids = await ListIdsAsync("--older-than", "24h");

        Assert.Contains(old, ids);
        Assert.DoesNotContain(fresh, ids);
    }

    [Fact]
    public async Task List_Object_ListsOnlyThatObject()
    {
        var lead = await emulator.OpenJobAsync("""{"object":"Lead"}""");
        var account = await emulator.OpenJobAsync();

        var ids = await ListIdsAsync("--object", "lead");

        Assert.Contains(lead, ids);
        Assert.DoesNotContain(account, ids);
    }

    [Fact]
    public async Task List_JobTypeAndPkChunking_FilterOnSalesforce()
    {
        var chunked = await emulator.OpenJobAsync("""{"operation":"query","pkChunking":true}""");
        var plain = await emulator.OpenJobAsync();
        var v2 = (await emulator.SeedV2Async("""{"kind":"V2Ingest"}"""))[0];

        var classic = await ListIdsAsync("--job-type", "Classic");
        var pk = await ListIdsAsync("--pk-chunking");
        var ingest = await ListIdsAsync("--job-type", "V2Ingest");

        Assert.Contains(plain, classic);
        Assert.DoesNotContain(v2, classic);
        Assert.Contains(chunked, pk);
        Assert.DoesNotContain(plain, pk);
        Assert.Contains(v2, ingest);
        Assert.DoesNotContain(plain, ingest);
    }

    [Fact]
    public async Task List_ManyJobs_ReadsEveryPage()
    {
        var ids = await emulator.SeedClassicAsync("""{"count":2500,"object":"Case"}""");

        var listed = await ListIdsAsync("--object", "Case");

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_Text_PrintsTableAndCount()
    {
        var id = await emulator.OpenJobAsync("""{"object":"Merchandise__c"}""");
        var result = await CliProcess.RunAsync(["list", "--object", "Merchandise__c", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Matches(id + @"\s+Classic\s+insert\s+Merchandise__c\s+Open", result.StdOut);
        Assert.Contains("1 job.", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--state", "Running")]
    [InlineData("--job-type", "V3")]
    [InlineData("--older-than", "-5m")]
    public async Task List_BadFilter_ExitsTwo(string option, string value)
    {
        var result = await CliProcess.RunAsync(["list", option, value]);

        CliAssert.ExitCode(2, result);
        CliAssert.Clean(result);
    }
}
