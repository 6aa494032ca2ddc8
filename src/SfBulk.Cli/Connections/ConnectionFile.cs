using System.Text.Json.Serialization;

namespace SfBulk.Cli.Connections;

/// <summary>The whole <c>connections.json</c> document.</summary>
internal sealed class ConnectionFile
{
    /// <summary>The name of the default connection, or null.</summary>
    public string? Default { get; set; }

    /// <summary>The connections by name (names compare case-insensitively).</summary>
    public Dictionary<string, StoredConnection> Connections { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Source-generated (NativeAOT-safe) JSON for <see cref="ConnectionFile"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ConnectionFile))]
internal sealed partial class ConnectionFileJson : JsonSerializerContext;
