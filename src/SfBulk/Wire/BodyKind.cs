namespace SfBulk.Wire;

/// <summary>What a response body looks like, decided from its first bytes (and a <c>text/html</c> Content-Type).</summary>
internal enum BodyKind
{
    Empty,
    Xml,
    Json,
    Html,
    Other,
}

/// <summary>Content sniffing: bodies are classified by what they are, not by what was asked for.</summary>
internal static class BodySniffer
{
    public static BodyKind Detect(ReadOnlySpan<byte> body, string? contentType = null)
    {
        var i = 0;
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            i = 3;
        }

        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (i == body.Length)
        {
            return BodyKind.Empty;
        }

        if (contentType is not null && contentType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Html;
        }

        switch (body[i])
        {
            case (byte)'{' or (byte)'[':
                return BodyKind.Json;
            case (byte)'<':
                var head = body[i..Math.Min(body.Length, i + 512)];
                return LooksLikeHtml(head) ? BodyKind.Html : BodyKind.Xml;
            default:
                return BodyKind.Other;
        }
    }

    /// <summary>Describes a body that is not what was expected, for an INVALID_RESPONSE message.</summary>
    public static string Describe(BodyKind kind, string expected) => kind switch
    {
        BodyKind.Empty => $"expected {expected} but the body is empty",
        BodyKind.Html => $"expected {expected} but the body is an HTML page (a proxy, login or maintenance page?)",
        BodyKind.Xml => $"expected {expected} but the body is XML (the other Bulk API 1.0 dialect)",
        BodyKind.Json => $"expected {expected} but the body is JSON (the other Bulk API 1.0 dialect)",
        _ => $"expected {expected} but the body is neither XML nor JSON",
    };

    public static void Require(ReadOnlySpan<byte> body, BodyKind expected, string what, ApiResponse? response)
    {
        var kind = Detect(body, response?.ContentType);
        if (kind != expected)
        {
            throw WireFailure.InvalidResponse(Describe(kind, what), response);
        }
    }

    /// <summary>
    /// True when <c>&lt;!doctype html</c> or <c>&lt;html</c> (in any case) stands in <paramref name="head"/>. Both start
    /// with <c>&lt;</c>, so only the places where one stands are compared (found by a vectorized search).
    /// </summary>
    private static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        for (var at = head.IndexOf((byte)'<'); at >= 0; at = NextTag(head, at))
        {
            var rest = head[at..];
            if (StartsWithIgnoreCase(rest, "<html"u8) || StartsWithIgnoreCase(rest, "<!doctype html"u8))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextTag(ReadOnlySpan<byte> head, int at)
    {
        var next = head[(at + 1)..].IndexOf((byte)'<');
        return next < 0 ? -1 : at + 1 + next;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerPrefix) =>
        text.Length >= lowerPrefix.Length && System.Text.Ascii.EqualsIgnoreCase(text[..lowerPrefix.Length], lowerPrefix);
}
