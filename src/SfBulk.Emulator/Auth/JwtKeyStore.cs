using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SfBulk.Emulator.Auth;

/// <summary>
/// The RSA public key of the connected app's uploaded certificate, used to verify JWT bearer assertions.
/// Starts from <see cref="EmulatorOptions.JwtCertificatePem"/> and can be replaced at run time through the control surface.
/// </summary>
internal sealed class JwtKeyStore
{
    private readonly Lock _gate = new();
    private RSA? _key;

    public JwtKeyStore(string? initialPem)
    {
        if (!string.IsNullOrWhiteSpace(initialPem))
        {
            if (!TryParse(initialPem, out var key, out var error))
            {
                throw new ArgumentException("JwtCertificatePem is not a PEM certificate or RSA public key: " + error, nameof(initialPem));
            }

            _key = key;
        }
    }

    /// <summary>Replaces the registered key with the one in <paramref name="pem"/>.</summary>
    public bool TrySet(string pem, out string? error)
    {
        if (!TryParse(pem, out var key, out error))
        {
            return false;
        }

        lock (_gate)
        {
            _key?.Dispose();
            _key = key;
        }

        return true;
    }

    /// <summary>Checks an RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signature over <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        lock (_gate)
        {
            return _key is not null && _key.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    private static bool TryParse(string pem, out RSA? key, out string? error)
    {
        key = null;
        error = null;
        try
        {
            if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                key = certificate.GetRSAPublicKey();
                if (key is null)
                {
                    error = "the certificate does not hold an RSA key";
                    return false;
                }

                return true;
            }

            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            key = rsa;
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            error = ex.Message;
            return false;
        }
    }
}
