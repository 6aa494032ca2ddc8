using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

public sealed class CloseCommandTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    [Fact]
    public async Task Close_OpenJob_ClosesAndPrintsJobInfoJson()
    {
        var id = await emulator.OpenJobAsync();
        var result = await CliProcess.RunAsync(["close", id, "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var json = Assert.Single(CliAssert.Json(result).EnumerateArray());
        Assert.Equal(id, json.GetProperty("id").GetString());
        Assert.Equal("Closed", json.GetProperty("state").GetString());
        Assert.Equal("closed", json.GetProperty("outcome").GetString());
        Assert.Equal("insert", json.GetProperty("operation").GetString());
        Assert.Equal("Account", json.GetProperty("object").GetString());
        Assert.Equal(66.0m, json.GetProperty("apiVersion").GetDecimal());
        Assert.Equal(0, json.GetProperty("numberBatchesTotal").GetInt32());
    }

    [Fact]
    public async Task Close_AlreadyClosedJob_ReportsAlreadyClosedAndExitsZero()
    {
        var id = await emulator.OpenJobAsync("""{"state":"Closed"}""");
        var result = await CliProcess.RunAsync(["close", id, .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Matches($@"{id}\s+already closed", result.StdOut);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Close_FifteenCharacterId_ClosesTheJob()
    {
        var id = await emulator.OpenJobAsync();
        var result = await CliProcess.RunAsync(["close", id[..15], "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Equal(id, CliAssert.Json(result)[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Close_StateAborted_AbortsTheJob()
    {
        var id = await emulator.OpenJobAsync();
        var result = await CliProcess.RunAsync(["close", id, "--state", "aborted", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Equal("Aborted", CliAssert.Json(result)[0].GetProperty("state").GetString());
        Assert.Equal("aborted", CliAssert.Json(result)[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Abort_AbortedJob_ReportsAlreadyAborted()
    {
        var id = await emulator.OpenJobAsync("""{"state":"Aborted"}""");
        var result = await CliProcess.RunAsync(["abort", id, "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Equal("alreadyAborted", CliAssert.Json(result)[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Close_AbortedJob_ExitsFiveSayingAbortedNotClosed()
    {
        var id = await emulator.OpenJobAsync("""{"state":"Aborted"}""");
        var result = await CliProcess.RunAsync(["close", id, "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(5, result);
        var json = CliAssert.Json(result)[0];
        Assert.Equal("alreadyAborted", json.GetProperty("outcome").GetString());
        Assert.Equal("Aborted", json.GetProperty("state").GetString());
        Assert.Contains("aborted (its queued batches were dropped), not closed", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_AbortedV2Job_ExitsFiveSayingAbortedNotClosed()
    {
        var id = (await emulator.SeedV2Async("""{"state":"Aborted"}"""))[0];
        var result = await CliProcess.RunAsync(["close", id, .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(5, result);
        Assert.Matches($@"{id}\s+already aborted", result.StdOut);
        Assert.Contains("not closed", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_SeveralJobs_ReportsEveryJobAsArray()
    {
        var ids = await emulator.SeedClassicAsync("""{"count":20}""");
        var closed = await emulator.OpenJobAsync("""{"state":"Closed"}""");
        var result = await CliProcess.RunAsync(["close", .. ids, closed, "--parallelism", "4", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var jobs = CliAssert.Json(result).EnumerateArray().ToList();
        Assert.Equal(21, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("Closed", j.GetProperty("state").GetString()));
        Assert.Equal("alreadyClosed", jobs[^1].GetProperty("outcome").GetString());
        Assert.Contains("All 21 jobs done.", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_OneOfSeveralMissing_ReportsItAndExitsOne()
    {
        var id = await emulator.OpenJobAsync();
        const string Missing = "750R0000000zzzzIAA";
        var result = await CliProcess.RunAsync(["close", id, Missing, "--api", "1", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(1, result);
        var jobs = CliAssert.Json(result).EnumerateArray().ToList();
        Assert.Equal("closed", jobs[0].GetProperty("outcome").GetString());
        Assert.Equal("failed", jobs[1].GetProperty("outcome").GetString());
        Assert.Equal(Missing, jobs[1].GetProperty("id").GetString());
        Assert.Equal("InvalidJob", jobs[1].GetProperty("error").GetProperty("errorCode").GetString());
        Assert.Equal(400, jobs[1].GetProperty("error").GetProperty("statusCode").GetInt32());
        Assert.Contains($"error: {Missing}: InvalidJob (HTTP 400)", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("1 of 2 jobs done, 1 failed.", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_MissingJob_ExitsFiveWithSalesforceCode()
    {
        var result = await CliProcess.RunAsync(["close", "750R0000000zzzzIAA", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(5, result);
        Assert.Matches(@"750R0000000zzzzIAA\s+failed\s+InvalidJob", result.StdOut);
        Assert.Contains("InvalidJob (HTTP 400)", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Close_V2IngestJob_SetsUploadComplete()
    {
        var id = (await emulator.SeedV2Async("""{"kind":"V2Ingest"}"""))[0];
        var result = await CliProcess.RunAsync(["close", id, "--api", "2", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Equal("UploadComplete", CliAssert.Json(result)[0].GetProperty("state").GetString());
        Assert.Equal(id, CliAssert.Json(result)[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Close_OpenV2IngestJob_SaysSalesforceNowProcessesTheUploadedData()
    {
        var id = (await emulator.SeedV2Async("""{"kind":"V2Ingest","operation":"hardDelete","state":"Open"}"""))[0];
        var other = (await emulator.SeedV2Async("""{"kind":"V2Ingest","state":"Open"}"""))[0];
        var args = await emulator.SessionArgsAsync();

        var json = await CliProcess.RunAsync(["close", id, "--output", "json", .. args]);
        var text = await CliProcess.RunAsync(["close", other, .. args]);

        CliAssert.ExitCode(0, json);
        Assert.Equal("UploadComplete", CliAssert.Json(json)[0].GetProperty("state").GetString());
        Assert.Equal("upload marked complete: Salesforce now processes the uploaded data", CliAssert.Json(json)[0].GetProperty("note").GetString());
        CliAssert.ExitCode(0, text);
        Assert.Matches($@"{other}\s+closed\s+UploadComplete · insert Account · upload marked complete: Salesforce now processes the uploaded data", text.StdOut);
    }

    [Fact]
    public async Task Close_ClassicJob_CarriesNoUploadNote()
    {
        var id = await emulator.OpenJobAsync();

        var result = await CliProcess.RunAsync(["close", id, "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.False(CliAssert.Json(result)[0].TryGetProperty("note", out _));
    }

    [Fact]
    public async Task Close_V2QueryJobWithStateClosed_ExitsTwoAndSaysAbortInstead()
    {
        var id = (await emulator.SeedV2Async("""{"kind":"V2Query","state":"InProgress"}"""))[0];
        var result = await CliProcess.RunAsync(["close", id, .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(2, result);
        Assert.Contains("Abort it instead", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_JsonJobWithFormatJson_Closes()
    {
        var id = await emulator.OpenJobAsync("""{"contentType":"JSON"}""");
        var result = await CliProcess.RunAsync(["close", id, "--format", "json", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Equal("JSON", CliAssert.Json(result)[0].GetProperty("contentType").GetString());
        Assert.Equal("Closed", CliAssert.Json(result)[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Close_SessionIdFromStdin_ClosesAndNeverEchoesIt()
    {
        var id = await emulator.OpenJobAsync();
        var session = await emulator.LoginAsync();
        var result = await CliProcess.RunAsync(["close", id, "--instance-url", emulator.Url, "--session-id", "-", "-v", "diag"], stdin: session + "\n");

        CliAssert.ExitCode(0, result);
        Assert.Contains("POST", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("/services/async/66.0/job/" + id, result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, session, Canaries.Password);
    }

    [Fact]
    public async Task Close_EmptyStdinForSessionId_ExitsTwo()
    {
        var result = await CliProcess.RunAsync(["close", "750R00000000001IAA", "--instance-url", emulator.Url, "--session-id", "-"], stdin: string.Empty);

        CliAssert.ExitCode(2, result);
        Assert.Contains("standard input is empty", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_InvalidSession_ExitsThree()
    {
        var id = await emulator.OpenJobAsync();
        var result = await CliProcess.RunAsync(["close", id, "--instance-url", emulator.Url, "--session-id", "00Dnot-a-session"]);

        CliAssert.ExitCode(3, result);
        Assert.Contains("EXTERNAL_SESSION_EXPIRED", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("hint:", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, "00Dnot-a-session");
    }

    [Fact]
    public async Task Close_InstanceUrlWithoutSessionId_ExitsTwo()
    {
        var result = await CliProcess.RunAsync(["close", "750R00000000001IAA", "--instance-url", emulator.Url]);

        CliAssert.ExitCode(2, result);
        Assert.Contains("--instance-url and --session-id go together", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123", "is not a job id")]
    [InlineData("751R00000000001IAA", "751 is a batch id")]
    [InlineData("750R00000000001XXX", "checksum")]
    public async Task Close_MalformedJobId_ExitsTwoBeforeAnyCall(string id, string message)
    {
        using var server = new BlackHoleServer();
        var result = await CliProcess.RunAsync(["close", id, "--instance-url", server.Url, "--session-id", "x"]);

        CliAssert.RefusedBeforeAnyCall(result, server, message);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Theory]
    [InlineData("--state", "Deleted", "is not a close state")]
    [InlineData("--timeout", "ten", "is not a duration")]
    [InlineData("--timeout", "5parsecs", "unknown unit")]
    [InlineData("--api", "3", "--api")]
    [InlineData("--format", "csv", "--format")]
    [InlineData("--parallelism", "0", "--parallelism must be from 1 to 64")]
    [InlineData("--parallelism", "abc", "abc")]
    [InlineData("--instance-url", "http://example.com", "plain http")]
    [InlineData("--instance-url", "not a url", "not an absolute URL")]
    [InlineData("--output", "yaml", "not an output format")]
    [InlineData("--verbosity", "loud", "not a verbosity")]
    public async Task Close_BadOption_ExitsTwo(string option, string value, string message)
    {
        var result = await CliProcess.RunAsync(["close", "750R00000000001IAA", option, value, "--session-id", "x"]);

        CliAssert.ExitCode(2, result);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Run 'sfbulk close --help' for usage.", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Close_NoConnectionConfigured_ExitsFourAndSaysHowToConfigure()
    {
        var result = await CliProcess.RunAsync(["close", "750R00000000001IAA"]);

        CliAssert.ExitCode(4, result);
        Assert.Contains("sfbulk connection add", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--target-org", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("SFBULK_INSTANCE_URL", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Close_UnresponsiveInstanceWithTimeout_ExitsSix()
    {
        using var server = new BlackHoleServer();
        var result = await CliProcess.RunAsync(["close", "750R00000000001IAA", "--timeout", "1s", "--instance-url", server.Url, "--session-id", "x"]);

        CliAssert.ExitCode(6, result);
        Assert.Contains("TIMEOUT", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--timeout", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Close_Interrupted_StopsCleanlyWithExitCode130()
    {
        using var server = new BlackHoleServer();
        using var process = System.Diagnostics.Process.Start(CliProcess.StartInfo(["close", "750R00000000001IAA", "--instance-url", server.Url, "--session-id", "x"]))!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (server.Accepted == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(15));
        await process.WaitForExitAsync(wait.Token);
        Assert.Equal(130, process.ExitCode);
        var errors = await stderr;
        Assert.Contains("Cancelled.", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }
}
