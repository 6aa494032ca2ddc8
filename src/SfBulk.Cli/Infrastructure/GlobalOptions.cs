using System.CommandLine;

namespace SfBulk.Cli.Infrastructure;

/// <summary>Options every command accepts: <c>--output</c> and <c>--verbosity</c>.</summary>
internal static class GlobalOptions
{
    public static readonly Option<OutputFormat> Output = new("--output")
    {
        Description = "How results are printed on standard output: text (tables) or json (one JSON document).",
        HelpName = "text|json",
        Recursive = true,
        DefaultValueFactory = _ => OutputFormat.Text,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
            if (string.Equals(text, "json", StringComparison.OrdinalIgnoreCase))
            {
                return OutputFormat.Json;
            }

            if (!string.Equals(text, "text", StringComparison.OrdinalIgnoreCase))
            {
                r.AddError($"'{text}' is not an output format: use text or json.");
            }

            return OutputFormat.Text;
        },
    };

    public static readonly Option<Verbosity> VerbosityOption = new("--verbosity", "-v")
    {
        Description = "How much to report on standard error: q[uiet], m[inimal], n[ormal], d[etailed] or diag[nostic] (HTTP lines, secrets redacted).",
        HelpName = "q|m|n|d|diag",
        Recursive = true,
        DefaultValueFactory = _ => Verbosity.Minimal,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value.ToLowerInvariant() : string.Empty;
            switch (text)
            {
                case "q" or "quiet": return Verbosity.Quiet;
                case "m" or "minimal": return Verbosity.Minimal;
                case "n" or "normal": return Verbosity.Normal;
                case "d" or "detailed": return Verbosity.Detailed;
                case "diag" or "diagnostic": return Verbosity.Diagnostic;
                default:
                    r.AddError($"'{r.Tokens.FirstOrDefault()?.Value}' is not a verbosity: use q, m, n, d or diag.");
                    return Verbosity.Minimal;
            }
        },
    };
}
