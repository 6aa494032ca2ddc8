using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

public sealed class ShowCommandTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    [Fact]
    public async Task Show_Job_PrintsJobInfoWithSalesforceFieldNames()
    {
        var id = await emulator.OpenJobAsync("""{"operation":"upsert","object":"Contact"}""");
        var result = await CliProcess.RunAsync(["show", id, "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var json = CliAssert.Json(result);
        Assert.Equal(id, json.GetProperty("id").GetString());
        Assert.Equal("upsert", json.GetProperty("operation").GetString());
        Assert.Equal("Contact", json.GetProperty("object").GetString());
        Assert.Equal("Open", json.GetProperty("state").GetString());
        Assert.Equal("External_Id__c", json.GetProperty("externalIdFieldName").GetString());
        Assert.StartsWith("005", json.GetProperty("createdById").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", json.GetProperty("createdDate").GetString(), StringComparison.Ordinal);
        Assert.False(json.TryGetProperty("batches", out _));
    }

    [Fact]
    public async Task Show_Text_PrintsReadableTable()
    {
        var id = await emulator.OpenJobAsync();
        var result = await CliProcess.RunAsync(["show", id, .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Matches(@"Id\s+" + id, result.StdOut);
        Assert.Matches(@"State\s+Open", result.StdOut);
        Assert.Matches(@"Object\s+Account", result.StdOut);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Show_Batches_ListsStateCountsAndRows()
    {
        var id = await emulator.OpenJobAsync("""{"batches":3,"ageSeconds":3600}""");
        var result = await CliProcess.RunAsync(["show", id, "--batches", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Contains("3 batches: 3 Completed", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(3, result.StdOut.Split('\n').Count(l => l.TrimStart().StartsWith("751", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Show_BatchesJson_AddsBatchArray()
    {
        var id = await emulator.OpenJobAsync("""{"operation":"query","pkChunking":{"chunkSize":250000},"ageSeconds":3600}""");
        var result = await CliProcess.RunAsync(["show", id, "--batches", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var batches = CliAssert.Json(result).GetProperty("batches").EnumerateArray().ToList();
        Assert.Equal(5, batches.Count);
        Assert.Equal("NotProcessed", batches[0].GetProperty("state").GetString());
        Assert.All(batches, b => Assert.Equal(id, b.GetProperty("jobId").GetString()));
    }

    [Fact]
    public async Task Show_V2JobWithBatches_WarnsAndShowsJob()
    {
        var id = (await emulator.SeedV2Async("""{"kind":"V2Ingest"}"""))[0];
        var result = await CliProcess.RunAsync(["show", id, "--batches", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Equal("V2Ingest", CliAssert.Json(result).GetProperty("jobType").GetString());
        Assert.Contains("only Bulk API 1.0 jobs have batches", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_MissingJob_ExitsFive()
    {
        var result = await CliProcess.RunAsync(["show", "750R0000000zzzzIAA", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(5, result);
        Assert.Contains("No Bulk API job 750R0000000zzzzIAA was found", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Show_TwoIds_ExitsTwo()
    {
        var result = await CliProcess.RunAsync(["show", "750R00000000001IAA", "750R00000000002IAA"]);

        CliAssert.ExitCode(2, result);
    }
}
