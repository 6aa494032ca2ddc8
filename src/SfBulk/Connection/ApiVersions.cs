using System.Globalization;

namespace SfBulk;

/// <summary>API version strings such as <c>66.0</c>.</summary>
internal static class ApiVersions
{
    /// <summary>The oldest version Salesforce still serves: 21.0 to 30.0 were retired in Summer '25 (Help 005321531).</summary>
    public const int FirstSupportedMajor = 31;

    /// <summary>True for <c>NN.0</c>-style versions between 31.0 and 999.0.</summary>
    public static bool IsValid(string? version) =>
        version is { Length: >= 4 and <= 5 } && version[^2] == '.' && char.IsAsciiDigit(version[^1])
        && int.TryParse(version.AsSpan(0, version.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
        && major >= FirstSupportedMajor;

    /// <summary>True for a well-formed version below 31.0: Salesforce answers it with 400 InvalidVersion (1.0) or 410 (REST).</summary>
    public static bool IsRetired(string? version) =>
        version is { Length: >= 3 and <= 5 } && version[^2] == '.' && char.IsAsciiDigit(version[^1])
        && int.TryParse(version.AsSpan(0, version.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
        && major < FirstSupportedMajor;
}
