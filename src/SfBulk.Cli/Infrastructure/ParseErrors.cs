using System.CommandLine;
using System.CommandLine.Parsing;

namespace SfBulk.Cli.Infrastructure;

/// <summary>
/// Reports a command line the parser refused: a mistyped option or command is named as such, with the closest known
/// one ("did you mean"), instead of the errors it causes further on (a misspelt option read as a job id).
/// </summary>
internal static class ParseErrors
{
    /// <summary>Writes the errors of <paramref name="parse"/> to <paramref name="writer"/>; returns the exit code (2).</summary>
    public static int Report(ParseResult parse, TextWriter writer)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(command);
        var unknown = UnknownWords(parse).ToList();
        if (unknown.Count > 0)
        {
            foreach (var word in unknown)
            {
                writer.WriteLine("error: " + word);
            }
        }
        else
        {
            foreach (var error in parse.Errors)
            {
                writer.WriteLine($"error: {error.Message}");
            }
        }

        writer.WriteLine($"Run '{path} --help' for usage.");
        return ExitCodes.UsageError;
    }

    /// <summary>The messages for the words that name no option or command of the command line's command.</summary>
    public static IEnumerable<string> UnknownWords(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(command);
        var options = KnownOptions(command).ToList();
        var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var optionValues = OptionValues(parse.RootCommandResult).ToHashSet(ReferenceEqualityComparer.Instance);
        var words = parse.Tokens.Where(t => t.Type == TokenType.Argument && !optionValues.Contains(t)).Select(t => t.Value)
            .Concat(parse.UnmatchedTokens)
            .Distinct(StringComparer.Ordinal);
        var commandNamed = false;
        foreach (var word in words)
        {
            if (LooksLikeOption(word))
            {
                var name = word.Split('=', 2)[0];
                if (!options.Contains(name, StringComparer.Ordinal))
                {
                    yield return $"unknown option '{name}' for '{path}'.{Suggest(name, options)}";
                }
            }
            else if (subcommands.Count > 0 && !commandNamed && parse.UnmatchedTokens.Contains(word, StringComparer.Ordinal))
            {
                commandNamed = true; // the words after a mistyped command are its arguments, not more commands
                yield return $"'{word}' is not {(command is RootCommand ? "an sfbulk" : $"a '{path}'")} command.{Suggest(word, subcommands)} Commands: {string.Join(", ", subcommands)}.";
            }
        }
    }

    /// <summary>The tokens the parser took as option values (<c>-x</c> in <c>--target-org=-x</c>): never an unknown option.</summary>
    private static IEnumerable<object> OptionValues(CommandResult result)
    {
        foreach (var child in result.Children)
        {
            if (child is OptionResult option)
            {
                foreach (var token in option.Tokens)
                {
                    yield return token;
                }
            }
            else if (child is CommandResult subcommand)
            {
                foreach (var token in OptionValues(subcommand))
                {
                    yield return token;
                }
            }
        }
    }

    /// <summary><c> Did you mean '--timeout'?</c>, or nothing when no known word is close.</summary>
    public static string Suggest(string word, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Word: k, Distance: Distance(word.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(k => k.Distance <= Math.Max(2, k.Word.Length / 3) || (word.Length >= 3 && k.Word.StartsWith(word, StringComparison.OrdinalIgnoreCase)) || (k.Word.Length >= 5 && word.StartsWith(k.Word, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(k => k.Distance)
            .FirstOrDefault();
        return best.Word is null ? string.Empty : $" Did you mean '{best.Word}'?";
    }

    private static bool LooksLikeOption(string word) =>
        word.Length > 1 && word[0] == '-' && !char.IsAsciiDigit(word[1]) && word[1] != '.'; // -5s, -1 and -.5 are (negative) values

    private static IEnumerable<string> KnownOptions(Command command)
    {
        foreach (var option in command.Options)
        {
            yield return option.Name;
            foreach (var alias in option.Aliases)
            {
                yield return alias;
            }
        }

        foreach (var parent in Ancestors(command))
        {
            foreach (var option in parent.Options.Where(o => o.Recursive))
            {
                yield return option.Name;
                foreach (var alias in option.Aliases)
                {
                    yield return alias;
                }
            }
        }
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }

    /// <summary><c>sfbulk connection add</c>.</summary>
    public static string CommandPath(Command command) =>
        string.Join(' ', ["sfbulk", .. Ancestors(command).Where(c => c is not RootCommand).Reverse().Select(c => c.Name), .. command is RootCommand ? Array.Empty<string>() : [command.Name]]);

    /// <summary>The edit distance between two words (insertions, deletions, substitutions, and swaps of neighbours).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
