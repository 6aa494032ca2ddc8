using System.Security.Cryptography;

namespace SfBulk.Testing;

/// <summary>
/// The one set of recognizable fake secrets every test project uses. Any of them in
/// captured stdout, stderr, a log line or an exception text is a leak: <see cref="FindIn"/> names it.
/// </summary>
public static class Canaries
{
    /// <summary>A session id (access token) in Salesforce's shape: org id, '!', token.</summary>
    public const string SessionId = "00DCANARY000000!AQ4AQCanarySession9d1e";

    /// <summary>A user's password.</summary>
    public const string Password = "Canary-Password-7f3a9c";

    /// <summary>A connected app's client (consumer) secret.</summary>
    public const string ClientSecret = "Canary-ClientSecret-52b8e1";

    /// <summary>A security token appended to the password in SOAP and password-flow logins.</summary>
    public const string SecurityToken = "CanaryTok3n4d2";

    /// <summary>A refresh token.</summary>
    public const string RefreshToken = "5Aep861Canary.RefreshToken.e07c";

    private static readonly Lazy<string> Pem = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    });

    /// <summary>An RSA private key in PEM (PKCS#8), created once per test run.</summary>
    public static string PrivateKeyPem => Pem.Value;

    /// <summary>A distinctive slice of the private key's base64 body (a leak of any part of the key shows it).</summary>
    public static string PrivateKeyFragment => PrivateKeyPem.Split('\n')[3].Trim();

    /// <summary>Every canary value, as text to look for.</summary>
    public static IReadOnlyList<string> All =>
    [
        SessionId,
        Password,
        ClientSecret,
        SecurityToken,
        RefreshToken,
        PrivateKeyFragment,
        "-----BEGIN PRIVATE KEY-----",
    ];

    /// <summary>The canary values found in <paramref name="text"/> (none for clean text).</summary>
    public static IReadOnlyList<string> FindIn(string? text) =>
        string.IsNullOrEmpty(text) ? [] : All.Where(c => text.Contains(c, StringComparison.Ordinal)).ToList();

    /// <summary>Fails naming the canary when <paramref name="text"/> holds one.</summary>
    public static void AssertAbsent(string? text, string where)
    {
        var found = FindIn(text);
        Assert.True(found.Count == 0, $"A canary secret ({string.Join(", ", found.Select(Label))}) appeared in {where}.");
    }

    private static string Label(string canary) =>
        canary == SessionId ? "session id" : canary == Password ? "password" : canary == ClientSecret ? "client secret"
        : canary == SecurityToken ? "security token" : canary == RefreshToken ? "refresh token" : "private key";
}
