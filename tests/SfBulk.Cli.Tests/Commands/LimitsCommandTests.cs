using System.Text.Json;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

public sealed class LimitsCommandTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    [Fact]
    public async Task Limits_Json_KeepsSalesforceNamesWithMaxAndRemaining()
    {
        await emulator.PostControlAsync("_emulator/limits", """{"DailyBulkApiBatches":{"used":1500},"DailyBulkV2QueryJobs":{"used":250}}""");

        var result = await CliProcess.RunAsync(["limits", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var json = CliAssert.Json(result);
        Assert.Equal(["DailyApiRequests", "DailyBulkApiBatches", "DailyBulkV2QueryJobs", "DailyBulkV2QueryFileStorageMB"], json.EnumerateObject().Select(p => p.Name));
        var batches = json.GetProperty("DailyBulkApiBatches");
        Assert.Equal(15_000, batches.GetProperty("Max").GetInt64());
        Assert.Equal(13_500, batches.GetProperty("Remaining").GetInt64());
        Assert.Equal(0.1, batches.GetProperty("shareUsed").GetDouble());
        Assert.Equal(9_750, json.GetProperty("DailyBulkV2QueryJobs").GetProperty("Remaining").GetInt64());
        using var control = JsonDocument.Parse(await emulator.Http.GetStringAsync("_emulator/limits", TestContext.Current.CancellationToken));
        Assert.Equal(control.RootElement.GetProperty("DailyApiRequests").GetProperty("remaining").GetInt64(), json.GetProperty("DailyApiRequests").GetProperty("Remaining").GetInt64());
    }

    [Fact]
    public async Task Limits_Text_TableWithShareUsed()
    {
        await emulator.PostControlAsync("_emulator/limits", """{"DailyBulkV2QueryFileStorageMB":{"max":1000,"used":125}}""");

        var result = await CliProcess.RunAsync(["limits", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Matches(@"DailyBulkV2QueryFileStorageMB\s+1,000\s+875\s+12\.5%", result.StdOut);
        Assert.Contains("DailyApiRequests", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("DailyBulkApiBatches", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("DailyBulkV2QueryJobs", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_All_ListsAllocationsSfbulkDoesNotKnow()
    {
        var result = await CliProcess.RunAsync(["limits", "--all", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.True(CliAssert.Json(result).TryGetProperty("DataStorageMB", out _));
    }
}
