using System.Globalization;
using SfBulk.Jobs;

namespace SfBulk.Cli.Infrastructure;

/// <summary>
/// The job ids of a command that takes several: those on the command line, and with <c>-</c> those on standard input
/// (separated by white space or commas, one or more a line; blank lines and lines starting with <c>#</c> skipped), so
/// that <c>sfbulk list --output json | jq -r '.[].id' | sfbulk close -</c> works for any number of jobs. Every id is
/// checked before anything is sent.
/// </summary>
internal static class JobIdList
{
    /// <summary>The command-line word that stands for the ids on standard input.</summary>
    public const string FromStandardInput = "-";

    /// <summary>How many bad ids an error lists before it says how many more there are.</summary>
    private const int ErrorsShown = 5;

    /// <summary>Every id, normalized to 18 characters, each once, in the order given.</summary>
    /// <param name="arguments">The ids on the command line; <c>-</c> reads more from <paramref name="stdin"/>.</param>
    /// <param name="stdin">Standard input.</param>
    /// <returns>The ids.</returns>
    /// <exception cref="CliException">An id on standard input is not a job id, or standard input holds none (exit code 2).</exception>
    public static string[] Resolve(IEnumerable<string> arguments, TextReader stdin)
    {
        var ids = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument == FromStandardInput)
            {
                ids.AddRange(Read(stdin));
            }
            else
            {
                ids.Add(SfBulk.Jobs.JobId.Normalize(argument));
            }
        }

        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    private static List<string> Read(TextReader stdin)
    {
        var ids = new List<string>();
        var errors = new List<string>();
        var words = new List<string>();
        var number = 0;
        while (stdin.ReadLine() is { } line)
        {
            number++;
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            foreach (var word in line.Split([' ', '\t', ',', '\r'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (SfBulk.Jobs.JobId.TryNormalize(word, out var id, out var error))
                {
                    ids.Add(id);
                    words.Add(word);
                }
                else
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {number}: {error}"));
                }
            }
        }

        if (errors.Count > 0)
        {
            var more = errors.Count > ErrorsShown ? string.Create(CultureInfo.InvariantCulture, $"\n  … and {errors.Count - ErrorsShown} more") : string.Empty;
            throw new CliException(
                $"Standard input holds {errors.Count} job id{(errors.Count == 1 ? string.Empty : "s")} that cannot be used; nothing was sent:\n  {string.Join("\n  ", errors.Take(ErrorsShown))}{more}",
                ExitCodes.UsageError);
        }

        if (CaseSensitiveIds.Note(words) is { } note)
        {
            Console.Error.WriteLine(note);
        }

        if (ids.Count == 0)
        {
            throw new CliException("'-' reads job ids from standard input, but it held none; nothing was sent.", ExitCodes.UsageError);
        }

        return ids;
    }
}
