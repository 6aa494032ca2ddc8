using System.Text.Json;

namespace SfBulk.Cli.Output;

/// <summary>Writes one JSON document to standard output with <see cref="Utf8JsonWriter"/> (no reflection: NativeAOT-safe).</summary>
internal static class JsonOutput
{
    public static void Write(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            body(writer);
        }

        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }
}
