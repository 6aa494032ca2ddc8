using System.ComponentModel;

namespace SfBulk.Models;

/// <summary>
/// The content type of a job's data (<c>jobInfo.contentType</c>); for Bulk 1.0 it also decides the dialect of responses (JSON jobs answer in JSON, the others in XML).
/// </summary>
/// <remarks>
/// An extensible enumeration: the well-known values are spelled exactly as on the wire; any other value Salesforce
/// sends is kept as is. Equality is ordinal (case-sensitive), matching the wire.
/// </remarks>
public readonly struct JobContentType : IEquatable<JobContentType>
{
    private const string CsvValue = "CSV";
    private const string XmlValue = "XML";
    private const string JsonValue = "JSON";
    private const string ZipCsvValue = "ZIP_CSV";
    private const string ZipXmlValue = "ZIP_XML";
    private const string ZipJsonValue = "ZIP_JSON";

    private readonly string? _value;

    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value exactly as Salesforce spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public JobContentType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Comma-separated values (responses in XML).</summary>
    public static JobContentType Csv { get; } = new(CsvValue);

    /// <summary>XML records (the Bulk 1.0 default).</summary>
    public static JobContentType Xml { get; } = new(XmlValue);

    /// <summary>JSON records (responses in JSON).</summary>
    public static JobContentType Json { get; } = new(JsonValue);

    /// <summary>Zipped CSV with attachments.</summary>
    public static JobContentType ZipCsv { get; } = new(ZipCsvValue);

    /// <summary>Zipped XML with attachments.</summary>
    public static JobContentType ZipXml { get; } = new(ZipXmlValue);

    /// <summary>Zipped JSON with attachments.</summary>
    public static JobContentType ZipJson { get; } = new(ZipJsonValue);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when both have the same wire spelling.</returns>
    public static bool operator ==(JobContentType left, JobContentType right) => left.Equals(right);

    /// <summary>Compares two values ordinally.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when the wire spellings differ.</returns>
    public static bool operator !=(JobContentType left, JobContentType right) => !left.Equals(right);

    /// <summary>Converts a wire string to a value.</summary>
    /// <param name="value">The wire spelling.</param>
    public static implicit operator JobContentType(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(JobContentType other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is JobContentType other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Returns the wire spelling (empty for the default value).</summary>
    /// <returns>The value as Salesforce spells it.</returns>
    public override string ToString() => _value ?? string.Empty;
}
