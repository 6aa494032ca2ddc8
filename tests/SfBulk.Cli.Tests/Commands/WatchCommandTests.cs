using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

public sealed class WatchCommandTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    private const string JobRead = "GET /services/async/{version}/job/{jobId}";

    /// <summary>40 chunks of 30 s on 4 slots: about 5 emulated minutes, longer than any test waits in real time.</summary>
    private const string LongChunkedJob = """{"operation":"query","pkChunking":true,"chunks":40,"chunkDurationSeconds":30}""";

    [Fact]
    public async Task Watch_PkChunkedJob_WaitsForEveryChunkAndLeavesTheJobOpen()
    {
        var id = await emulator.OpenJobAsync(LongChunkedJob);
        var session = await emulator.SessionArgsAsync();
        var before = await emulator.TotalRequestsAsync();
        var result = await WatchThroughTimeJumpAsync(["watch", id, "--output", "json", .. session]);

        CliAssert.ExitCode(0, result);
        var json = CliAssert.Json(result);
        Assert.Equal(id, json.GetProperty("jobId").GetString());
        Assert.Equal("completed", json.GetProperty("outcome").GetString());
        Assert.Equal("1", json.GetProperty("api").GetString());
        Assert.Contains("40 completed, 0 failed, 1 not processed", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(json.TryGetProperty("resumeCommand", out _));
        Assert.False(json.TryGetProperty("closeOutcome", out _));
        var job = json.GetProperty("job");
        Assert.Equal("Open", job.GetProperty("state").GetString());
        Assert.Equal(41, job.GetProperty("numberBatchesTotal").GetInt32());
        Assert.Equal(40, job.GetProperty("numberBatchesCompleted").GetInt32());
        Assert.Equal(0, job.GetProperty("numberBatchesQueued").GetInt32() + job.GetProperty("numberBatchesInProgress").GetInt32());

        // The calls the watch reports are the calls the emulator counted (the test itself uses only the control surface meanwhile).
        var calls = json.GetProperty("callsUsed").GetInt64();
        Assert.InRange(json.GetProperty("polls").GetInt32(), 2, (int)calls);
        Assert.Equal(calls, await emulator.TotalRequestsAsync() - before);
        Assert.Equal("Open", await emulator.ClassicJobStateAsync(id));
        Assert.Empty(CliAssert.WithoutSessionIdWarning(result.StdErr));
    }

    [Fact]
    public async Task Watch_Close_ClosesTheChunkedJobWhenDoneAndPrintsTheFinalJobInfo()
    {
        var id = await emulator.OpenJobAsync(LongChunkedJob);
        var result = await WatchThroughTimeJumpAsync(["watch", id, "--close", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Contains($"Every batch of job {id} has finished: 40 completed, 0 failed, 1 not processed. The job was closed.", result.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"State\s+Closed", result.StdOut);
        Assert.Matches(@"Batches\s+41 total: 0 queued, 0 in progress, 40 completed, 0 failed", result.StdOut);
        Assert.Matches(@"API calls used: \d+ \(\d+ job reads, \d+ other\)", result.StdOut);
        Assert.DoesNotContain("To go on watching", result.StdOut, StringComparison.Ordinal);

        // Plain progress lines on standard error (not a terminal), the last one with the job closed. Whether the first
        // line shows the chunks yet (n/41) or still the original batch alone (0/1) depends on when the clock jumps.
        Assert.Matches(@"\[\s*\d+\.\ds\] Open · batches \d+/(1|41) done", result.StdErr);
        Assert.Matches(@"\[\s*\d+\.\ds\] Closed · batches 41/41 done \(0 running, 0 queued, 0 failed, 1 not processed\) · [\d,]+ records · \d+ calls", result.StdErr);
        Assert.Equal("Closed", await emulator.ClassicJobStateAsync(id));
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Watch_CloseWithJsonOutput_EmitsOnlyTheFinalResult()
    {
        var id = await emulator.OpenJobAsync("""{"batches":2}""");
        var result = await CliProcess.RunAsync(["watch", id, "--close", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var json = CliAssert.Json(result);
        Assert.Equal("closed", json.GetProperty("outcome").GetString());
        Assert.Equal("closed", json.GetProperty("closeOutcome").GetString());
        Assert.Equal("Closed", json.GetProperty("job").GetProperty("state").GetString());
        Assert.Equal(2, json.GetProperty("job").GetProperty("numberBatchesCompleted").GetInt32());
        Assert.Equal(200, json.GetProperty("job").GetProperty("numberRecordsProcessed").GetInt64());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", json.GetProperty("closedAt").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", json.GetProperty("finishedAt").GetString());
        Assert.True(json.GetProperty("closeDelaySeconds").GetDouble() >= 0);
        Assert.True(json.GetProperty("elapsedSeconds").GetDouble() >= 0);
        Assert.True(json.GetProperty("callsUsed").GetInt64() > json.GetProperty("polls").GetInt32());
        Assert.Empty(CliAssert.WithoutSessionIdWarning(result.StdErr));
    }

    [Fact]
    public async Task Watch_TimeScaledEmulator_FollowsALongJobToItsEndInRealSeconds()
    {
        await using var scaled = new CliEmulator();
        await scaled.InitializeAsync();
        await scaled.PostControlAsync("_emulator/time/scale", """{"scale":100}""");

        // 100 batches of 2 s on 4 slots: about 50 emulated seconds, half a real second. The job's own figures are in
        // emulated time and would space the polls by up to a minute; --max-interval caps the wait at 2 s.
        var id = await scaled.OpenJobAsync("""{"batches":100,"recordsPerBatch":10}""");
        var result = await CliProcess.RunAsync(["watch", id, "--close", "--timeout", "30s", "--max-interval", "2s", "--output", "json", .. await scaled.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var json = CliAssert.Json(result);
        Assert.Equal("closed", json.GetProperty("outcome").GetString());
        Assert.Equal(100, json.GetProperty("job").GetProperty("numberBatchesCompleted").GetInt32());
        Assert.Equal(1000, json.GetProperty("job").GetProperty("numberRecordsProcessed").GetInt64());
        Assert.True(json.GetProperty("elapsedSeconds").GetDouble() < 10, json.ToString());
    }

    [Fact]
    public async Task Watch_Timeout_LeavesTheJobOpenExitsSixAndPrintsTheResumeCommand()
    {
        var id = await emulator.OpenJobAsync(LongChunkedJob);
        var session = await emulator.LoginAsync();
        var result = await CliProcess.RunAsync(["watch", id, "--close", "--timeout", "1500ms", "--instance-url", emulator.Url, "--session-id", session]);

        CliAssert.ExitCode(6, result);
        Assert.Contains($"Job {id} did not finish within 1.5 s", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"To go on watching: sfbulk watch {id} --close --timeout 1500ms --instance-url {emulator.Url} --session-id -", result.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"State\s+Open", result.StdOut);
        Assert.Equal("Open", await emulator.ClassicJobStateAsync(id));
        CliAssert.Clean(result, session, Canaries.Password);
    }

    [Fact]
    public async Task Watch_TimeoutWithJsonOutput_CarriesTheResumeCommand()
    {
        var id = await emulator.OpenJobAsync(LongChunkedJob);
        var result = await CliProcess.RunAsync(["watch", id, "--timeout", "1s", "--api", "1", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(6, result);
        var json = CliAssert.Json(result);
        Assert.Equal("timedOut", json.GetProperty("outcome").GetString());
        Assert.Equal($"sfbulk watch {id} --timeout 1s --api 1 --instance-url {emulator.Url} --session-id - --output json", json.GetProperty("resumeCommand").GetString());
        Assert.Equal("Open", json.GetProperty("job").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Watch_AbortOnTimeout_AbortsTheJobAndExitsSix()
    {
        var id = await emulator.OpenJobAsync(LongChunkedJob);
        var result = await CliProcess.RunAsync(["watch", id, "--abort-on-timeout", "--timeout", "1s", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(6, result);
        var json = CliAssert.Json(result);
        Assert.Equal("abortedOnTimeout", json.GetProperty("outcome").GetString());
        Assert.Equal("Aborted", json.GetProperty("job").GetProperty("state").GetString());
        Assert.False(json.TryGetProperty("resumeCommand", out _));
        Assert.Equal("Aborted", await emulator.ClassicJobStateAsync(id));
    }

    [Fact]
    public async Task Watch_MaxCalls_StopsBeforePassingTheLimitAndExitsSix()
    {
        var id = await emulator.OpenJobAsync(LongChunkedJob);
        var result = await CliProcess.RunAsync(["watch", id, "--max-calls", "3", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(6, result);
        var json = CliAssert.Json(result);
        Assert.Equal("callLimitReached", json.GetProperty("outcome").GetString());
        Assert.InRange(json.GetProperty("callsUsed").GetInt64(), 1, 3);
        Assert.Contains("--max-calls 3", json.GetProperty("resumeCommand").GetString(), StringComparison.Ordinal);
        Assert.Equal("Open", await emulator.ClassicJobStateAsync(id));
    }

    [Fact]
    public async Task Watch_V2QueryJobComplete_CompletesOnTheV2Api()
    {
        var id = (await emulator.SeedV2Async("""{"kind":"V2Query","state":"JobComplete"}"""))[0];
        var result = await CliProcess.RunAsync(["watch", id, "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var json = CliAssert.Json(result);
        Assert.Equal("completed", json.GetProperty("outcome").GetString());
        Assert.Equal("2", json.GetProperty("api").GetString());
        Assert.Equal("V2Query", json.GetProperty("job").GetProperty("jobType").GetString());
        Assert.Equal("JobComplete", json.GetProperty("job").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Watch_V2IngestJobStillOpen_SaysItWaitsForItsUploadAndExitsOne()
    {
        var id = (await emulator.SeedV2Async("""{"kind":"V2Ingest","state":"Open"}"""))[0];
        var result = await CliProcess.RunAsync(["watch", id, "--api", "2", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(1, result);
        Assert.Contains("UploadComplete", result.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"State\s+Open", result.StdOut);
    }

    [Fact]
    public async Task Watch_JobAbortedBySomeoneElse_ExitsOne()
    {
        var id = await emulator.OpenJobAsync("""{"state":"Aborted","batches":2}""");
        var result = await CliProcess.RunAsync(["watch", id, "--close", "--output", "json", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(1, result);
        Assert.Equal("abortedByOthers", CliAssert.Json(result).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Watch_MissingJob_ExitsFiveWithSalesforceCode()
    {
        var result = await CliProcess.RunAsync(["watch", "750R0000000zzzzIAA", "--api", "1", .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(5, result);
        Assert.Contains("InvalidJob (HTTP 400)", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Watch_NoConnectionConfigured_ExitsFour()
    {
        var result = await CliProcess.RunAsync(["watch", "750R00000000001IAA"]);

        CliAssert.ExitCode(4, result);
        Assert.Contains("sfbulk connection add", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_StoredConnectionWhoseSessionExpires_LogsInAgainAndFinishes()
    {
        using var config = new TempConfig();
        CliAssert.ExitCode(0, await CliProcess.RunAsync(["connection", "add", "emu", "--login-url", emulator.Url, "--credential", "soap", "--username", emulator.Username, "--password", "-"], config.Env(), stdin: Canaries.Password + "\n"));
        var id = await emulator.OpenJobAsync(LongChunkedJob);

        using var watch = RunningCli.Start(["watch", id, "--close", "--output", "json", "--connection", "emu"], config.Env());
        var reads = await emulator.RequestsAsync(JobRead);
        await RunningCli.UntilAsync(async () => await emulator.RequestsAsync(JobRead) > reads);
        await emulator.PostControlAsync("_emulator/sessions/expire");
        await emulator.PostControlAsync("_emulator/time/advance", """{"seconds":600}""");
        var result = await watch.WaitAsync();

        CliAssert.ExitCode(0, result);
        Assert.Equal("closed", CliAssert.Json(result).GetProperty("outcome").GetString());
        CliAssert.Clean(result, Canaries.Password);
    }

    [Fact]
    public async Task Watch_ExternalSessionExpires_StopsWithTheLoginFaultAndExitsThree()
    {
        var id = await emulator.OpenJobAsync(LongChunkedJob);
        var session = await emulator.LoginAsync();

        using var watch = RunningCli.Start(["watch", id, "--close", "--instance-url", emulator.Url, "--session-id", session]);
        var reads = await emulator.RequestsAsync(JobRead);
        await RunningCli.UntilAsync(async () => await emulator.RequestsAsync(JobRead) > reads);
        await emulator.PostControlAsync("_emulator/sessions/expire", $$"""{"token":"{{session}}"}""");
        var result = await watch.WaitAsync();

        CliAssert.ExitCode(3, result);
        Assert.Contains("EXTERNAL_SESSION_EXPIRED", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("hint:", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("Open", await emulator.ClassicJobStateAsync(id));
        CliAssert.Clean(result, session);
    }

    [Fact]
    public async Task Watch_Interrupted_LeavesTheJobAloneAndExits130()
    {
        var id = await emulator.OpenJobAsync(LongChunkedJob);
        using var watch = RunningCli.Start(["watch", id, "--close", .. await emulator.SessionArgsAsync()]);
        var reads = await emulator.RequestsAsync(JobRead);
        await RunningCli.UntilAsync(async () => await emulator.RequestsAsync(JobRead) > reads);
        await watch.InterruptAsync();
        var result = await watch.WaitAsync(TimeSpan.FromSeconds(15));

        CliAssert.ExitCode(130, result);
        Assert.Contains("Cancelled.", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"Stopped watching; job {id} was left as it is. To go on watching: sfbulk watch {id} --close", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("Open", await emulator.ClassicJobStateAsync(id));
        CliAssert.Clean(result);
    }

    [Theory]
    [InlineData(new[] { "123" }, "is not a job id")]
    [InlineData(new[] { "751R00000000001IAA" }, "751 is a batch id")]
    [InlineData(new[] { "750R00000000001IAA", "--timeout", "-5s" }, "negative values are not allowed")]
    [InlineData(new[] { "750R00000000001IAA", "--timeout", "0" }, "--timeout must be longer than 0")]
    [InlineData(new[] { "750R00000000001IAA", "--timeout", "5parsecs" }, "unknown unit")]
    [InlineData(new[] { "750R00000000001IAA", "--max-calls", "0" }, "--max-calls must be from 1 to 1,000,000")]
    [InlineData(new[] { "750R00000000001IAA", "--max-calls", "-3" }, "--max-calls must be from 1 to 1,000,000")]
    [InlineData(new[] { "750R00000000001IAA", "--max-calls", "many" }, "many")]
    [InlineData(new[] { "750R00000000001IAA", "--max-calls", "5000000" }, "--max-calls must be from 1 to 1,000,000")]
    [InlineData(new[] { "750R00000000001IAA", "--abort-on-timeout" }, "--abort-on-timeout needs --timeout")]
    [InlineData(new[] { "750R00000000001IAA", "--max-interval", "1s" }, "--max-interval must be at least 2s")]
    [InlineData(new[] { "750R00000000001IAA", "--max-interval", "2d" }, "longer than the maximum of 1 days")]
    [InlineData(new[] { "750R00000000001IAA", "--api", "3" }, "--api")]
    [InlineData(new string[0], "Give the id of the job to watch, or --all")]
    [InlineData(new[] { "750R00000000001IAA", "--all" }, "Give either a job id or --all, not both.")]
    [InlineData(new[] { "750R00000000001IAA", "--until-idle" }, "--until-idle goes with --all.")]
    [InlineData(new[] { "--all", "--timeout", "5m" }, "--timeout is for one job; it does not go with --all.")]
    [InlineData(new[] { "--all", "--created-by", "001R00000000001" }, "--created-by: '001R00000000001' is not a user id")]
    [InlineData(new[] { "--all", "--job-type", "Bulk3" }, "--job-type")]
    public async Task Watch_BadInput_ExitsTwoBeforeAnyCall(string[] args, string message)
    {
        using var server = new BlackHoleServer();
        var result = await CliProcess.RunAsync(["watch", .. args, "--instance-url", server.Url, "--session-id", "x"]);

        CliAssert.RefusedBeforeAnyCall(result, server, message);
        Assert.Contains("Run 'sfbulk watch --help' for usage.", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
    }

    /// <summary>
    /// Starts the watch, lets it read the job once, then moves the emulator's clock 10 minutes on (through
    /// <c>/_emulator/time/advance</c>) so that every batch finishes before the next poll.
    /// </summary>
    private async Task<CliResult> WatchThroughTimeJumpAsync(string[] args)
    {
        using var watch = RunningCli.Start(args);
        var reads = await emulator.RequestsAsync(JobRead);
        await RunningCli.UntilAsync(async () => await emulator.RequestsAsync(JobRead) > reads);
        await emulator.PostControlAsync("_emulator/time/advance", """{"seconds":600}""");
        return await watch.WaitAsync();
    }
}
