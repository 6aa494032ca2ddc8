namespace SfBulk.Cli.Infrastructure;

/// <summary>The five standard verbosity levels (<c>-v q|m|n|d|diag</c>).</summary>
internal enum Verbosity
{
    /// <summary>Errors only.</summary>
    Quiet,

    /// <summary>Results, warnings and errors (the default).</summary>
    Minimal,

    /// <summary>Also what sfbulk is doing (logging in, which jobs).</summary>
    Normal,

    /// <summary>Also HTTP responses, logins and retries from the library.</summary>
    Detailed,

    /// <summary>Also every HTTP request line (secrets redacted).</summary>
    Diagnostic,
}
