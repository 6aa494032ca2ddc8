using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SfBulk.Cli.Ui;

/// <summary>
/// The three random values of one <c>sfbulk ui</c> run: the access token of the printed URL, the cookie it is exchanged
/// for on the first visit, and the anti-forgery token every state-changing request carries in a header.
/// </summary>
internal sealed class UiSecrets
{
    public string AccessToken { get; } = NewToken();

    public string CookieValue { get; } = NewToken();

    public string AntiForgeryToken { get; } = NewToken();

    /// <summary>Compares in constant time.</summary>
    public static bool Matches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
