using System.Runtime.Versioning;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Security;

/// <summary>A session id given as a command-line value warns like a secret on <c>connection add</c>; '-' and the environment stay quiet.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretOnCommandLineTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    private const string Warning = "warning: --session-id given on the command line can be seen by other users (ps) and stays in shell history";

    [Fact]
    public async Task SessionIdValue_OnCommandLine_Warns()
    {
        var id = await emulator.OpenJobAsync();
        var session = await emulator.LoginAsync();

        var result = await CliProcess.RunAsync(["show", id, "--instance-url", emulator.Url, "--session-id", session]);

        CliAssert.ExitCode(0, result);
        Assert.Contains(Warning, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("'--session-id -'", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, session);
    }

    [Fact]
    public async Task SessionIdFromStandardInputOrEnvironment_NoWarning()
    {
        var id = await emulator.OpenJobAsync();
        var session = await emulator.LoginAsync();
        using var config = new TempConfig();

        var piped = await CliProcess.RunAsync(["show", id, "--instance-url", emulator.Url, "--session-id", "-"], config.Env(), stdin: session + "\n");
        var environment = await CliProcess.RunAsync(["show", id], config.Env(("SFBULK_INSTANCE_URL", emulator.Url), ("SFBULK_SESSION_ID", session)));

        CliAssert.ExitCode(0, piped);
        CliAssert.ExitCode(0, environment);
        Assert.DoesNotContain("warning:", piped.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", environment.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionRequest_ToString_ShowsNoSessionId()
    {
        var request = new ConnectionRequest("https://example.my.salesforce.com/x?sid=CANARY-IN-URL", "CANARY-SESSION", null, "dev", "66.0");

        var text = request.ToString() + new { request }.ToString();

        Assert.DoesNotContain("CANARY", text, StringComparison.Ordinal);
        Assert.Contains("dev", text, StringComparison.Ordinal);
    }
}
