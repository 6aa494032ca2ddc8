using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SfBulk.Journal;

/// <summary>One journal entry as one line of JSON (Utf8JsonWriter and JsonDocument only: NativeAOT-safe).</summary>
internal static class JobJournalJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The entry as UTF-8 JSON followed by <c>\n</c>; <paramref name="newlineFirst"/> puts a <c>\n</c> before it.</summary>
    public static byte[] ToLine(JobJournalEntry entry, bool newlineFirst)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        if (newlineFirst)
        {
            buffer.Write("\n"u8);
        }

        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(json, entry);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the entry as one JSON object, members in a fixed order.</summary>
    public static void Write(Utf8JsonWriter json, JobJournalEntry e)
    {
        json.WriteStartObject();
        json.WriteString("time", e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Optional(json, "orgId", e.OrgId);
        json.WriteString("instanceHost", e.InstanceHost);
        Optional(json, "userId", e.UserId);
        json.WriteString("jobId", e.JobId);
        json.WriteString("api", e.Api);
        Optional(json, "stateBefore", e.StateBefore);
        Optional(json, "stateAfter", e.StateAfter);
        json.WriteString("outcome", e.Outcome);
        Optional(json, "errorCode", e.ErrorCode);
        json.WriteNumber("requestsSpent", e.RequestsSpent);
        json.WriteString("command", e.Command);
        json.WriteString("sfbulkVersion", e.SfbulkVersion);
        json.WriteString("hostName", e.HostName);
        json.WriteEndObject();
    }

    /// <summary>Reads one line; null when it is not a whole entry (a torn write, or not JSON).</summary>
    public static JobJournalEntry? TryParse(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "time") is not { } time
                || !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                || Text(root, "jobId") is not { } jobId
                || Text(root, "outcome") is not { } outcome)
            {
                return null;
            }

            return new JobJournalEntry(
                at,
                Text(root, "orgId"),
                Text(root, "instanceHost") ?? string.Empty,
                Text(root, "userId"),
                jobId,
                Text(root, "api") ?? string.Empty,
                Text(root, "stateBefore"),
                Text(root, "stateAfter"),
                outcome,
                root.TryGetProperty("requestsSpent", out var spent) && spent.TryGetInt64(out var n) ? n : 0,
                Text(root, "command") ?? string.Empty,
                Text(root, "sfbulkVersion") ?? string.Empty,
                Text(root, "hostName") ?? string.Empty,
                Text(root, "errorCode"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
