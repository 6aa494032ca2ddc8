using System.Text.Json;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

/// <summary>Each test sweeps its own emulated org: a sweep sees every job of the org.</summary>
public sealed class SweepCommandTests
{
    private const string CloseRoute = "POST /services/async/{version}/job/{jobId}";

    [Fact]
    public async Task Sweep_StdinNotATerminalWithoutYes_RefusesBeforeAnyCallAndExitsTwo()
    {
        using var server = new BlackHoleServer();
        var result = await CliProcess.RunAsync(["sweep", "--instance-url", server.Url, "--session-id", "x"]);

        CliAssert.RefusedBeforeAnyCall(result, server, "standard input is not a terminal, so it cannot ask. Pass --yes to go ahead, or --dry-run to see the plan only.");
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Fact]
    public async Task Sweep_DryRun_PrintsThePlanAndChangesNothing()
    {
        await using var org = await OrgAsync();
        var open = await org.SeedClassicAsync("""{"count":3}""");
        var closed = await org.OpenJobAsync("""{"state":"Closed"}""");
        var query = (await org.SeedV2Async("""{"kind":"V2Query","state":"InProgress"}"""))[0];
        var args = await org.SessionArgsAsync();
        var before = await org.RequestsByMethodAsync("POST") + await org.RequestsByMethodAsync("PATCH");

        var result = await CliProcess.RunAsync(["sweep", "--dry-run", "--older-than", "0", "--output", "json", .. args]);

        CliAssert.ExitCode(0, result);
        var json = CliAssert.Json(result);
        Assert.True(json.GetProperty("dryRun").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("minimumAgeSeconds").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("createdBefore").ValueKind);
        Assert.Equal("close", json.GetProperty("action").GetString());
        Assert.Equal(5, json.GetProperty("jobsListed").GetInt32());
        Assert.True(json.GetProperty("callsUsed").GetInt64() >= 2);
        Assert.Equal(3, json.GetProperty("counts").GetProperty("close").GetInt32());
        Assert.Equal(0, json.GetProperty("counts").GetProperty("abort").GetInt32());
        Assert.Equal(1, json.GetProperty("counts").GetProperty("skip").GetInt32());
        var jobs = json.GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("id").GetString()!);
        Assert.Equal([.. open, query], jobs.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(closed, jobs.Keys);
        foreach (var id in open)
        {
            var job = jobs[id];
            Assert.Equal("close", job.GetProperty("decision").GetString());
            Assert.Equal("Classic", job.GetProperty("jobType").GetString());
            Assert.Equal("insert", job.GetProperty("operation").GetString());
            Assert.Equal("Account", job.GetProperty("object").GetString());
            Assert.Equal("Open", job.GetProperty("state").GetString());
            Assert.StartsWith("005", job.GetProperty("createdById").GetString(), StringComparison.Ordinal);
            Assert.False(job.TryGetProperty("skipReason", out _));
        }

        Assert.Equal("skip", jobs[query].GetProperty("decision").GetString());
        Assert.Equal("V2Query", jobs[query].GetProperty("jobType").GetString());
        Assert.Contains("query jobs have no Closed state", jobs[query].GetProperty("skipReason").GetString(), StringComparison.Ordinal);

        // Nothing was changed: no close or abort request reached the org, and the jobs are still open.
        Assert.Equal(before, await org.RequestsByMethodAsync("POST") + await org.RequestsByMethodAsync("PATCH"));
        Assert.Equal(0, await org.RequestsAsync(CloseRoute));
        foreach (var id in open)
        {
            Assert.Equal("Open", await org.ClassicJobStateAsync(id));
        }
    }

    [Fact]
    public async Task Sweep_DryRunText_ShowsEveryJobWithItsActionAndSaysNothingChanged()
    {
        await using var org = await OrgAsync();
        var open = await org.OpenJobAsync("""{"object":"Contact"}""");
        var result = await CliProcess.RunAsync(["sweep", "--dry-run", "--abort", "--older-than", "0", .. await org.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Matches($@"{open}\s+Classic\s+insert\s+Contact\s+Open\s+005\w+\s+\d+s\s+abort", result.StdOut);
        Assert.Contains("1 open job matches (of 1 listed): 1 to abort;", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Jobs of any age were considered (--older-than 0).", result.StdOut, StringComparison.Ordinal);
        Assert.Equal("Open", await org.ClassicJobStateAsync(open));
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Sweep_Yes_ClosesEveryOpenJobAndReportsEachOne()
    {
        await using var org = await OrgAsync();
        var open = await org.SeedClassicAsync("""{"count":5}""");
        var ingest = (await org.SeedV2Async("""{"kind":"V2Ingest","state":"Open"}"""))[0];
        await org.OpenJobAsync("""{"state":"Aborted"}""");
        var result = await CliProcess.RunAsync(["sweep", "--yes", "--upload-complete", "--older-than", "0", "--concurrency", "2", "--output", "json", .. await org.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var json = CliAssert.Json(result);
        Assert.False(json.GetProperty("dryRun").GetBoolean());
        Assert.Equal("close", json.GetProperty("action").GetString());
        Assert.True(json.GetProperty("succeeded").GetBoolean());
        Assert.Equal(7, json.GetProperty("jobsListed").GetInt32());
        Assert.True(json.GetProperty("elapsedSeconds").GetDouble() >= 0);
        Assert.True(json.GetProperty("callsUsed").GetInt64() >= 6 + 2);
        var counts = json.GetProperty("counts");
        Assert.Equal(6, counts.GetProperty("closed").GetInt32());
        Assert.Equal(0, counts.GetProperty("aborted").GetInt32());
        Assert.Equal(0, counts.GetProperty("alreadyClosed").GetInt32());
        Assert.Equal(0, counts.GetProperty("alreadyAborted").GetInt32());
        Assert.Equal(0, counts.GetProperty("skipped").GetInt32());
        Assert.Equal(0, counts.GetProperty("failed").GetInt32());
        var jobs = json.GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("id").GetString()!);
        Assert.Equal([.. open, ingest], jobs.Keys.Order(StringComparer.Ordinal));
        foreach (var id in open)
        {
            Assert.Equal("closed", jobs[id].GetProperty("outcome").GetString());
            Assert.Equal("Closed", jobs[id].GetProperty("state").GetString());
            Assert.Equal(1, jobs[id].GetProperty("attempts").GetInt32());
            Assert.False(jobs[id].TryGetProperty("error", out _));
            Assert.Equal("Closed", await org.ClassicJobStateAsync(id));
        }

        Assert.Equal("closed", jobs[ingest].GetProperty("outcome").GetString());
        Assert.Equal("UploadComplete", jobs[ingest].GetProperty("state").GetString());
        Assert.Equal("V2Ingest", jobs[ingest].GetProperty("jobType").GetString());

        // Run again: nothing is open any more (a sweep can simply be run again).
        var again = await CliProcess.RunAsync(["sweep", "--yes", "--upload-complete", "--older-than", "0", "--output", "json", .. await org.SessionArgsAsync()]);
        CliAssert.ExitCode(0, again);
        Assert.Empty(CliAssert.Json(again).GetProperty("jobs").EnumerateArray());
    }

    [Fact]
    public async Task Sweep_OneCloseFailsWithAnInjectedFault_ReportsItWithItsCodeClosesTheOthersAndExitsOne()
    {
        await using var org = await OrgAsync();
        var open = await org.SeedClassicAsync("""{"count":4}""");
        await org.PostControlAsync("_emulator/faults", $$"""{"route":"{{CloseRoute}}","kind":"status","status":400,"errorCode":"ExceededQuota","message":"Injected: too many jobs","count":1}""");
        var result = await CliProcess.RunAsync(["sweep", "--yes", "--older-than", "0", "--concurrency", "1", "--output", "json", .. await org.SessionArgsAsync()]);

        CliAssert.ExitCode(1, result);
        var json = CliAssert.Json(result);
        Assert.False(json.GetProperty("succeeded").GetBoolean());
        Assert.Equal(3, json.GetProperty("counts").GetProperty("closed").GetInt32());
        Assert.Equal(1, json.GetProperty("counts").GetProperty("failed").GetInt32());
        var failed = Assert.Single(json.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("outcome").GetString() == "failed");
        var error = failed.GetProperty("error");
        Assert.Equal("ExceededQuota", error.GetProperty("errorCode").GetString());
        Assert.Equal(400, error.GetProperty("statusCode").GetInt32());
        Assert.Contains("Injected: too many jobs", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Open", failed.GetProperty("state").GetString());
        var failedId = failed.GetProperty("id").GetString()!;
        Assert.Equal("Open", await org.ClassicJobStateAsync(failedId));
        foreach (var id in open.Where(i => i != failedId))
        {
            Assert.Equal("Closed", await org.ClassicJobStateAsync(id));
        }

        Assert.Contains($"error: {failedId}: ExceededQuota (HTTP 400): ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("4 jobs: 3 closed, 1 failed;", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_JobOfAnotherUser_FailsWithInvalidUserInTheTableAndExitsOne()
    {
        await using var org = await OrgAsync();
        var mine = await org.OpenJobAsync();
        var theirs = await org.OpenJobAsync("""{"createdBy":"integration@sfbulk.test"}""");
        var result = await CliProcess.RunAsync(["sweep", "--yes", "--older-than", "0", .. await org.SessionArgsAsync()]);

        // The code is the emulator's closeByOtherUser variant (InvalidUser by default; docs/fidelity.md).
        var code = org.Server.Options.Variants.CloseByOtherUser.ToString();
        CliAssert.ExitCode(1, result);
        Assert.Matches($@"{mine}\s+Classic\s+insert\s+Account\s+005\w+\s+\d+s\s+closed\s+Closed", result.StdOut);
        Assert.Matches($@"{theirs}\s+Classic\s+insert\s+Account\s+005\w+\s+\d+s\s+failed\s+{code} \(HTTP 400\)(\r?\n|$)", result.StdOut);
        Assert.DoesNotContain("http://", result.StdOut, StringComparison.Ordinal); // the request is not in the table
        Assert.Contains($"error: {theirs}: {code} (HTTP 400)", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("2 jobs: 1 closed, 1 failed;", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password);
    }

    [Fact]
    public async Task Sweep_ConnectionDropsAfterTheClose_ReadsTheJobAgainAndCountsItClosed()
    {
        await using var org = await OrgAsync();
        var id = await org.OpenJobAsync();
        await org.PostControlAsync("_emulator/faults", $$"""{"route":"{{CloseRoute}}","kind":"dropAfter","count":1}""");
        var result = await CliProcess.RunAsync(["sweep", "--yes", "--older-than", "0", "--output", "json", .. await org.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var job = Assert.Single(CliAssert.Json(result).GetProperty("jobs").EnumerateArray());
        Assert.Equal(id, job.GetProperty("id").GetString());
        Assert.Equal("closed", job.GetProperty("outcome").GetString());
        Assert.Equal("Closed", job.GetProperty("state").GetString());
        Assert.Equal(1, await org.RequestsAsync(CloseRoute));
    }

    [Fact]
    public async Task Sweep_Abort_AbortsOpenJobsAndRunningQueryJobs()
    {
        await using var org = await OrgAsync();
        var open = await org.OpenJobAsync();
        var query = (await org.SeedV2Async("""{"kind":"V2Query","state":"InProgress"}"""))[0];
        var result = await CliProcess.RunAsync(["sweep", "--abort", "--yes", "--older-than", "0", "--output", "json", .. await org.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        var json = CliAssert.Json(result);
        Assert.Equal("abort", json.GetProperty("action").GetString());
        Assert.Equal(2, json.GetProperty("counts").GetProperty("aborted").GetInt32());
        var jobs = json.GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("id").GetString()!);
        Assert.Equal("Aborted", jobs[open].GetProperty("state").GetString());
        Assert.Equal("Aborted", jobs[query].GetProperty("state").GetString());
        Assert.Equal("aborted", jobs[query].GetProperty("outcome").GetString());
        Assert.Equal("Aborted", await org.ClassicJobStateAsync(open));
    }

    [Fact]
    public async Task Sweep_SkippedJobsOnly_IsNoFailureAndExitsZero()
    {
        await using var org = await OrgAsync();
        var query = (await org.SeedV2Async("""{"kind":"V2Query","state":"InProgress"}"""))[0];
        var result = await CliProcess.RunAsync(["sweep", "--yes", "--older-than", "0", .. await org.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Matches($@"{query}\s+V2Query\s+query\s+Account\s+005\w+\s+\d+s\s+skipped\s+Bulk API 2.0 query job", result.StdOut);
        Assert.Contains("1 job: 1 skipped;", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_PkChunkedJobStillRunning_IsSkippedUnlessIncludeRunning()
    {
        await using var org = await OrgAsync();
        var chunked = await org.OpenJobAsync("""{"operation":"query","pkChunking":true,"chunks":40,"chunkDurationSeconds":30}""");
        var args = await org.SessionArgsAsync();

        var plan = CliAssert.Json(await CliProcess.RunAsync(["sweep", "--dry-run", "--older-than", "0", "--output", "json", .. args]));
        var entry = Assert.Single(plan.GetProperty("jobs").EnumerateArray());
        Assert.Equal("skip", entry.GetProperty("decision").GetString());
        Assert.True(entry.GetProperty("isPkChunked").GetBoolean());
        Assert.True(entry.GetProperty("pendingBatches").GetInt32() > 0);
        Assert.Contains("PK-chunked job still running", entry.GetProperty("skipReason").GetString(), StringComparison.Ordinal);

        var result = await CliProcess.RunAsync(["sweep", "--include-running", "--older-than", "0", "--yes", "--output", "json", .. args]);
        CliAssert.ExitCode(0, result);
        Assert.Equal("closed", Assert.Single(CliAssert.Json(result).GetProperty("jobs").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal("Closed", await org.ClassicJobStateAsync(chunked));
    }

    [Fact]
    public async Task Sweep_Filters_KeepOnlyTheMatchingJobs()
    {
        await using var org = await OrgAsync();
        var oldContact = await org.OpenJobAsync("""{"object":"Contact","ageSeconds":90000}""");
        var newContact = await org.OpenJobAsync("""{"object":"Contact"}""");
        var update = await org.OpenJobAsync("""{"operation":"update"}""");
        var theirs = await org.OpenJobAsync("""{"createdBy":"integration@sfbulk.test"}""");
        var chunked = await org.OpenJobAsync("""{"operation":"query","pkChunking":true,"chunks":2,"chunkDurationSeconds":1,"ageSeconds":3600}""");
        var ingest = (await org.SeedV2Async("""{"kind":"V2Ingest","state":"Open"}"""))[0];
        var integrationUser = await org.UserIdAsync("integration@sfbulk.test");
        var args = await org.SessionArgsAsync();

        async Task<string[]> PlannedAsync(params string[] filter)
        {
            var result = await CliProcess.RunAsync(["sweep", "--dry-run", "--output", "json", .. filter, .. args]);
            CliAssert.ExitCode(0, result);
            return [.. CliAssert.Json(result).GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
        }

        Assert.Equal([oldContact, newContact], await PlannedAsync("--object", "contact", "--older-than", "0"));
        Assert.Equal([oldContact], await PlannedAsync("--object", "contact"));
        Assert.Equal([oldContact], await PlannedAsync("--object", "Contact", "--older-than", "24h"));
        Assert.Equal([oldContact, chunked], await PlannedAsync("--older-than", "30m"));
        Assert.Equal([update], await PlannedAsync("--operation", "update", "--older-than", "0"));
        Assert.Equal([update], await PlannedAsync("--operation", "UPDATE", "--older-than", "0"));
        Assert.Equal([chunked], await PlannedAsync("--operation", "query", "--older-than", "0"));
        Assert.Equal([theirs], await PlannedAsync("--created-by", integrationUser, "--older-than", "0"));
        Assert.Equal([theirs], await PlannedAsync("--created-by", integrationUser[..15], "--older-than", "0"));
        Assert.Equal([chunked], await PlannedAsync("--pk-chunking", "--older-than", "0"));
        Assert.Equal([ingest], await PlannedAsync("--job-type", "V2Ingest", "--older-than", "0"));
        Assert.Equal(new[] { oldContact, newContact, update, theirs, chunked }.Order(StringComparer.Ordinal), await PlannedAsync("--job-type", "classic", "--older-than", "0"));
    }

    [Fact]
    public async Task Sweep_ReportLargerThanTheOutputBuffer_IsOneValidDocumentWithEveryJob()
    {
        await using var org = await OrgAsync();
        var ids = await org.SeedClassicAsync("""{"count":1000,"ageSeconds":7200}""");
        var args = await org.SessionArgsAsync();

        var plan = await CliProcess.RunAsync(["sweep", "--dry-run", "--output", "json", .. args]);
        var report = await CliProcess.RunAsync(["sweep", "--yes", "--concurrency", "8", "--output", "json", .. args], timeout: TimeSpan.FromSeconds(60));

        CliAssert.ExitCode(0, plan);
        CliAssert.ExitCode(0, report);
        Assert.True(plan.StdOut.Length > 2 * 64 * 1024, $"the plan is only {plan.StdOut.Length} bytes: too short to be written in several pieces");
        Assert.Equal(ids.Order(StringComparer.Ordinal), CliAssert.Json(plan).GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        var jobs = CliAssert.Json(report).GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), jobs.Select(j => j.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(jobs, j => Assert.Equal("closed", j.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Sweep_TextReportLongerThanASlice_ReadsAsOneTableWithEveryJobOnce()
    {
        await using var org = await OrgAsync();
        var ids = await org.SeedClassicAsync("""{"count":1200,"ageSeconds":7200}""");

        var result = await CliProcess.RunAsync(["sweep", "--yes", "--concurrency", "8", .. await org.SessionArgsAsync()], timeout: TimeSpan.FromMinutes(3));

        CliAssert.ExitCode(0, result);
        var lines = result.StdOut.Split('\n').Select(l => l.TrimEnd()).ToList();
        var rows = lines.Where(l => l.TrimStart().StartsWith("750", StringComparison.Ordinal)).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Select(r => r.Trim().Split(' ')[0]).Order(StringComparer.Ordinal));
        Assert.Single(lines, l => l.Trim().StartsWith("Id ", StringComparison.Ordinal));
        // Rows follow each other without blank lines where one slice of the table ends and the next begins.
        var first = lines.FindIndex(l => l.TrimStart().StartsWith("750", StringComparison.Ordinal));
        Assert.All(lines.Skip(first).Take(1200), l => Assert.StartsWith("750", l, StringComparison.Ordinal));
        // Every row has its outcome in the same column.
        Assert.Single(rows.Select(r => r.IndexOf(" closed ", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public async Task Sweep_NothingOpen_SaysSoAndExitsZero()
    {
        await using var org = await OrgAsync();
        await org.OpenJobAsync("""{"state":"Closed"}""");
        var result = await CliProcess.RunAsync(["sweep", "--yes", .. await org.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Contains("0 jobs; ", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut.Trim());
    }

    [Fact]
    public async Task Sweep_ListingFails_ExitsFiveWithSalesforceCode()
    {
        await using var org = await OrgAsync();
        await org.PostControlAsync("_emulator/faults", """{"route":"GET /services/data/v{version}/jobs/ingest","kind":"status","status":400,"errorCode":"INVALID_FIELD","message":"Injected listing failure"}""");
        var result = await CliProcess.RunAsync(["sweep", "--yes", .. await org.SessionArgsAsync()]);

        CliAssert.ExitCode(5, result);
        Assert.Contains("INVALID_FIELD (HTTP 400)", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Sweep_InvalidSession_ExitsThree()
    {
        await using var org = await OrgAsync();
        var result = await CliProcess.RunAsync(["sweep", "--yes", "--instance-url", org.Url, "--session-id", "00Dnot-a-session"]);

        CliAssert.ExitCode(3, result);
        CliAssert.Clean(result, "00Dnot-a-session");
    }

    [Fact]
    public async Task Sweep_NoConnectionConfigured_ExitsFour()
    {
        var result = await CliProcess.RunAsync(["sweep", "--dry-run"]);

        CliAssert.ExitCode(4, result);
        Assert.Contains("sfbulk connection add", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--concurrency", "0", "--concurrency must be from 1 to 25")]
    [InlineData("--concurrency", "1000", "--concurrency must be from 1 to 25")]
    [InlineData("--concurrency", "lots", "lots")]
    [InlineData("--job-type", "Bulk3", "--job-type: 'Bulk3' is not one of Classic, V2Ingest, V2Query")]
    [InlineData("--operation", "merge", "--operation: 'merge' is not one of")]
    [InlineData("--created-by", "admin@sfbulk.test", "--created-by: 'admin@sfbulk.test' is not a user id")]
    [InlineData("--created-by", "750R00000000001IAA", "is not a user id")]
    [InlineData("--older-than", "-1h", "negative values are not allowed")]
    [InlineData("--older-than", "soon", "is not a duration")]
    public async Task Sweep_BadInput_ExitsTwoBeforeAnyCall(string option, string value, string message)
    {
        using var server = new BlackHoleServer();
        var result = await CliProcess.RunAsync(["sweep", option, value, "--yes", "--instance-url", server.Url, "--session-id", "x"]);

        CliAssert.RefusedBeforeAnyCall(result, server, message);
        Assert.Contains("Run 'sfbulk sweep --help' for usage.", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Fact]
    public async Task Sweep_OpenV2IngestUpload_SkippedByDefaultCompletedOnlyWithUploadComplete()
    {
        await using var org = await OrgAsync();
        var upload = (await org.SeedV2Async("""{"kind":"V2Ingest","operation":"hardDelete","state":"Open","ageSeconds":7200}"""))[0];
        var args = await org.SessionArgsAsync();

        var swept = await CliProcess.RunAsync(["sweep", "--yes", "--output", "json", .. args]);

        CliAssert.ExitCode(0, swept);
        var job = Assert.Single(CliAssert.Json(swept).GetProperty("jobs").EnumerateArray());
        Assert.Equal("skipped", job.GetProperty("outcome").GetString());
        Assert.Equal("Open", job.GetProperty("state").GetString());
        Assert.StartsWith("Upload not completed: completing it would make Salesforce process a possibly partial upload; abort it with --abort", job.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("Open", await V2StateAsync(org, upload));
        Assert.Equal(0, await org.RequestsByMethodAsync("PATCH"));

        var completed = await CliProcess.RunAsync(["sweep", "--yes", "--upload-complete", "--output", "json", .. args]);

        CliAssert.ExitCode(0, completed);
        Assert.Equal("closed", Assert.Single(CliAssert.Json(completed).GetProperty("jobs").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.NotEqual("Open", await V2StateAsync(org, upload));
    }

    [Fact]
    public async Task Sweep_AbortWithAnOpenV2IngestUpload_AbortsIt()
    {
        await using var org = await OrgAsync();
        var upload = (await org.SeedV2Async("""{"kind":"V2Ingest","state":"Open","ageSeconds":7200}"""))[0];

        var result = await CliProcess.RunAsync(["sweep", "--yes", "--abort", "--output", "json", .. await org.SessionArgsAsync()]);

        CliAssert.ExitCode(0, result);
        Assert.Equal("aborted", Assert.Single(CliAssert.Json(result).GetProperty("jobs").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal("Aborted", await V2StateAsync(org, upload));
    }

    [Fact]
    public async Task Sweep_NoOlderThan_LeavesJobsYoungerThanAnHourAndStatesTheCutoff()
    {
        await using var org = await OrgAsync();
        var fresh = await org.OpenJobAsync();
        var halfHour = await org.OpenJobAsync("""{"ageSeconds":1800}""");
        var old = await org.OpenJobAsync("""{"ageSeconds":7200}""");
        var args = await org.SessionArgsAsync();

        var plan = await CliProcess.RunAsync(["sweep", "--dry-run", "--output", "json", .. args]);
        var text = await CliProcess.RunAsync(["sweep", "--dry-run", .. args]);
        var swept = await CliProcess.RunAsync(["sweep", "--yes", .. args]);

        CliAssert.ExitCode(0, plan);
        var json = CliAssert.Json(plan);
        Assert.Equal(old, Assert.Single(json.GetProperty("jobs").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(3600, json.GetProperty("minimumAgeSeconds").GetDouble());
        var cutoff = DateTimeOffset.Parse(json.GetProperty("createdBefore").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(cutoff, DateTimeOffset.UtcNow.AddMinutes(-62), DateTimeOffset.UtcNow.AddMinutes(-59));
        Assert.InRange(json.GetProperty("clockSkewSeconds").GetDouble(), -5, 5);
        Assert.Contains("Only jobs created before ", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("(older than 1h by Salesforce's clock) were considered; --older-than 0 includes jobs of any age.", text.StdOut, StringComparison.Ordinal);
        CliAssert.ExitCode(0, swept);
        Assert.Contains("(older than 1h by Salesforce's clock) were considered", swept.StdErr, StringComparison.Ordinal);
        Assert.Equal("Closed", await org.ClassicJobStateAsync(old));
        Assert.Equal("Open", await org.ClassicJobStateAsync(fresh));
        Assert.Equal("Open", await org.ClassicJobStateAsync(halfHour));
        Assert.DoesNotContain("warning:", CliAssert.WithoutSessionIdWarning(swept.StdErr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_SalesforceClockADayAhead_MeasuresAgesOnItAndWarns()
    {
        await using var org = await OrgAsync();
        var job = await org.OpenJobAsync();
        // A day and 30 s: the Date header counts whole seconds, so an exact day could read as 23 h 59 min.
        await org.PostControlAsync("_emulator/time/advance", """{"seconds":86430}""");
        var args = await org.SessionArgsAsync();

        var result = await CliProcess.RunAsync(["sweep", "--dry-run", "--older-than", "12h", "--output", "json", .. args]);

        CliAssert.ExitCode(0, result);
        // A day old on Salesforce's clock, though created a moment ago on this computer's.
        Assert.Equal(job, Assert.Single(CliAssert.Json(result).GetProperty("jobs").EnumerateArray()).GetProperty("id").GetString());
        Assert.Contains("warning: This computer's clock is 1 d 0 h behind Salesforce's; job ages are measured on Salesforce's clock.", result.StdErr, StringComparison.Ordinal);
        Assert.InRange(CliAssert.Json(result).GetProperty("clockSkewSeconds").GetDouble(), 86_425, 86_435);
    }

    /// <summary>A Bulk API 2.0 ingest job's state, read over the API with a fresh session.</summary>
    private static async Task<string> V2StateAsync(CliEmulator org, string jobId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "services/data/v66.0/jobs/ingest/" + jobId);
        request.Headers.Add("Authorization", "Bearer " + await org.LoginAsync());
        using var response = await org.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("state").GetString()!;
    }

    private static async Task<CliEmulator> OrgAsync()
    {
        var org = new CliEmulator();
        await org.InitializeAsync();
        return org;
    }
}
