using System.Text.Json;
using System.Text.Json.Serialization;
using SfBulk.Connection;

namespace SfBulk.Cli.Connections;

/// <summary>A duration in the connections file, in the one duration syntax (<c>30s</c>, <c>2m</c>; see <see cref="ConnectionRules.TryParseDuration"/>).</summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ConnectionRules.TryParseDuration(reader.GetString(), out var duration, out var error) ? duration : throw new JsonException(error);

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ConnectionRules.FormatDuration(value));
}
