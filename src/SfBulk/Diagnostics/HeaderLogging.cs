using System.Net.Http.Headers;
using System.Text;

namespace SfBulk.Diagnostics;

/// <summary>Formats headers for logs: values of allow-listed headers are shown, every other value is <c>REDACTED</c>.</summary>
internal static class HeaderLogging
{
    /// <summary>The text that replaces header values not on the allow-list.</summary>
    public const string Redacted = "REDACTED";

    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Accept-Encoding", "Content-Type", "Content-Length", "Content-Encoding", "Date", "Retry-After",
        "Sforce-Limit-Info", "Sforce-Enable-PKChunking", "Sforce-Disable-Batch-Retry", "Sforce-Line-Ending",
        "Sforce-Call-Options", "Sforce-Locator", "Sforce-NumberOfRecords", "Sforce-Query-Options", "SOAPAction",
        "User-Agent", "Warning", "Transfer-Encoding", "Cache-Control",
    };

    /// <summary>True when the header's value may be logged.</summary>
    public static bool IsAllowed(string name) => Allowed.Contains(name);

    /// <summary>
    /// A <c>Location</c> header as logged: the target's scheme and host only (a redirect to a login page or front
    /// door carries the session in its path or query).
    /// </summary>
    public static string RedactedLocation(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/" + Redacted
            : Redacted;

    /// <summary>Formats <paramref name="headers"/> as <c>[Name: value, Other: REDACTED]</c>.</summary>
    public static string Format(params HttpHeaders?[] headers)
    {
        var b = new StringBuilder("[");
        foreach (var set in headers)
        {
            if (set is null)
            {
                continue;
            }

            foreach (var (name, values) in set.NonValidated)
            {
                if (b.Length > 1)
                {
                    b.Append(", ");
                }

                b.Append(name).Append(": ").Append(
                    IsAllowed(name) ? values.ToString()
                    : string.Equals(name, "Location", StringComparison.OrdinalIgnoreCase) ? RedactedLocation(values.ToString())
                    : Redacted);
            }
        }

        return b.Append(']').ToString();
    }
}
