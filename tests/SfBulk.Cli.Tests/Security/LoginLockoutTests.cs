using System.Runtime.Versioning;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Security;

/// <summary>
/// <c>close</c> of many ids stops at the first login failure: the session Salesforce refuses again at once is not
/// followed by a login per job. Its own emulator: the fault rules below would disturb other tests.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class LoginLockoutTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    private const string SoapRoute = "POST /services/Soap/u/{version}";

    [Fact]
    public async Task Close_ManyIdsFreshSessionRefused_StopsAtFirstLoginFailureAndReportsTheRestNotAttempted()
    {
        using var config = new TempConfig();
        var add = await CliProcess.RunAsync(["connection", "add", "org", "--login-url", emulator.Url, "--credential", "soap", "--username", emulator.Username, "--password", "-"], config.Env(), stdin: Canaries.Password + "\n");
        CliAssert.ExitCode(0, add);
        var ids = await emulator.SeedClassicAsync("""{"count":5}""");
        foreach (var route in new[] { "GET /services/async/{version}/job/{jobId}", "POST /services/async/{version}/job/{jobId}" })
        {
            await emulator.PostControlAsync("_emulator/faults", $$"""{"route":"{{route}}","kind":"expireSession"}""");
        }

        var before = await emulator.RequestsAsync(SoapRoute);
        var json = await CliProcess.RunAsync(["close", .. ids, "--connection", "org", "--parallelism", "1", "--api", "1", "--output", "json"], config.Env());
        var jsonLogins = await emulator.RequestsAsync(SoapRoute) - before;
        var text = await CliProcess.RunAsync(["close", .. ids, "--connection", "org", "--parallelism", "1", "--api", "1"], config.Env());

        CliAssert.ExitCode(3, json);
        var outcomes = CliAssert.Json(json).EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["failed", "notAttempted", "notAttempted", "notAttempted", "notAttempted"], outcomes);
        Assert.Equal(2, jsonLogins);

        CliAssert.ExitCode(3, text);
        foreach (var id in ids.Skip(1))
        {
            Assert.Matches($@"{id}\s+not attempted", text.StdOut);
        }

        Assert.Contains("4 not attempted", text.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(text, Canaries.Password);
        using (var cleared = await emulator.Http.DeleteAsync("_emulator/faults", TestContext.Current.CancellationToken))
        {
            cleared.EnsureSuccessStatusCode();
        }

        foreach (var id in ids)
        {
            Assert.Equal("Open", await emulator.ClassicJobStateAsync(id));
        }
    }

    [Fact]
    public async Task Close_ManyIdsFirstLoginRefused_ReportsEveryIdNotAttemptedAndExitsThree()
    {
        using var config = new TempConfig();
        var add = await CliProcess.RunAsync(["connection", "add", "wrong", "--login-url", emulator.Url, "--credential", "soap", "--username", emulator.Username, "--password", "-"], config.Env(), stdin: "not-the-password\n");
        CliAssert.ExitCode(0, add);
        var ids = await emulator.SeedClassicAsync("""{"count":3}""");

        var text = await CliProcess.RunAsync(["close", .. ids, "--connection", "wrong"], config.Env());
        var json = await CliProcess.RunAsync(["close", .. ids, "--connection", "wrong", "--output", "json"], config.Env());

        CliAssert.ExitCode(3, text);
        foreach (var id in ids)
        {
            Assert.Matches($@"{id}\s+not attempted", text.StdOut);
        }

        CliAssert.ExitCode(3, json);
        Assert.All(CliAssert.Json(json).EnumerateArray(), e => Assert.Equal("notAttempted", e.GetProperty("outcome").GetString()));
        Assert.DoesNotContain("not-the-password", text.StdOut + text.StdErr + json.StdOut + json.StdErr, StringComparison.Ordinal);
        foreach (var id in ids)
        {
            Assert.Equal("Open", await emulator.ClassicJobStateAsync(id));
        }
    }
}
