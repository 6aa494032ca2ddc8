using SfBulk.Jobs;

namespace SfBulk.Cli.Infrastructure;

/// <summary>
/// The note for 15-character ids with letters: Salesforce reads them case-sensitively (the 18-character form adds a
/// suffix that encodes the case), so a wrong-case id names another job. The note says which 18-character id was used.
/// </summary>
internal static class CaseSensitiveIds
{
    /// <summary>True for a 15-character id with at least one letter.</summary>
    public static bool Applies(string id) => id.Length == 15 && id.Any(char.IsAsciiLetter);

    /// <summary>The note for the first such id of <paramref name="ids"/>, or null when none is one.</summary>
    public static string? Note(IEnumerable<string> ids)
    {
        var found = ids.Where(Applies).Distinct(StringComparer.Ordinal).ToList();
        if (found.Count == 0 || !SfBulk.Jobs.JobId.TryNormalize(found[0], out var full, out _))
        {
            return null;
        }

        var more = found.Count > 1 ? $" (and {found.Count - 1} more 15-character id{(found.Count == 2 ? string.Empty : "s")})" : string.Empty;
        return $"note: 15-character ids are case-sensitive: '{found[0]}'{more} is read as {full}. If no such job is found, check the case of its letters, or paste the 18-character id (which is not case-sensitive).";
    }
}
