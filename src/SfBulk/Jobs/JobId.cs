using System.Diagnostics.CodeAnalysis;

namespace SfBulk.Jobs;

/// <summary>
/// Validation of Bulk API job ids before any request is sent: 15 or 18 characters of <c>[0-9A-Za-z]</c>, the
/// 18-character checksum valid, and the job key prefix <c>750</c>.
/// </summary>
public static class JobId
{
    /// <summary>The key prefix of Bulk API jobs (AsyncApiJob).</summary>
    public const string Prefix = "750";

    private const string SuffixMap = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>
    /// Checks <paramref name="value"/> and returns its 18-character form, or the reason it is not a job id.
    /// </summary>
    /// <param name="value">What the user gave.</param>
    /// <param name="jobId18">The normalized 18-character id when valid.</param>
    /// <param name="error">A message a person can act on when invalid.</param>
    /// <returns>True when <paramref name="value"/> is a job id.</returns>
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? jobId18, [NotNullWhen(false)] out string? error)
    {
        jobId18 = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "The job id is empty. Give the 15- or 18-character id of a Bulk API job (it starts with 750).";
            return false;
        }

        var shown = Shown(value);
        if (value.Length is not (15 or 18))
        {
            error = $"{shown} is not a job id: a Salesforce id has 15 or 18 characters.";
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                error = $"{shown} is not a job id: a Salesforce id holds only the letters A-Z, a-z and digits.";
                return false;
            }
        }

        var full = value.Length == 15 ? string.Concat(value, Suffix(value)) : value;
        if (value.Length == 18 && !string.Equals(Suffix(value.AsSpan(0, 15)), value[15..], StringComparison.OrdinalIgnoreCase))
        {
            error = $"{shown} is not a valid id: its last 3 characters are not the checksum of the first 15 (was it mistyped or case-changed?).";
            return false;
        }

        if (!full.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var kind = full[..3] switch
            {
                "751" => " (751 is a batch id; give the id of its job)",
                "752" => " (752 is a query result id)",
                "707" => " (707 is an Apex job, not a Bulk API job)",
                _ => string.Empty,
            };
            error = $"{shown} is not a Bulk API job id: job ids start with 750{kind}.";
            return false;
        }

        jobId18 = string.Concat(full.AsSpan(0, 15), full.AsSpan(15).ToString().ToUpperInvariant());
        error = null;
        return true;
    }

    /// <summary>Returns the 18-character form of a job id, or throws <see cref="ArgumentException"/>.</summary>
    /// <param name="value">What the user gave.</param>
    /// <returns>The normalized id.</returns>
    /// <exception cref="ArgumentException">The value is not a job id.</exception>
    public static string Normalize(string? value) =>
        TryNormalize(value, out var id, out var error) ? id : throw new ArgumentException(error, nameof(value));

    /// <summary>
    /// How a rejected value appears in a message: at most its first 5 characters and its length, so that a session
    /// id or token pasted where a job id belongs is never echoed.
    /// </summary>
    /// <param name="value">The rejected value.</param>
    /// <returns>For example <c>'00D5g…' (112 characters)</c>, or the whole value quoted when it has 5 characters or fewer.</returns>
    internal static string Shown(string value) =>
        value.Length <= ShownCharacters
            ? "'" + value + "'"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{value.AsSpan(0, ShownCharacters)}…' ({value.Length} characters)");

    private const int ShownCharacters = 5;

    private static string Suffix(ReadOnlySpan<char> id15)
    {
        Span<char> suffix = stackalloc char[3];
        for (var k = 0; k < 3; k++)
        {
            var v = 0;
            for (var i = 0; i < 5; i++)
            {
                var c = id15[(k * 5) + i];
                if (c is >= 'A' and <= 'Z')
                {
                    v |= 1 << i;
                }
            }

            suffix[k] = SuffixMap[v];
        }

        return new string(suffix);
    }
}
