using System.Diagnostics.CodeAnalysis;

namespace SfBulk.Emulator.Identity;

/// <summary>Salesforce record ids: generation with valid checksums, and 15/18-character normalization.</summary>
public static class SalesforceIds
{
    /// <summary>Key prefix of Bulk API jobs (AsyncApiJob).</summary>
    public const string JobPrefix = "750";

    /// <summary>Key prefix of Bulk API batches (AsyncApiBatch).</summary>
    public const string BatchPrefix = "751";

    /// <summary>Key prefix of Bulk API query result files (AsyncApiQueryResult).</summary>
    public const string ResultPrefix = "752";

    /// <summary>Key prefix of users.</summary>
    public const string UserPrefix = "005";

    /// <summary>Key prefix of organizations.</summary>
    public const string OrgPrefix = "00D";

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixMap = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>
    /// Builds the 18-character id for <paramref name="prefix"/>, a 2-character pod-like segment and a sequence number.
    /// </summary>
    public static string Create(string prefix, long sequence, string pod = "R0")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        Span<char> id15 = stackalloc char[15];
        prefix.AsSpan().CopyTo(id15);
        pod.AsSpan().CopyTo(id15[3..]);
        var n = sequence;
        for (var i = 14; i >= 5; i--)
        {
            id15[i] = Base62[(int)(n % 62)];
            n /= 62;
        }

        return To18(id15);
    }

    /// <summary>Appends the 3-character case-safe checksum to a 15-character id.</summary>
    /// <remarks>
    /// Written here on its own, not taken from the client: the emulator shares no code with the client, so that a
    /// mistake in the client's id check cannot be hidden by the emulator making the same one.
    /// </remarks>
    public static string To18(ReadOnlySpan<char> id15) =>
        string.Concat(id15, [ChecksumCharacter(id15[..5]), ChecksumCharacter(id15[5..10]), ChecksumCharacter(id15[10..15])]);

    /// <summary>
    /// One checksum character: a 5-bit number whose bit <c>i</c> says that the chunk's character <c>i</c> is an
    /// upper-case letter, spelled as a letter A-Z (0-25) or a digit 0-5 (26-31).
    /// </summary>
    private static char ChecksumCharacter(ReadOnlySpan<char> chunk)
    {
        var upperCaseBits = 0;
        for (var position = chunk.Length - 1; position >= 0; position--)
        {
            upperCaseBits = (upperCaseBits << 1) | (char.IsAsciiLetterUpper(chunk[position]) ? 1 : 0);
        }

        return SuffixMap[upperCaseBits];
    }

    /// <summary>
    /// Normalizes a 15- or 18-character id to its 18-character form. Returns false for anything else, including an
    /// 18-character id whose checksum does not match (Salesforce treats such ids as invalid).
    /// </summary>
    public static bool TryNormalize(string? id, [NotNullWhen(true)] out string? id18)
    {
        id18 = null;
        if (id is null || (id.Length != 15 && id.Length != 18))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        var full = To18(id.AsSpan(0, 15));
        if (id.Length == 18 && !string.Equals(full[15..], id[15..], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        id18 = full;
        return true;
    }
}
