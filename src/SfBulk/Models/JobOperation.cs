using System.ComponentModel;

namespace SfBulk.Models;

/// <summary>
/// The operation of a Bulk API job (<c>jobInfo.operation</c>); case-sensitive on the wire.
/// </summary>
/// <remarks>
/// An extensible enumeration: the well-known values are spelled exactly as on the wire; any other value Salesforce
/// sends is kept as is. Equality is ordinal (case-sensitive), matching the wire.
/// </remarks>
public readonly struct JobOperation : IEquatable<JobOperation>
{
    private const string InsertValue = "insert";
    private const string UpdateValue = "update";
    private const string UpsertValue = "upsert";
    private const string DeleteValue = "delete";
    private const string HardDeleteValue = "hardDelete";
    private const string QueryValue = "query";
    private const string QueryAllValue = "queryAll";

    private readonly string? _value;

    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value exactly as Salesforce spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public JobOperation(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Insert records.</summary>
    public static JobOperation Insert { get; } = new(InsertValue);

    /// <summary>Update records.</summary>
    public static JobOperation Update { get; } = new(UpdateValue);

    /// <summary>Insert or update records by an external id.</summary>
    public static JobOperation Upsert { get; } = new(UpsertValue);

    /// <summary>Delete records to the recycle bin.</summary>
    public static JobOperation Delete { get; } = new(DeleteValue);

    /// <summary>Delete records permanently.</summary>
    public static JobOperation HardDelete { get; } = new(HardDeleteValue);

    /// <summary>Query records.</summary>
    public static JobOperation Query { get; } = new(QueryValue);

    /// <summary>Query records, including deleted and archived ones.</summary>
    public static JobOperation QueryAll { get; } = new(QueryAllValue);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when both have the same wire spelling.</returns>
    public static bool operator ==(JobOperation left, JobOperation right) => left.Equals(right);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when the wire spellings differ.</returns>
    public static bool operator !=(JobOperation left, JobOperation right) => !left.Equals(right);

    /// <summary>Converts a wire string to a value.</summary>
    /// <param name="value">The wire spelling.</param>
    public static implicit operator JobOperation(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(JobOperation other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is JobOperation other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Returns the wire spelling (empty for the default value).</summary>
    /// <returns>The value as Salesforce spells it.</returns>
    public override string ToString() => _value ?? string.Empty;
}
