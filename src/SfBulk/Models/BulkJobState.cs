using System.ComponentModel;

namespace SfBulk.Models;

/// <summary>
/// The state of a Bulk API job (<c>jobInfo.state</c>), for Bulk API 1.0 and 2.0.
/// </summary>
/// <remarks>
/// An extensible enumeration: the well-known values are spelled exactly as on the wire; any other value Salesforce
/// sends is kept as is. Equality is ordinal (case-sensitive), matching the wire.
/// </remarks>
public readonly struct BulkJobState : IEquatable<BulkJobState>
{
    private const string OpenValue = "Open";
    private const string ClosedValue = "Closed";
    private const string AbortedValue = "Aborted";
    private const string FailedValue = "Failed";
    private const string UploadCompleteValue = "UploadComplete";
    private const string InProgressValue = "InProgress";
    private const string JobCompleteValue = "JobComplete";

    private readonly string? _value;

    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value exactly as Salesforce spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public BulkJobState(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Bulk 1.0 and 2.0 ingest: the job was created; data can be added.</summary>
    public static BulkJobState Open { get; } = new(OpenValue);

    /// <summary>Bulk 1.0: no more batches can be added; batches already added may still be processed.</summary>
    public static BulkJobState Closed { get; } = new(ClosedValue);

    /// <summary>The job was aborted; queued data is not processed, committed data is not rolled back.</summary>
    public static BulkJobState Aborted { get; } = new(AbortedValue);

    /// <summary>The job failed; data already processed is not rolled back.</summary>
    public static BulkJobState Failed { get; } = new(FailedValue);

    /// <summary>Bulk 2.0: all data was uploaded (an ingest job was closed) or a query job was created; processing is queued.</summary>
    public static BulkJobState UploadComplete { get; } = new(UploadCompleteValue);

    /// <summary>Bulk 2.0: the job is being processed.</summary>
    public static BulkJobState InProgress { get; } = new(InProgressValue);

    /// <summary>Bulk 2.0: processing finished.</summary>
    public static BulkJobState JobComplete { get; } = new(JobCompleteValue);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when both have the same wire spelling.</returns>
    public static bool operator ==(BulkJobState left, BulkJobState right) => left.Equals(right);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when the wire spellings differ.</returns>
    public static bool operator !=(BulkJobState left, BulkJobState right) => !left.Equals(right);

    /// <summary>Converts a wire string to a value.</summary>
    /// <param name="value">The wire spelling.</param>
    public static implicit operator BulkJobState(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(BulkJobState other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is BulkJobState other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Returns the wire spelling (empty for the default value).</summary>
    /// <returns>The value as Salesforce spells it.</returns>
    public override string ToString() => _value ?? string.Empty;
}
