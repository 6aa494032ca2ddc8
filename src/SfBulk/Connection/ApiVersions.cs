using System.Globalization;

namespace SfBulk;

/// <summary>API version strings such as <c>66.0</c>.</summary>
internal static class ApiVersions
{
    /// <summary>True for <c>NN.0</c>-style versions between 20.0 and 999.0.</summary>
    public static bool IsValid(string? version) =>
        version is { Length: >= 4 and <= 5 } && version[^2] == '.' && char.IsAsciiDigit(version[^1])
        && int.TryParse(version.AsSpan(0, version.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
        && major >= 20;
}
