using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Newcomer;

/// <summary><c>sfbulk emulator</c> says how to connect, seeds what it is told, and logs requests at <c>-v n</c>.</summary>
public sealed class EmulatorForNewcomersTests
{
    [Fact]
    public async Task Emulator_SeedOptions_CreateTheJobsAndThePrintedConnectionLineWorks()
    {
        using var config = new TempConfig();
        using var process = Process.Start(CliProcess.StartInfo(
            ["emulator", "--open-jobs", "3", "--pk-chunked-jobs", "1", "--v2-jobs", "2", "--age", "2h", "--age", "3d", "--user", "ops@example.com", "--user", "integration@sfbulk.test", "-v", "n"],
            config.Env()))!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var banner = new StringBuilder();
            using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
                {
                    banner.AppendLine(line);
                    if (line.Contains("sfbulk list --connection emulator", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }

            var text = banner.ToString();
            Assert.Contains("Seeded 3 open Bulk API 1.0 jobs, 1 PK-chunked query job, 2 open Bulk API 2.0 jobs", text, StringComparison.Ordinal);

            // The printed command, pasted as is (its continuation lines joined as a shell would).
            var paste = text[text.IndexOf("sfbulk connection add", StringComparison.Ordinal)..].Split('\n')
                .TakeWhile(l => !l.Contains("sfbulk list", StringComparison.Ordinal)).Aggregate(string.Empty, (all, l) => all + l.Trim().TrimEnd('\\'));
            var words = paste.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            var add = await CliProcess.RunAsync(words, config.Env());
            CliAssert.ExitCode(0, add);

            var list = await CliProcess.RunAsync(["list", "--connection", "emulator", "--output", "json"], config.Env());
            CliAssert.ExitCode(0, list);
            var jobs = CliAssert.Json(list).EnumerateArray().ToList();
            Assert.Equal(6, jobs.Count);
            Assert.Equal(2, jobs.Count(j => j.GetProperty("jobType").GetString() == "V2Ingest"));
            Assert.Equal(2, jobs.Select(j => j.GetProperty("createdById").GetString()).Distinct().Count());
            var url = words[Array.IndexOf(words, "--login-url") + 1];
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Add("X-Emulator-Token", Regex.Match(text, "control token: ([0-9a-f]{32})").Groups[1].Value);
            using var org = JsonDocument.Parse(await http.GetStringAsync(new Uri(url + "/_emulator/org"), TestContext.Current.CancellationToken));
            Assert.Contains(org.RootElement.GetProperty("users").EnumerateArray(), u => u.GetProperty("username").GetString() == "ops@example.com");

            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Contains("request: GET /services/", await stderr, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Emulator_NoSeed_SaysHowToSeedAndToLogRequests()
    {
        using var running = RunningCli.Start(["emulator"]);
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        await running.InterruptAsync();

        var result = await running.WaitAsync();

        Assert.Contains("sfbulk connection add emulator --force --credential soap", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("sfbulk emulator --open-jobs", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("-v n", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("request: ", result.StdErr, StringComparison.Ordinal);
    }
}
