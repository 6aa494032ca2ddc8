namespace SfBulk.Cli.Infrastructure;

/// <summary>The process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Every job is in the requested state (including "already closed").</summary>
    public const int Success = 0;

    /// <summary>Some jobs of several failed; the output says which and why.</summary>
    public const int PartialFailure = 1;

    /// <summary>Usage error or bad input.</summary>
    public const int UsageError = 2;

    /// <summary>Login failed (SalesforceLoginException).</summary>
    public const int LoginFailed = 3;

    /// <summary>No usable connection (SalesforceConnectionNotFoundException).</summary>
    public const int ConnectionNotFound = 4;

    /// <summary>Salesforce API error (SalesforceRestException).</summary>
    public const int ApiError = 5;

    /// <summary>
    /// A limit you set stopped the work (<c>--timeout</c>, <c>--max-calls</c>, <c>--min-api-remaining</c>): the jobs
    /// were left as they are, and running the same command again goes on.
    /// </summary>
    public const int LimitReached = 6;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
