namespace SfBulk.Jobs;

/// <summary>Filters of the Bulk API 2.0 "Get All Jobs" lists; null values are not sent.</summary>
public sealed class JobListFilter
{
    /// <summary>True lists only jobs with PK chunking enabled (<c>isPkChunkingEnabled</c>).</summary>
    /// <value>The default is null (no filter).</value>
    public bool? IsPkChunkingEnabled { get; set; }

    /// <summary>Only jobs of this type (<c>jobType</c>); <see cref="BulkJobType.Classic"/> lists Bulk 1.0 jobs.</summary>
    /// <value>The default is null (every type).</value>
    public BulkJobType? JobType { get; set; }

    /// <summary>Only jobs with this concurrency mode (<c>concurrencyMode</c>).</summary>
    /// <value>The default is null (every mode).</value>
    public ConcurrencyMode? ConcurrencyMode { get; set; }
}
