using System.ComponentModel;

namespace SfBulk.Models;

/// <summary>
/// The kind of job as Bulk API 2.0 reports it (<c>jobType</c>).
/// </summary>
/// <remarks>
/// An extensible enumeration: the well-known values are spelled exactly as on the wire; any other value Salesforce
/// sends is kept as is. Equality is ordinal (case-sensitive), matching the wire.
/// </remarks>
public readonly struct BulkJobType : IEquatable<BulkJobType>
{
    private const string ClassicValue = "Classic";
    private const string V2IngestValue = "V2Ingest";
    private const string V2QueryValue = "V2Query";
    private const string BigObjectIngestValue = "BigObjectIngest";

    private readonly string? _value;

    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value exactly as Salesforce spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public BulkJobType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>A Bulk API 1.0 job.</summary>
    public static BulkJobType Classic { get; } = new(ClassicValue);

    /// <summary>A Bulk API 2.0 ingest job.</summary>
    public static BulkJobType V2Ingest { get; } = new(V2IngestValue);

    /// <summary>A Bulk API 2.0 query job.</summary>
    public static BulkJobType V2Query { get; } = new(V2QueryValue);

    /// <summary>A Bulk API 2.0 ingest job for a big object.</summary>
    public static BulkJobType BigObjectIngest { get; } = new(BigObjectIngestValue);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when both have the same wire spelling.</returns>
    public static bool operator ==(BulkJobType left, BulkJobType right) => left.Equals(right);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when the wire spellings differ.</returns>
    public static bool operator !=(BulkJobType left, BulkJobType right) => !left.Equals(right);

    /// <summary>Converts a wire string to a value.</summary>
    /// <param name="value">The wire spelling.</param>
    public static implicit operator BulkJobType(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(BulkJobType other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is BulkJobType other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Returns the wire spelling (empty for the default value).</summary>
    /// <returns>The value as Salesforce spells it.</returns>
    public override string ToString() => _value ?? string.Empty;
}
