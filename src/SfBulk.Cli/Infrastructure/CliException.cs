namespace SfBulk.Cli.Infrastructure;

/// <summary>A problem the CLI itself detected (a bad configuration file, missing input): its message is shown as is.</summary>
internal sealed class CliException(string message, int exitCode, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The process exit code this problem ends with.</summary>
    public int ExitCode { get; } = exitCode;
}
