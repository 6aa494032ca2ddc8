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
        Assert.Contains("original batch NotProcessed; chunks: 10 total, 10 completed", result.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"State\s+Closed", result.StdOut);
        Assert.Matches(@"Batches\s+11 total: 0 queued, 0 in progress, 10 completed, 0 failed", result.StdOut);
        Assert.Matches(@"API calls: \d+ in all", result.StdOut);
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
        Assert.Equal(calls.GetProperty("batchListReads").GetInt32() + 1, calls.GetProperty("sfbulk").GetInt32());
        Assert.Contains("chunks:", result.StdErr, StringComparison.Ordinal);
    }
}
