namespace SfBulk.Cli.Infrastructure;

/// <summary>How results are written to standard output (<c>--output text|json</c>).</summary>
internal enum OutputFormat
{
    /// <summary>Readable tables and lines.</summary>
    Text,

    /// <summary>One JSON document.</summary>
    Json,
}
