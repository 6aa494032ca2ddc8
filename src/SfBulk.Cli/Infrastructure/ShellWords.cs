namespace SfBulk.Cli.Infrastructure;

/// <summary>Builds command lines a person can paste into a POSIX shell.</summary>
internal static class ShellWords
{
    /// <summary>The words joined by spaces, each quoted when the shell would otherwise split or expand it.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    /// <summary><paramref name="word"/> as is when it is plain, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '@' or '=' or ',' or '+' or '%')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
