using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Newcomer;

/// <summary>
/// The doc test: every <c>sfbulk</c> command of the README (in its shell blocks, its tables and its text) runs against
/// the emulator, so that an example with a bad id, a renamed option or a duration without a unit fails here first.
/// </summary>
public sealed partial class ReadmeExamplesTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "README.md"));

    [Fact]
    public void Readme_Examples_AreFound()
    {
        var examples = Examples().ToList();

        Assert.True(examples.Count >= 15, "Only these examples were found:\n" + string.Join('\n', examples));
        Assert.Contains(examples, e => e.StartsWith("sfbulk sweep", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readme_EveryCommandExample_RunsAgainstTheEmulator()
    {
        // 750R00000000001IAA (the README's id) and $JOB_ID: PK-chunked query jobs whose chunks finish in moments.
        const string Chunked = """{"operation":"query","pkChunking":{"chunkSize":100000},"chunks":3,"chunkDurationSeconds":0.2}""";
        var first = await emulator.OpenJobAsync(Chunked);
        Assert.Equal("750R00000000001IAA", first);
        var jobId = await emulator.OpenJobAsync(Chunked);
        var spare = await emulator.SeedClassicAsync("""{"count":3,"ageSeconds":90000}""");
        var token = await emulator.LoginAsync();
        using var config = new TempConfig();
        var keyFile = Path.Combine(config.Directory, "prod.key");
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        }

        var closeJson = Path.Combine(config.Directory, "close.json");
        await File.WriteAllTextAsync(closeJson, $$$"""{"CloseJob":{"jobId":"{{{spare[0]}}}","state":"Closed"}}""", TestContext.Current.CancellationToken);
        var environment = config.Env(("SFBULK_INSTANCE_URL", emulator.Url), ("SFBULK_SESSION_ID", token));
        var variables = new Dictionary<string, string>
        {
            ["$JOB_ID"] = jobId,
            ["$SF_INSTANCE_URL"] = emulator.Url,
            ["$SF_ACCESS_TOKEN"] = token,
            ["~/.sfbulk/prod.key"] = keyFile,
            ["close.json"] = closeJson,
        };

        var failures = new List<string>();
        foreach (var example in Examples())
        {
            var (args, stdin) = Prepare(example, variables, spare[1]);
            CliResult result;
            if (args[0] is "emulator" or "ui" || (args[0] == "watch" && args.Contains("--all"))) // run until stopped
            {
                args = [.. args.Select(a => a == "8484" ? "0" : a), .. args[0] == "ui" ? new[] { "--no-open" } : []];
                using var running = RunningCli.Start(args, environment);
                await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
                await running.InterruptAsync();
                result = await running.WaitAsync();
            }
            else
            {
                result = await CliProcess.RunAsync(args, environment, stdin, TimeSpan.FromSeconds(90));
            }

            if (result.ExitCode == 2 || result.StdErr.Contains("for usage.", StringComparison.Ordinal) || result.StdErr.Contains("unknown option", StringComparison.Ordinal))
            {
                failures.Add($"{example}\n  exit {result.ExitCode}: {result.StdErr.Trim()}");
            }
        }

        Assert.True(failures.Count == 0, "README examples that no longer work:\n" + string.Join('\n', failures));
    }

    /// <summary>The <c>sfbulk …</c> command lines of the README, in order (shell blocks first by position, with inline ones).</summary>
    private static IEnumerable<string> Examples()
    {
        var found = new List<string>();
        string? fence = null;
        var pending = string.Empty;
        foreach (var raw in Readme.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fence = fence is null ? line.Trim()[3..] : null;
                continue;
            }

            if (fence is null)
            {
                found.AddRange(Inline().Matches(line).Select(m => m.Groups[1].Value));
            }
            else if (fence == "sh")
            {
                if (line.EndsWith('\\'))
                {
                    pending += line[..^1] + " ";
                    continue;
                }

                var command = StripComment(pending + line).Trim();
                pending = string.Empty;
                if (command.Contains("sfbulk ", StringComparison.Ordinal))
                {
                    found.Add(command);
                }
            }
        }

        return found.Distinct(StringComparer.Ordinal);
    }

    /// <summary>The arguments of the example's <c>sfbulk</c> command (the last of a pipeline), and its standard input.</summary>
    private static (string[] Args, string? Stdin) Prepare(string example, Dictionary<string, string> variables, string spareJobId)
    {
        var segments = example.Split(" | ");
        var index = Array.FindLastIndex(segments, s => s.Contains("sfbulk ", StringComparison.Ordinal));
        var words = Words(segments[index]);
        words = words[(words.IndexOf("sfbulk") + 1)..];
        var redirect = words.FindIndex(w => w.StartsWith('>') || w == "<");
        if (redirect >= 0)
        {
            words = words[..redirect];
        }

        words = [.. words.Select(w => variables.Aggregate(w, (text, v) => text.Replace(v.Key, v.Value, StringComparison.Ordinal)))];
        if (segments[index].TrimStart().StartsWith("xargs", StringComparison.Ordinal))
        {
            words.Add(spareJobId); // the ids the pipeline would pass on
        }

        string? stdin = null;
        if (index > 0 && Words(segments[index - 1]) is ["echo", var echoed])
        {
            stdin = variables.Aggregate(echoed, (text, v) => text.Replace(v.Key, v.Value, StringComparison.Ordinal)) + "\n";
        }
        else if (words.Contains("-") && !words.Contains("--session-id"))
        {
            stdin = spareJobId + "\n"; // ids on standard input
        }

        return ([.. words], stdin);
    }

    /// <summary>Splits a command line into words as a POSIX shell does for quotes (no expansion).</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var any = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                any = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (any || word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    any = false;
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (any || word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static string StripComment(string line)
    {
        var at = line.IndexOf(" #", StringComparison.Ordinal);
        return at >= 0 ? line[..at] : line;
    }

    [GeneratedRegex(@"`(sfbulk [^`]+)`")]
    private static partial Regex Inline();
}
