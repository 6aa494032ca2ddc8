namespace SfBulk.Emulator.Allocations;

/// <summary>
/// The org allocations the emulator meters, named as Salesforce's REST limits resource names them
/// (<c>GET /services/data/vNN.N/limits</c>).
/// </summary>
public static class AllocationNames
{
    /// <summary>API requests in the last 24 hours (every REST, Bulk 1.0 and Bulk 2.0 request; logins excluded).</summary>
    public const string DailyApiRequests = "DailyApiRequests";

    /// <summary>Bulk API 1.0 batches created in the last 24 hours, PK chunk batches included.</summary>
    public const string DailyBulkApiBatches = "DailyBulkApiBatches";

    /// <summary>Bulk API 2.0 query jobs created in the last 24 hours.</summary>
    public const string DailyBulkV2QueryJobs = "DailyBulkV2QueryJobs";

    /// <summary>Megabytes of Bulk API 2.0 query results stored in the last 24 hours.</summary>
    public const string DailyBulkV2QueryFileStorageMB = "DailyBulkV2QueryFileStorageMB";

    /// <summary>Every metered allocation, in the order the limits resource lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [DailyApiRequests, DailyBulkApiBatches, DailyBulkV2QueryFileStorageMB, DailyBulkV2QueryJobs];

    /// <summary>
    /// The default maxima: a large production org's API request allocation (high enough for load tests), and the
    /// documented Bulk allocations (15,000 batches, 10,000 query jobs, 976,562 MB of query results per 24 hours).
    /// </summary>
    public static IReadOnlyDictionary<string, long> DefaultMaxima { get; } = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        [DailyApiRequests] = 5_000_000,
        [DailyBulkApiBatches] = 15_000,
        [DailyBulkV2QueryFileStorageMB] = 976_562,
        [DailyBulkV2QueryJobs] = 10_000,
    };

    /// <summary>The name as Salesforce spells it, or null for a name the emulator does not meter (case-insensitive).</summary>
    public static string? Canonical(string? name) =>
        All.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads a <c>NAME=MAX</c> setting (as <c>--limit DailyApiRequests=15000</c> gives it) into the canonical name and
    /// maximum; returns why it is refused, or null.
    /// </summary>
    public static string? TryParseMaximum(string setting, out string name, out long max)
    {
        ArgumentNullException.ThrowIfNull(setting);
        name = string.Empty;
        max = 0;
        var at = setting.IndexOf('=', StringComparison.Ordinal);
        var known = at > 0 ? Canonical(setting[..at].Trim()) : null;
        if (known is null)
        {
            return $"'{setting}' is not NAME=MAX with NAME one of {string.Join(", ", All)}.";
        }

        if (!long.TryParse(setting.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out max))
        {
            return $"The maximum in '{setting}' must be a whole number of at least 0.";
        }

        name = known;
        return null;
    }
}
