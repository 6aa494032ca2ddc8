namespace SfBulk.Limits;

/// <summary>
/// The org's allocations from the REST limits resource (<c>GET /services/data/vNN.N/limits</c>). Salesforce adds and
/// renames keys over time: every key that has <c>Max</c> and <c>Remaining</c> is kept in <see cref="All"/>, and the
/// typed properties are null when the org does not report that allocation.
/// </summary>
public sealed class OrgLimits
{
    /// <summary>Names an allocation had before Salesforce renamed it, newest first.</summary>
    private static readonly Dictionary<string, string[]> FormerNames = new(StringComparer.Ordinal)
    {
        [nameof(DailyBulkApiBatches)] = ["DailyBulkApiRequests"],
    };

    /// <summary>Creates the set from allocations keyed by Salesforce's names.</summary>
    /// <param name="all">The allocations.</param>
    public OrgLimits(IReadOnlyDictionary<string, OrgLimit> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        All = all;
    }

    /// <summary>Every allocation the org reported, by Salesforce's name (ordinal).</summary>
    public IReadOnlyDictionary<string, OrgLimit> All { get; }

    /// <summary>API requests in the last 24 hours (<c>DailyApiRequests</c>); every Bulk 1.0 and REST request counts.</summary>
    public OrgLimit? DailyApiRequests => Find(nameof(DailyApiRequests));

    /// <summary>Bulk API 1.0 batches in the last 24 hours (<c>DailyBulkApiBatches</c>, formerly <c>DailyBulkApiRequests</c>); PK chunks count.</summary>
    public OrgLimit? DailyBulkApiBatches => Find(nameof(DailyBulkApiBatches));

    /// <summary>Bulk API 2.0 query jobs in the last 24 hours (<c>DailyBulkV2QueryJobs</c>).</summary>
    public OrgLimit? DailyBulkV2QueryJobs => Find(nameof(DailyBulkV2QueryJobs));

    /// <summary>Megabytes of Bulk API 2.0 query results in the last 24 hours (<c>DailyBulkV2QueryFileStorageMB</c>).</summary>
    public OrgLimit? DailyBulkV2QueryFileStorageMB => Find(nameof(DailyBulkV2QueryFileStorageMB));

    /// <summary>The allocation called <paramref name="name"/> (or a former name of it); null when not reported.</summary>
    /// <param name="name">Salesforce's name, e.g. <c>DailyBulkApiBatches</c>.</param>
    /// <returns>The allocation, or null.</returns>
    public OrgLimit? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (All.TryGetValue(name, out var limit))
        {
            return limit;
        }

        foreach (var former in FormerNames.GetValueOrDefault(name) ?? [])
        {
            if (All.TryGetValue(former, out limit))
            {
                return limit with { Name = name };
            }
        }

        return null;
    }
}
