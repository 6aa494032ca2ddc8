namespace SfBulk.Models;

/// <summary>A Bulk API 1.0 batch (<c>batchInfo</c>). Immutable.</summary>
/// <remarks>Build instances in your own tests with <see cref="SfBulkModelFactory.BatchInfo"/>.</remarks>
public sealed partial record BatchInfo
{
    internal BatchInfo()
    {
    }

    /// <summary>The batch id (prefix <c>751</c>).</summary>
    public string Id { get; internal init; } = string.Empty;

    /// <summary>The id of the batch's job, as Salesforce sent it (15 or 18 characters).</summary>
    public string JobId { get; internal init; } = string.Empty;

    /// <summary>The batch state.</summary>
    public BatchState State { get; internal init; }

    /// <summary>Why the batch failed or was not processed; null when Salesforce sent none.</summary>
    public string? StateMessage { get; internal init; }

    /// <summary>When the batch was created.</summary>
    public DateTimeOffset CreatedDate { get; internal init; }

    /// <summary>When the batch was last modified.</summary>
    public DateTimeOffset SystemModstamp { get; internal init; }

    /// <summary>Records processed.</summary>
    public long NumberRecordsProcessed { get; internal init; }

    /// <summary>Records that failed.</summary>
    public long NumberRecordsFailed { get; internal init; }

    /// <summary>Total processing time in milliseconds.</summary>
    public long TotalProcessingTime { get; internal init; }

    /// <summary>Time spent processing API operations, in milliseconds.</summary>
    public long ApiActiveProcessingTime { get; internal init; }

    /// <summary>Time spent in Apex triggers, in milliseconds.</summary>
    public long ApexProcessingTime { get; internal init; }

    /// <summary>A one-line summary: id, state and record counts.</summary>
    /// <returns>For example <c>751D00000004YjwIAE NotProcessed (0 processed, 0 failed)</c>.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Id} {State} ({NumberRecordsProcessed} processed, {NumberRecordsFailed} failed)");
}
