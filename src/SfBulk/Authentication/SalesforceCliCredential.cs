using System.ComponentModel;
using System.Diagnostics;

namespace SfBulk.Authentication;

/// <summary>
/// Uses an org the Salesforce CLI is already logged in to: runs <c>sf org display --json --target-org ALIAS</c>
/// and takes its access token and instance URL. Handy on a developer's machine.
/// </summary>
/// <remarks>
/// The token belongs to the CLI, so sfbulk does not refresh it: when it expires, requests fail with
/// <see cref="SalesforceLoginException"/> code <c>EXTERNAL_SESSION_EXPIRED</c>; run any <c>sf</c> command for the org
/// (or <c>sf org login</c>) and try again. The CLI is started directly (no shell) with an argument list; the alias
/// is passed as one argument <c>--target-org=ALIAS</c> and may not start with <c>-</c> or hold shell
/// metacharacters (on Windows <c>sf.cmd</c> runs through <c>cmd.exe</c>, which would interpret them). The child process
/// does not inherit the <c>SFBULK_*</c> environment variables (they may hold a session id or secrets).
/// </remarks>
public sealed class SalesforceCliCredential : SalesforceCredential
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Creates the credential.</summary>
    /// <param name="alias">The org's alias or user name as known to the CLI (<c>--target-org</c>).</param>
    /// <param name="executable">The CLI program: a name looked up on PATH or a full path; null means <c>sf</c>.</param>
    /// <exception cref="ArgumentException">The alias is empty, starts with <c>-</c> or holds a shell metacharacter.</exception>
    public SalesforceCliCredential(string alias, string? executable = null)
    {
        Alias = Required(alias, nameof(alias));
        if (AliasProblem(Alias) is { } problem)
        {
            throw new ArgumentException(problem, nameof(alias));
        }

        Executable = string.IsNullOrWhiteSpace(executable) ? "sf" : executable;
    }

    /// <summary>The org's alias or user name.</summary>
    public string Alias { get; }

    /// <summary>The CLI program.</summary>
    /// <value>The default value is <c>sf</c>.</value>
    public string Executable { get; }

    /// <inheritdoc />
    public override string Kind => "sf-cli";

    /// <inheritdoc />
    public override bool CanRefresh => false;

    internal override string ExpiredMessage =>
        $"The access token from the Salesforce CLI for '{Alias}' expired and sfbulk cannot refresh it. Run 'sf org display --target-org {Alias}' (or 'sf org login web --alias {Alias}') to renew it, then try again.";

    private protected override string Describe() => "alias=" + Alias;

    /// <summary>
    /// Why <paramref name="alias"/> cannot be passed to the CLI, or null when it can: it must not start with <c>-</c>
    /// (it would be read as an option) nor hold white space, control characters or shell metacharacters.
    /// </summary>
    /// <param name="alias">The alias or user name.</param>
    /// <returns>The reason, or null.</returns>
    public static string? AliasProblem(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        if (alias.StartsWith('-'))
        {
            return "The Salesforce CLI alias must not start with '-' (it would be read as an option).";
        }

        foreach (var c in alias)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || "&|;<>()$`\\\"'*?[]{}!%^~#,=".Contains(c, StringComparison.Ordinal))
            {
                return "The Salesforce CLI alias may hold only letters, digits and . _ - @ + : / (no white space or shell metacharacters such as & | ; < > $ % ^ or quotes).";
            }
        }

        return null;
    }

    /// <summary>
    /// The program to start: on Windows a bare name without extension is looked up on PATH with the PATHEXT
    /// extensions (the CLI installs <c>sf.cmd</c>, which is not found under the name <c>sf</c> without a shell).
    /// </summary>
    internal static string ResolveExecutable(string executable, bool windows, Func<string, string?> environment)
    {
        if (!windows || Path.HasExtension(executable) || executable.IndexOfAny(['/', '\\']) >= 0)
        {
            return executable;
        }

        var extensions = (environment("PATHEXT") is { Length: > 0 } pathExt ? pathExt : ".COM;.EXE;.BAT;.CMD")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var directory in (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory.Trim('"'), executable + extension.ToLowerInvariant());
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return executable;
    }

    internal override async Task<SalesforceSession> LoginAsync(LoginContext context, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ResolveExecutable(Executable, OperatingSystem.IsWindows(), Environment.GetEnvironmentVariable))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in (string[])["org", "display", "--json", "--target-org=" + Alias])
        {
            start.ArgumentList.Add(argument);
        }

        // The CLI needs none of sfbulk's settings, and some of them hold a session id or secrets.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("SFBULK_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["SF_DISABLE_TELEMETRY"] = "true";
        start.Environment["SF_SKIP_NEW_VERSION_CHECK"] = "true";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("The process did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new SalesforceLoginException(
                $"The Salesforce CLI ('{Executable}') could not be started: is it installed and on PATH? Install it from https://developer.salesforce.com/tools/salesforcecli, log in with 'sf org login web --alias {Alias}', or use another credential.",
                "SF_CLI_NOT_FOUND", null, ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CliTimeout);
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var error = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                var stdout = await output.ConfigureAwait(false);
                _ = await error.ConfigureAwait(false);
                return SalesforceCliOutput.Read(stdout, process.ExitCode, Alias);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new SalesforceLoginException(
                    $"The Salesforce CLI did not answer within {CliTimeout.TotalSeconds:0} seconds for '{Alias}'.",
                    "SF_CLI_TIMEOUT");
            }
        }
    }
}
