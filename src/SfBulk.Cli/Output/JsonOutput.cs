using System.Text.Encodings.Web;
using System.Text.Json;

namespace SfBulk.Cli.Output;

/// <summary>
/// Writes one JSON document to standard output with <see cref="Utf8JsonWriter"/> (no reflection: NativeAOT-safe).
/// Characters JSON does not require escaping (<c>'</c>, <c>→</c>, accents) are written as they are: the document is
/// read by programs and people, never embedded in HTML.
/// </summary>
internal static class JsonOutput
{
    /// <summary>Bytes the writer may hold before <see cref="Pace"/> passes them on to standard output.</summary>
    private const int FlushThreshold = 64 * 1024;

    /// <summary>
    /// Called after each element of a long array: passes what the writer holds on to standard output once it exceeds
    /// 64 KB, so a report of 100,000 jobs streams out instead of being built whole in memory first.
    /// </summary>
    /// <param name="writer">The writer given to the body of <see cref="Write"/>.</param>
    public static void Pace(Utf8JsonWriter writer)
    {
        if (writer.BytesPending >= FlushThreshold)
        {
            writer.Flush();
        }
    }

    public static void Write(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(writer);
        }

        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }
}
