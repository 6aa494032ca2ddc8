using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SfBulk.Cli.Tests.Infrastructure;
using SfBulk.Emulator;

namespace SfBulk.Cli.Tests.Security;

/// <summary>
/// The shared canary password, security token, client secret, private key and session id go through every way the
/// CLI takes secrets (stdin, environment, key file, connection file, activity document) and every login flow, good
/// and bad, at the most verbose level; every byte of standard output and standard error is scanned.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class CliCanaryTests
{
    [Fact]
    public async Task EverySecretPath_DiagnosticVerbosity_NoCanaryInAnyOutput()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(Canaries.PrivateKeyPem);
        using var certificate = new CertificateRequest("CN=sfbulk-canary", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Password = Canaries.Password,
            SecurityToken = Canaries.SecurityToken,
            ClientSecret = Canaries.ClientSecret,
            JwtCertificatePem = certificate.ExportCertificatePem(),
        }, TestContext.Current.CancellationToken);
        var url = emulator.BaseUri.GetLeftPart(UriPartial.Authority);
        var o = emulator.Options;
        using var config = new TempConfig();
        var keyFile = Path.Combine(config.Directory, "server.key");
        await File.WriteAllTextAsync(keyFile, Canaries.PrivateKeyPem, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var env = config.Env(("CANARY_SECRET", Canaries.ClientSecret), ("CANARY_PASSWORD", Canaries.Password), ("CANARY_TOKEN", Canaries.SecurityToken));
        var results = new List<(string What, CliResult Result, int Expected)>();

        async Task Run(string what, int expected, string[] args, IDictionary<string, string?>? environment = null, string? stdin = null) =>
            results.Add((what, await CliProcess.RunAsync(args, environment ?? env, stdin), expected));

        await Run("add soap", 0, ["connection", "add", "soap", "--login-url", url, "--credential", "soap", "--username", o.Username, "--password", "-", "--security-token-env", "CANARY_TOKEN", "-v", "diag"], stdin: Canaries.Password + "\n");
        await Run("add password", 0, ["connection", "add", "oauth", "--login-url", url, "--credential", "password", "--client-id", o.ClientId, "--client-secret-env", "CANARY_SECRET", "--username", o.Username, "--password-env", "CANARY_PASSWORD", "--security-token", "-"], stdin: Canaries.SecurityToken + "\n");
        await Run("add client credentials", 0, ["connection", "add", "cc", "--login-url", url, "--credential", "client-credentials", "--client-id", o.ClientId, "--client-secret", "-"], stdin: Canaries.ClientSecret + "\n");
        await Run("add jwt", 0, ["connection", "add", "jwt", "--login-url", url, "--credential", "jwt", "--client-id", o.ClientId, "--username", o.Username, "--key-file", keyFile]);
        await Run("add refresh token", 0, ["connection", "add", "refresh", "--login-url", url, "--credential", "refresh-token", "--client-id", o.ClientId, "--client-secret-env", "CANARY_SECRET", "--refresh-token", "-"], stdin: Canaries.RefreshToken + "\n");
        await Run("add wrong password", 0, ["connection", "add", "wrong", "--login-url", url, "--credential", "soap", "--username", o.Username, "--password", "-"], stdin: Canaries.Password + "-wrong\n");
        // The connections are in place: the rest only reads the file, so it runs in parallel.
        var input = Path.Combine(config.Directory, "input.json");
        await File.WriteAllTextAsync(input, $$$"""{"CloseJobConnection":{"ServerUrl":"{{{url}}}","SessionId":"{{{Canaries.SessionId}}}","ExternalSessionIdUsed":true},"CloseJob":{"jobId":"750R0000000zlh9IAA"}}""", TestContext.Current.CancellationToken);
        (string What, int Expected, string[] Args, IDictionary<string, string?>? Env, string? Stdin)[] reads =
        [
            ("test soap", 0, ["connection", "test", "soap", "-v", "diag", "--output", "json"], null, null),
            ("test oauth", 0, ["connection", "test", "oauth", "-v", "diag", "--output", "json"], null, null),
            ("test cc", 0, ["connection", "test", "cc", "-v", "diag", "--output", "json"], null, null),
            ("test jwt", 0, ["connection", "test", "jwt", "-v", "diag", "--output", "json"], null, null),
            ("test refresh", 3, ["connection", "test", "refresh", "-v", "diag"], null, null),
            ("test wrong", 3, ["connection", "test", "wrong", "-v", "diag"], null, null),
            ("list text", 0, ["connection", "list", "-v", "diag"], null, null),
            ("list json", 0, ["connection", "list", "--output", "json"], null, null),
            ("list jobs", 0, ["list", "--connection", "jwt", "-v", "diag", "--output", "json"], null, null),
            ("close bad session", 3, ["close", "750R0000000zlh9IAA", "--instance-url", url, "--session-id", Canaries.SessionId, "-v", "diag"], null, null),
            ("close session on stdin", 3, ["close", "750R0000000zlh9IAA", "--instance-url", url, "--session-id", "-", "-v", "diag", "--output", "json"], null, Canaries.SessionId + "\n"),
            ("show session from environment", 3, ["show", "750R0000000zlh9IAA", "-v", "diag"], config.Env(("SFBULK_INSTANCE_URL", url), ("SFBULK_SESSION_ID", Canaries.SessionId)), null),
            ("run with session in document", 3, ["run", "--input", input, "-v", "diag"], null, null),
        ];
        var parallel = await Task.WhenAll(reads.Select(async r => (r.What, await CliProcess.RunAsync(r.Args, r.Env ?? env, r.Stdin), r.Expected)));
        results.AddRange(parallel);

        Assert.Contains(Canaries.Password, await File.ReadAllTextAsync(config.FilePath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains(results, r => r.Result.StdErr.Contains("REDACTED", StringComparison.Ordinal) || r.Result.StdErr.Contains("***", StringComparison.Ordinal));
        foreach (var (what, result, expected) in results)
        {
            Assert.True(expected == result.ExitCode, $"{what}: expected exit code {expected}, got {result.ExitCode}\n{result.StdErr}");
            CliAssert.Clean(result, [.. Canaries.All]);
        }
    }
}
