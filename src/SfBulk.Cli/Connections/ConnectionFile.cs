using System.Text.Json.Serialization;
using SfBulk.Connection;

namespace SfBulk.Cli.Connections;

/// <summary>
/// The whole <c>connections.json</c> document: each connection is the library's connection profile
/// (<see cref="SalesforceConnectionSettings"/>). Files written before version 2 (no <c>version</c>) are read the same
/// way and rewritten in the current form on the next change.
/// </summary>
internal sealed class ConnectionFile
{
    /// <summary>The form <see cref="ConnectionStore.Save"/> writes.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The form of the file; null in files written before version 2.</summary>
    public int? Version { get; set; }

    /// <summary>The name of the default connection, or null.</summary>
    public string? Default { get; set; }

    /// <summary>The connections by name (names compare case-insensitively).</summary>
    public Dictionary<string, SalesforceConnectionSettings> Connections { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Source-generated (NativeAOT-safe) JSON for <see cref="ConnectionFile"/>; durations in the one duration syntax (<c>30s</c>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    Converters = [typeof(DurationJsonConverter)])]
[JsonSerializable(typeof(ConnectionFile))]
internal sealed partial class ConnectionFileJson : JsonSerializerContext;
