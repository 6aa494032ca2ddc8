using System.Text.RegularExpressions;

namespace SfBulk.Tests.Jobs;

/// <summary>
/// No decision in the library may depend on the words of a message Salesforce (or a proxy) sends: decisions come from
/// error codes, statuses, content types, headers and the job's state. This test reads the library's source and fails
/// on any text search applied to a message, description or body.
/// </summary>
public partial class NoMessageMatchingTests
{
    [Fact]
    public void LibrarySource_HasNoMessageTextMatching()
    {
        var root = FindRepositoryRoot();
        var library = Path.Combine(root, "src", "SfBulk");
        var offences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || relative.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimStart();
                if (line.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                if (MessageSearch().IsMatch(line) || BodyWordSearch().IsMatch(line) || PatternOnMessage().IsMatch(line))
                {
                    offences.Add($"{relative}:{i + 1}: {line}");
                }
            }
        }

        Assert.True(offences.Count == 0, "Message-text matching in the library:\n" + string.Join('\n', offences));
    }

    [Theory]
    [InlineData("|| error.Message.Contains(\"content type\", StringComparison.OrdinalIgnoreCase)")]
    [InlineData("original.StateMessage is { } message && message.Contains(\"chunk\", StringComparison.OrdinalIgnoreCase);")]
    [InlineData("\"invalid_grant\" when description?.Contains(\"approved\", StringComparison.OrdinalIgnoreCase) == true =>")]
    [InlineData("|| response.Body.AsSpan().IndexOf(\"ConcurrentPerOrgLongTxn\"u8) >= 0);")]
    [InlineData("if (Chunking().IsMatch(batch.StateMessage))")]
    public void Patterns_CatchTheKnownShapes(string line)
    {
        Assert.True(MessageSearch().IsMatch(line) || BodyWordSearch().IsMatch(line) || PatternOnMessage().IsMatch(line));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "sfbulk.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (sfbulk.slnx) was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A text search on something named like a message: <c>message.Contains(</c>, <c>Description?.StartsWith(</c>, …</summary>
    [GeneratedRegex(@"(?i)(message|description|reason|detail)\w*\)?\??\.(Contains|StartsWith|EndsWith|IndexOf|LastIndexOf|Equals)\(")]
    private static partial Regex MessageSearch();

    /// <summary>
    /// A regular expression tested against a message to decide something (<c>.IsMatch(message)</c>); rewriting text, such
    /// as scrubbing secrets out of it, decides nothing and is allowed.
    /// </summary>
    [GeneratedRegex(@"(?i)\.(IsMatch|Match|Matches)\(\s*[\w.]*(message|description|reason|detail|body)")]
    private static partial Regex PatternOnMessage();

    /// <summary>A search of a body for a literal word: <c>Body….IndexOf("…"u8)</c> or <c>Body….Contains("…")</c>.</summary>
    [GeneratedRegex(@"(?i)body\w*(\.\w+\(\))*\.(Contains|IndexOf|StartsWith|EndsWith)\(""")]
    private static partial Regex BodyWordSearch();
}
