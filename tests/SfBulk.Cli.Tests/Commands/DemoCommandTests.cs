using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_NotATerminal_PrintsPlainProgressAndClosesTheChunkedJob()
    {
        var result = await CliProcess.RunAsync(["demo"], timeout: TimeSpan.FromSeconds(60));

        CliAssert.ExitCode(0, result);
        Assert.Contains("Sforce-Enable-PKChunking: chunkSize=100000", result.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"\] Open · batches \d+/11 done \(\d running, \d queued, 0 failed, 1 not processed\)", result.StdOut);
        Assert.Contains("Closed · batches 11/11 done (0 running, 0 queued, 0 failed, 1 not processed) · 1,000,000 records", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("4. All 10 chunks are done (10 completed, 0 failed); sfbulk closed the job", result.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"State\s+Closed", result.StdOut);
        Assert.Matches(@"Batches\s+11 total: 0 queued, 0 in progress, 10 completed, 0 failed, 1 not processed", result.StdOut);
        Assert.Matches(@"API calls: \d+ in all — the integration 3 \(login, create job, add batch\),\nsfbulk \d+ \(\d+ job reads, \d+ batch-list reads?, 1 close\)", result.StdOut);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Demo_JsonOutput_PrintsFinalJobAndApiCalls()
    {
        var result = await CliProcess.RunAsync(["demo", "--output", "json", "--time-scale", "60"], timeout: TimeSpan.FromSeconds(60));

        CliAssert.ExitCode(0, result);
        var json = CliAssert.Json(result);
        Assert.Equal("Closed", json.GetProperty("job").GetProperty("state").GetString());
        Assert.Equal(1_000_000, json.GetProperty("job").GetProperty("numberRecordsProcessed").GetInt64());
        Assert.Equal(10, json.GetProperty("chunks").GetInt32());
        var calls = json.GetProperty("apiCalls");
        Assert.Equal(3, calls.GetProperty("integration").GetInt32());
        Assert.Equal(calls.GetProperty("total").GetInt32(), calls.GetProperty("integration").GetInt32() + calls.GetProperty("sfbulk").GetInt32());
        // Every request sfbulk sent is one the library's watcher counted, the close included.
        Assert.Equal(calls.GetProperty("watcher").GetInt32(), calls.GetProperty("sfbulk").GetInt32());
        Assert.InRange(calls.GetProperty("jobReads").GetInt32(), 2, calls.GetProperty("watcher").GetInt32() - 1);
        Assert.Equal("closed", json.GetProperty("outcome").GetString());
        Assert.Contains("Closed · batches 11/11 done", result.StdErr, StringComparison.Ordinal);
    }
}
