using System.Diagnostics;
using System.Text.Json;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Journal;

/// <summary>The CLI's journal: what close writes, concurrent processes, a process killed mid-write, and opting out.</summary>
public sealed class JournalCommandTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    [Fact]
    public async Task Close_Job_AppendsEntryUnderXdgStateHome()
    {
        using var folder = new JournalFolder();
        var id = await emulator.OpenJobAsync();

        var result = await CliProcess.RunAsync(["close", id, .. await emulator.SessionArgsAsync()], folder.Environment);

        CliAssert.ExitCode(0, result);
        var entry = Assert.Single(folder.Read());
        Assert.Equal((id, "close", "closed", "Open", "Closed"), (entry.JobId, entry.Command, entry.Outcome, entry.StateBefore, entry.StateAfter));
        using var org = JsonDocument.Parse(await emulator.Http.GetStringAsync("_emulator/org", TestContext.Current.CancellationToken));
        Assert.Equal(org.RootElement.GetProperty("orgId").GetString()![..15], entry.OrgId);
        var line = await File.ReadAllTextAsync(folder.FilePath, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Canaries.Password, line, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.FilePath));
        }
    }

    [Fact]
    public async Task Close_NoJournalOrEnvironmentOff_WritesNothing()
    {
        using var folder = new JournalFolder();
        var ids = await emulator.SeedClassicAsync("""{"count":2}""");
        var off = folder.Environment;
        off["SFBULK_JOURNAL"] = "off";

        var flag = await CliProcess.RunAsync(["close", ids[0], "--no-journal", .. await emulator.SessionArgsAsync()], folder.Environment);
        var environment = await CliProcess.RunAsync(["close", ids[1], .. await emulator.SessionArgsAsync()], off);

        CliAssert.ExitCode(0, flag);
        CliAssert.ExitCode(0, environment);
        Assert.False(File.Exists(folder.FilePath));
    }

    [Fact]
    public async Task Close_TwoProcesses1000ChangesEach_EveryLineWhole()
    {
        using var folder = new JournalFolder();
        var ids = await emulator.SeedClassicAsync("""{"count":2000}""");
        var session = await emulator.SessionArgsAsync();

        var runs = await Task.WhenAll(
            CliProcess.RunAsync(["close", "-", "--output", "json", .. session], folder.Environment, string.Join('\n', ids[..1000]), TimeSpan.FromMinutes(4)),
            CliProcess.RunAsync(["close", "-", "--output", "json", .. session], folder.Environment, string.Join('\n', ids[1000..]), TimeSpan.FromMinutes(4)));

        CliAssert.ExitCode(0, runs[0]);
        CliAssert.ExitCode(0, runs[1]);
        var lines = await File.ReadAllLinesAsync(folder.FilePath, TestContext.Current.CancellationToken);
        Assert.Equal(2000, lines.Length);
        var warnings = new List<string>();
        var entries = folder.Read(warnings);
        Assert.Empty(warnings);
        Assert.Equal(ids.Order(StringComparer.Ordinal), entries.Select(e => e.JobId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Close_KilledMidRun_JournalReadableAndNextAppendWhole()
    {
        using var folder = new JournalFolder();
        var ids = await emulator.SeedClassicAsync("""{"count":1500}""");
        var session = await emulator.SessionArgsAsync();
        using (var process = Process.Start(CliProcess.StartInfo(["close", "-", "--parallelism", "16", .. session], folder.Environment))!)
        {
            await process.StandardInput.WriteAsync(string.Join('\n', ids));
            process.StandardInput.Close();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((!File.Exists(folder.FilePath) || new FileInfo(folder.FilePath).Length < 20_000) && !process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }

            Assert.False(process.HasExited, "the close finished before it could be killed");
            process.Kill(); // SIGKILL: no cleanup, no flush.
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var written = folder.Read();
        var extra = await emulator.OpenJobAsync();
        var next = await CliProcess.RunAsync(["close", extra, .. session], folder.Environment);
        var history = await CliProcess.RunAsync(["history", "--output", "json"], folder.Environment);

        CliAssert.ExitCode(0, next);
        CliAssert.ExitCode(0, history);
        var shown = CliAssert.Json(history).EnumerateArray().Select(e => e.GetProperty("jobId").GetString()).ToList();
        Assert.True(written.Count > 0);
        Assert.Equal(written.Count + 1, shown.Count);
        Assert.Equal(extra, shown[^1]);
        foreach (var entry in written)
        {
            Assert.Equal("Closed", await emulator.ClassicJobStateAsync(entry.JobId));
        }
    }
}
