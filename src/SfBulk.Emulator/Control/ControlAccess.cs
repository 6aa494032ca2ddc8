using System.Security.Cryptography;
using System.Text;

namespace SfBulk.Emulator.Control;

/// <summary>The random token of one emulator start, which every request to <c>/_emulator</c> must carry.</summary>
internal sealed class ControlAccess
{
    /// <summary>The request header that carries the token.</summary>
    public const string HeaderName = "X-Emulator-Token";

    private readonly byte[] _bytes;

    public ControlAccess(bool required)
    {
        Required = required;
        Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _bytes = Encoding.ASCII.GetBytes(Value);
    }

    /// <summary>32 lowercase hex digits, new at every start.</summary>
    public string Value { get; }

    /// <summary>False when the control surface is open to any local caller (<c>--open-control</c>).</summary>
    public bool Required { get; }

    /// <summary>Whether the request may use the control surface (compared in constant time).</summary>
    public bool Admits(HttpRequest request)
    {
        if (!Required)
        {
            return true;
        }

        var given = request.Headers[HeaderName];
        if (given.Count != 1 || given[0] is not { Length: > 0 } text || text.Length > 256)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(text), _bytes);
    }
}
