namespace SfBulk.Wire;

/// <summary>Builds the one exception every unreadable response becomes: <see cref="SalesforceRestException"/> INVALID_RESPONSE.</summary>
internal static class WireFailure
{
    public static SalesforceRestException InvalidResponse(string message, ApiResponse? response = null, Exception? inner = null)
    {
        var where = response is null ? string.Empty : $" ({response.RequestMethod} {response.RequestUri} → HTTP {(int)response.StatusCode})";
        return new SalesforceRestException(
            "Salesforce's response could not be read: " + message + where,
            SfBulkErrorCodes.InvalidResponse,
            response?.StatusCode,
            response?.RequestMethod,
            response?.RequestUri,
            inner);
    }

    /// <summary>Shows at most 60 characters of a value in a message.</summary>
    public static string Shorten(string? value) =>
        value is null ? "null" : value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 60), "…");
}
