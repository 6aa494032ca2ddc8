using System.Text;
using System.Text.RegularExpressions;

namespace SfBulk.Diagnostics;

/// <summary>
/// Cleans text that came from Salesforce or a proxy (error messages, fault strings, job error messages) before it
/// goes into an exception message, output or a fault document: values of <c>sid=</c> and <c>access_token=</c> and
/// anything shaped like a Salesforce session id (<c>00D…!…</c>) become <c>REDACTED</c>, and the text is capped at
/// <see cref="MaxLength"/> characters.
/// </summary>
internal static partial class ServerText
{
    /// <summary>The most characters of server text kept.</summary>
    public const int MaxLength = 1_000;

    /// <summary>What replaces a secret.</summary>
    public const string Redacted = "REDACTED";

    private static readonly byte[] RedactedBytes = Encoding.ASCII.GetBytes(Redacted);

    /// <summary>Scrubs secrets out of <paramref name="text"/> and caps it; null stays null.</summary>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var scrubbed = Scrub(text);
        return scrubbed.Length <= MaxLength ? scrubbed : string.Concat(scrubbed.AsSpan(0, MaxLength), "… (cut at 1,000 characters)");
    }

    /// <summary>Scrubs secrets out of <paramref name="text"/> without capping it.</summary>
    public static string Scrub(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        text = SecretParameter().Replace(text, "${name}=" + Redacted);
        return SessionShape().Replace(text, Redacted);
    }

    /// <summary>
    /// Replaces every occurrence of <paramref name="token"/> (the connection's current access token) in
    /// <paramref name="body"/>; returns <paramref name="body"/> itself when it holds none.
    /// </summary>
    public static byte[] WithoutToken(byte[] body, string token)
    {
        if (body.Length == 0 || token.Length == 0)
        {
            return body;
        }

        var needle = Encoding.UTF8.GetBytes(token);
        var at = body.AsSpan().IndexOf(needle);
        if (at < 0)
        {
            return body;
        }

        var result = new List<byte>(body.Length);
        var rest = body.AsSpan();
        while (at >= 0)
        {
            result.AddRange(rest[..at]);
            result.AddRange(RedactedBytes);
            rest = rest[(at + needle.Length)..];
            at = rest.IndexOf(needle);
        }

        result.AddRange(rest);
        return [.. result];
    }

    /// <summary><c>sid=…</c>, <c>access_token=…</c> (also <c>:</c> or URL-encoded <c>%3D</c>), up to a separator.</summary>
    [GeneratedRegex(@"(?<name>\b(?:sid|access_token|refresh_token))(?:\s*[=:]\s*|%3[Dd])[""']?[^\s&;,""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex SecretParameter();

    /// <summary>A Salesforce session id: the 15-character org id, <c>!</c>, then the token.</summary>
    [GeneratedRegex(@"\b00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?![A-Za-z0-9._]+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex SessionShape();
}
