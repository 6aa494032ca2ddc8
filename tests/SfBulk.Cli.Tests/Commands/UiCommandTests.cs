using System.Diagnostics;
using System.Net;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

public sealed class UiCommandTests
{
    [Fact]
    public async Task Ui_Emulator_FirstLineIsTheUrlWithTokenAndCtrlCStops()
    {
        using var process = Process.Start(CliProcess.StartInfo(["ui", "--emulator", "--no-open"]))!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.NotNull(line);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]{43}$", line);
        var url = new Uri(line!);
        var cookies = new CookieContainer();
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }))
        {
            using var refused = await http.GetAsync(new Uri(url, "/api/jobs"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

            var page = await http.GetStringAsync(url, TestContext.Current.CancellationToken);
            Assert.Contains("<script src=\"/app.js\" defer></script>", page, StringComparison.Ordinal);
            var jobs = await http.GetStringAsync(new Uri(url, "/api/jobs"), TestContext.Current.CancellationToken);
            Assert.Contains("\"state\":\"Open\"", jobs, StringComparison.Ordinal);
            Assert.Contains("integration@sfbulk.test", jobs, StringComparison.Ordinal);
            Assert.Contains("function el(", await http.GetStringAsync(new Uri(url, "/app.js"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(0, process.ExitCode);
        var errors = await stderr;
        Assert.Contains("Stopped.", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ui_EmulatorWithConnectionOption_ExitsWithUsageError()
    {
        var result = await CliProcess.RunAsync(["ui", "--emulator", "--connection", "prod"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--emulator serves the embedded demo org", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Fact]
    public async Task Ui_WatchAll_RunsAnOrgWatcherTheApiShows()
    {
        using var process = Process.Start(CliProcess.StartInfo(["ui", "--emulator", "--no-open", "--watch-all", "--close", "--older-than", "0s", "--object", "Account"]))!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            var url = new Uri(line!);
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
            await http.GetStringAsync(url, TestContext.Current.CancellationToken);

            using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(url, "/api/orgwatch"), TestContext.Current.CancellationToken));
            var root = status.RootElement;
            Assert.True(root.GetProperty("enabled").GetBoolean());
            Assert.True(root.GetProperty("running").GetBoolean());
            Assert.Equal("Classic with PK chunking; older than 0s; object Account; closed when done", root.GetProperty("filter").GetString());
            Assert.Contains("\"orgWatch\":true", await http.GetStringAsync(new Uri(url, "/api/session"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.DoesNotContain("   at ", await stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--close")]
    [InlineData("--older-than")]
    [InlineData("--min-api-remaining")]
    public async Task Ui_WatchAllOptionWithoutWatchAll_ExitsWithUsageError(string option)
    {
        string[] value = option switch { "--close" => [], "--older-than" => ["1h"], _ => ["10%"] };
        var result = await CliProcess.RunAsync(["ui", "--emulator", "--no-open", option, .. value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option} goes with --watch-all.", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ui_BadPort_ExitsWithUsageError()
    {
        var result = await CliProcess.RunAsync(["ui", "--emulator", "--port", "70000"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--port must be between 0 and 65535.", result.StdErr, StringComparison.Ordinal);
    }
}
