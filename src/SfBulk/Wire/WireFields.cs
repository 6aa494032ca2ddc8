using System.Globalization;

namespace SfBulk.Wire;

/// <summary>
/// The flat fields of one wire object (jobInfo, batchInfo, error), read the same way from XML elements and JSON
/// properties: names as sent, values as text (JSON numbers keep their literal, so <c>36.0</c> keeps its scale), JSON
/// null as null. Typed getters turn a bad value into INVALID_RESPONSE naming the field.
/// </summary>
internal sealed class WireFields(string objectName, ApiResponse? response)
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public void Set(string name, string? value) => _values[name] = value;

    public string? String(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public string RequiredString(string name)
    {
        var v = String(name);
        return string.IsNullOrEmpty(v) ? throw Bad($"the {objectName} has no '{name}'") : v;
    }

    public int Int32(string name) => Int32OrNull(name) ?? 0;

    public int? Int32OrNull(string name)
    {
        var v = String(name);
        if (v is null)
        {
            return null;
        }

        return int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Bad($"'{name}' is '{WireFailure.Shorten(v)}', not a whole number in the 32-bit range");
    }

    public long Int64(string name)
    {
        var v = String(name);
        if (v is null)
        {
            return 0;
        }

        return long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Bad($"'{name}' is '{WireFailure.Shorten(v)}', not a whole number in the 64-bit range");
    }

    public decimal Decimal(string name)
    {
        var v = String(name);
        if (v is null)
        {
            return 0m;
        }

        return decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Bad($"'{name}' is '{WireFailure.Shorten(v)}', not a decimal number");
    }

    public bool? Boolean(string name)
    {
        var v = String(name);
        if (v is null)
        {
            return null;
        }

        return bool.TryParse(v, out var b) ? b : throw Bad($"'{name}' is '{WireFailure.Shorten(v)}', not true or false");
    }

    public DateTimeOffset Date(string name)
    {
        var v = String(name);
        if (v is null)
        {
            return default;
        }

        return WireDates.TryParse(v, out var d) ? d : throw Bad($"'{name}' is '{WireFailure.Shorten(v)}', not a date-time");
    }

    private SalesforceRestException Bad(string message) => WireFailure.InvalidResponse(message, response);
}
