namespace SfBulk.Sweeping;

/// <summary>Which open jobs a sweep considers; null values do not filter. Read when the plan is made.</summary>
public sealed class SweepFilter
{
    /// <summary>The minimum age a sweep asks for unless told otherwise: one hour.</summary>
    public static readonly TimeSpan DefaultOlderThan = TimeSpan.FromHours(1);

    /// <summary>
    /// Only jobs created at least this long ago, measured on Salesforce's clock (the <c>Date</c> header of the
    /// listing's answers; the sweeper's clock when there is none). A job whose <c>createdDate</c> is missing or
    /// unreadable never matches: it is planned as skipped, with the reason.
    /// </summary>
    /// <value>
    /// The default is <see cref="DefaultOlderThan"/> (one hour), so that a sweep leaves jobs someone may still be
    /// working on. <see cref="TimeSpan.Zero"/> or null considers jobs of any age. Must not be negative.
    /// </value>
    public TimeSpan? OlderThan { get; set; } = DefaultOlderThan;

    /// <summary>Only jobs on this sObject (API name, case-insensitive, e.g. <c>Account</c>).</summary>
    /// <value>The default is null (any object).</value>
    public string? Object { get; set; }

    /// <summary>Only jobs with this operation (e.g. <see cref="JobOperation.Query"/>).</summary>
    /// <value>The default is null (any operation).</value>
    public JobOperation? Operation { get; set; }

    /// <summary>Only jobs created by this user id (15 or 18 characters, <c>005…</c>).</summary>
    /// <value>The default is null (any user). Only a job's creator may close a Bulk 1.0 job; others may abort it.</value>
    public string? CreatedById { get; set; }

    /// <summary>True: only PK-chunked jobs; false: only jobs without PK chunking.</summary>
    /// <value>The default is null (both). True is sent to Salesforce (<c>isPkChunkingEnabled=true</c>).</value>
    public bool? PkChunking { get; set; }

    /// <summary>Only jobs of this type (<see cref="BulkJobType.Classic"/> = Bulk 1.0); sent to Salesforce (<c>jobType</c>).</summary>
    /// <value>The default is null (every type).</value>
    public BulkJobType? JobType { get; set; }

    internal SweepFilter Copy() => new()
    {
        OlderThan = OlderThan,
        Object = Object,
        Operation = Operation,
        CreatedById = CreatedById,
        PkChunking = PkChunking,
        JobType = JobType,
    };
}
