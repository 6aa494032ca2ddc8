using System.ComponentModel;

namespace SfBulk.Models;

/// <summary>
/// The state of a Bulk API 1.0 batch (<c>batchInfo.state</c>).
/// </summary>
/// <remarks>
/// An extensible enumeration: the well-known values are spelled exactly as on the wire; any other value Salesforce
/// sends is kept as is. Equality is ordinal (case-sensitive), matching the wire.
/// </remarks>
public readonly struct BatchState : IEquatable<BatchState>
{
    private const string QueuedValue = "Queued";
    private const string InProgressValue = "InProgress";
    private const string CompletedValue = "Completed";
    private const string FailedValue = "Failed";
    private const string NotProcessedValue = "NotProcessed";

    private readonly string? _value;

    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value exactly as Salesforce spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public BatchState(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Not started yet; if the job is aborted the batch becomes NotProcessed.</summary>
    public static BatchState Queued { get; } = new(QueuedValue);

    /// <summary>Being processed; it is processed to completion even if the job is aborted.</summary>
    public static BatchState InProgress { get; } = new(InProgressValue);

    /// <summary>Processed and results are available (it does not mean every record succeeded).</summary>
    public static BatchState Completed { get; } = new(CompletedValue);

    /// <summary>The batch could not be processed in full; see its state message.</summary>
    public static BatchState Failed { get; } = new(FailedValue);

    /// <summary>Will not be processed: the job was aborted while it was queued, or it is the original batch of a PK-chunked query (which is success).</summary>
    public static BatchState NotProcessed { get; } = new(NotProcessedValue);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when both have the same wire spelling.</returns>
    public static bool operator ==(BatchState left, BatchState right) => left.Equals(right);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when the wire spellings differ.</returns>
    public static bool operator !=(BatchState left, BatchState right) => !left.Equals(right);

    /// <summary>Converts a wire string to a value.</summary>
    /// <param name="value">The wire spelling.</param>
    public static implicit operator BatchState(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(BatchState other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is BatchState other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Returns the wire spelling (empty for the default value).</summary>
    /// <returns>The value as Salesforce spells it.</returns>
    public override string ToString() => _value ?? string.Empty;
}
