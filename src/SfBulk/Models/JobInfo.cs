using System.Globalization;
using System.Text;

namespace SfBulk.Models;

/// <summary>
/// A Bulk API job as Salesforce describes it (<c>jobInfo</c>): every field of Bulk API 1.0 and 2.0 with its real
/// type. Immutable. Fields Salesforce did not send are null (reference and nullable types) or 0 (counters).
/// </summary>
/// <remarks>Build instances in your own tests with <see cref="SfBulkModelFactory.JobInfo"/>.</remarks>
public sealed partial record JobInfo
{
    internal JobInfo()
    {
    }

    /// <summary>The job id (18 characters, prefix <c>750</c>).</summary>
    public string Id { get; internal init; } = string.Empty;

    /// <summary>The operation (<c>insert</c>, <c>query</c>, …).</summary>
    public JobOperation Operation { get; internal init; }

    /// <summary>The sObject API name, e.g. <c>Account</c>.</summary>
    public string Object { get; internal init; } = string.Empty;

    /// <summary>The id of the user who created the job (prefix <c>005</c>).</summary>
    public string CreatedById { get; internal init; } = string.Empty;

    /// <summary>When the job was created.</summary>
    public DateTimeOffset CreatedDate { get; internal init; }

    /// <summary>When the job was last modified.</summary>
    public DateTimeOffset SystemModstamp { get; internal init; }

    /// <summary>The job state.</summary>
    public BulkJobState State { get; internal init; }

    /// <summary>The external id field of an upsert job; null otherwise.</summary>
    public string? ExternalIdFieldName { get; internal init; }

    /// <summary>How batches are processed; null when not sent.</summary>
    public ConcurrencyMode? ConcurrencyMode { get; internal init; }

    /// <summary>The content type of the job's data; null when not sent.</summary>
    public JobContentType? ContentType { get; internal init; }

    /// <summary>Bulk 1.0: batches queued.</summary>
    public int NumberBatchesQueued { get; internal init; }

    /// <summary>Bulk 1.0: batches in progress.</summary>
    public int NumberBatchesInProgress { get; internal init; }

    /// <summary>Bulk 1.0: batches completed.</summary>
    public int NumberBatchesCompleted { get; internal init; }

    /// <summary>Bulk 1.0: batches failed.</summary>
    public int NumberBatchesFailed { get; internal init; }

    /// <summary>Bulk 1.0: all batches of the job.</summary>
    public int NumberBatchesTotal { get; internal init; }

    /// <summary>Records processed so far.</summary>
    public long NumberRecordsProcessed { get; internal init; }

    /// <summary>Bulk 1.0: how many times Salesforce retried batches.</summary>
    public int NumberRetries { get; internal init; }

    /// <summary>The API version the job was created with; keeps the scale Salesforce sent (<c>36.0</c>).</summary>
    public decimal ApiVersion { get; internal init; }

    /// <summary>The assignment rule of a Case or Lead job; null otherwise.</summary>
    public string? AssignmentRuleId { get; internal init; }

    /// <summary>Records that failed.</summary>
    public long NumberRecordsFailed { get; internal init; }

    /// <summary>Total processing time in milliseconds.</summary>
    public long TotalProcessingTime { get; internal init; }

    /// <summary>Time spent processing API operations, in milliseconds.</summary>
    public long ApiActiveProcessingTime { get; internal init; }

    /// <summary>Time spent in Apex triggers, in milliseconds.</summary>
    public long ApexProcessingTime { get; internal init; }

    /// <summary>Whether the fast path was used (sent by some orgs only); null when not sent.</summary>
    public bool? FastPathEnabled { get; internal init; }

    /// <summary>Bulk 2.0: the kind of job (<c>Classic</c> for a Bulk 1.0 job); null when not sent.</summary>
    public BulkJobType? JobType { get; internal init; }

    /// <summary>Bulk 2.0 ingest: the URL to upload data to; null when not sent.</summary>
    public string? ContentUrl { get; internal init; }

    /// <summary>Bulk 2.0: the line ending of CSV data (<c>LF</c>, <c>CRLF</c>); null when not sent.</summary>
    public string? LineEnding { get; internal init; }

    /// <summary>Bulk 2.0: the CSV column delimiter (<c>COMMA</c>, <c>TAB</c>, …); null when not sent.</summary>
    public string? ColumnDelimiter { get; internal init; }

    /// <summary>Bulk 2.0: why the job failed; null when none.</summary>
    public string? ErrorMessage { get; internal init; }

    /// <summary>Bulk 2.0: how many times Salesforce retried the job; null when not sent.</summary>
    public int? Retries { get; internal init; }

    /// <summary>Bulk 2.0 query: whether PK chunking is supported for the query's object; null when not sent.</summary>
    public bool? IsPkChunkingSupported { get; internal init; }

    /// <summary>Bulk 2.0 query: the SOQL statement; null for other jobs.</summary>
    public string? Query { get; internal init; }

    /// <summary>A one-line summary: id, operation, object, state and progress.</summary>
    /// <returns>For example <c>750D0000000002lIAA insert Account Closed (batches 1/1 completed, 0 failed; records 2 processed, 0 failed)</c>.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(128);
        sb.Append(Id).Append(' ').Append(Operation.ToString()).Append(' ').Append(Object).Append(' ').Append(State.ToString());
        sb.Append(CultureInfo.InvariantCulture, $" (");
        if (NumberBatchesTotal > 0 || JobType is null || JobType == BulkJobType.Classic)
        {
            sb.Append(CultureInfo.InvariantCulture, $"batches {NumberBatchesCompleted}/{NumberBatchesTotal} completed, {NumberBatchesFailed} failed; ");
        }

        sb.Append(CultureInfo.InvariantCulture, $"records {NumberRecordsProcessed} processed, {NumberRecordsFailed} failed)");
        return sb.ToString();
    }
}
