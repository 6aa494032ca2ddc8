using System.ComponentModel;

namespace SfBulk.Models;

/// <summary>
/// How Salesforce processes a job's batches (<c>jobInfo.concurrencyMode</c>).
/// </summary>
/// <remarks>
/// An extensible enumeration: the well-known values are spelled exactly as on the wire; any other value Salesforce
/// sends is kept as is. Equality is ordinal (case-sensitive), matching the wire.
/// </remarks>
public readonly struct ConcurrencyMode : IEquatable<ConcurrencyMode>
{
    private const string ParallelValue = "Parallel";
    private const string SerialValue = "Serial";

    private readonly string? _value;

    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value exactly as Salesforce spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public ConcurrencyMode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Batches are processed in parallel (the default).</summary>
    public static ConcurrencyMode Parallel { get; } = new(ParallelValue);

    /// <summary>Batches are processed one at a time.</summary>
    public static ConcurrencyMode Serial { get; } = new(SerialValue);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when both have the same wire spelling.</returns>
    public static bool operator ==(ConcurrencyMode left, ConcurrencyMode right) => left.Equals(right);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when the wire spellings differ.</returns>
    public static bool operator !=(ConcurrencyMode left, ConcurrencyMode right) => !left.Equals(right);

    /// <summary>Converts a wire string to a value.</summary>
    /// <param name="value">The wire spelling.</param>
    public static implicit operator ConcurrencyMode(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(ConcurrencyMode other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is ConcurrencyMode other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Returns the wire spelling (empty for the default value).</summary>
    /// <returns>The value as Salesforce spells it.</returns>
    public override string ToString() => _value ?? string.Empty;
}
