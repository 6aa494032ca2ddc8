using System.Globalization;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>
/// Parses <c>Sforce-Enable-PKChunking</c>: <c>TRUE</c>/<c>FALSE</c>, or <c>chunkSize=N; parent=X; startRow=ID</c>
/// (any subset, a trailing semicolon allowed). Documented: chunkSize default 100,000, max 250,000.
/// </summary>
internal static class PkChunkingHeader
{
    public const string Name = "Sforce-Enable-PKChunking";

    /// <summary>Null when the header is absent or FALSE.</summary>
    /// <exception cref="V1Exception">
    /// An invalid value. Salesforce rejects such headers; the exact code and wording are unverified — the emulator
    /// answers <c>InvalidJob</c> with a message naming the header and the offending value.
    /// </exception>
    public static PkChunkingSettings? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return new PkChunkingSettings(PkChunkingSettings.DefaultChunkSize, null, null);
        }

        int chunkSize = PkChunkingSettings.DefaultChunkSize;
        string? parent = null, startRow = null;
        foreach (var part in trimmed.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq].Trim();
            var v = eq < 0 ? string.Empty : part[(eq + 1)..].Trim();
            if (key.Equals("chunkSize", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out chunkSize) || chunkSize < 1 || chunkSize > PkChunkingSettings.MaxChunkSize)
                {
                    throw Invalid(value, $"chunkSize must be a whole number from 1 to {PkChunkingSettings.MaxChunkSize.ToString(CultureInfo.InvariantCulture)}");
                }
            }
            else if (key.Equals("parent", StringComparison.OrdinalIgnoreCase) && v.Length > 0)
            {
                parent = v;
            }
            else if (key.Equals("startRow", StringComparison.OrdinalIgnoreCase))
            {
                // Only the shape is checked: the doc's own example (00130000000xEftMGH) has a suffix that is not the
                // checksum of its first 15 characters, so the checksum cannot be required here.
                if (v.Length is not (15 or 18) || !v.All(char.IsAsciiLetterOrDigit))
                {
                    throw Invalid(value, "startRow must be a 15- or 18-character record ID");
                }

                startRow = v;
            }
            else
            {
                throw Invalid(value, "unknown option '" + key + "'");
            }
        }

        return new PkChunkingSettings(chunkSize, parent, startRow);
    }

    private static V1Exception Invalid(string value, string reason) =>
        new(ExceptionCodes.InvalidJob, $"Invalid value for {Name} header '{value}': {reason}");
}
