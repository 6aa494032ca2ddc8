using System.Text;
using System.Text.Json;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Auth;

/// <summary>
/// Checks a JWT bearer assertion the way Salesforce's OAuth 2.0 JWT bearer flow does: RS256 signature with the
/// connected app's certificate, <c>iss</c> = consumer key, <c>sub</c> = a user of the org, <c>aud</c> = a login host,
/// <c>exp</c> not past. Error codes and descriptions are the ones Salesforce returns for each case.
/// </summary>
internal static class JwtBearerValidator
{
    /// <summary>Clock skew tolerated on <c>exp</c>.</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromSeconds(30);

    /// <summary>The outcome: the user on success, else the OAuth error and description.</summary>
    public readonly record struct Result(EmulatedUser? User, string? Error, string? Description);

    public static Result Validate(string? assertion, JwtKeyStore keys, OrgState state, string ownBaseUrl)
    {
        var invalid = new Result(null, "invalid_grant", "invalid assertion");
        if (string.IsNullOrEmpty(assertion))
        {
            return invalid;
        }

        var parts = assertion.Split('.');
        if (parts.Length != 3 || !TryDecode(parts[0], out var headerBytes) || !TryDecode(parts[1], out var payloadBytes)
            || !TryDecode(parts[2], out var signature))
        {
            return invalid;
        }

        string? iss, sub, alg;
        List<string> audiences = [];
        long? exp = null;
        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            using var payload = JsonDocument.Parse(payloadBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return invalid;
            }

            alg = GetString(header.RootElement, "alg");
            iss = GetString(payload.RootElement, "iss");
            sub = GetString(payload.RootElement, "sub");
            if (payload.RootElement.TryGetProperty("aud", out var aud))
            {
                if (aud.ValueKind == JsonValueKind.String)
                {
                    audiences.Add(aud.GetString()!);
                }
                else if (aud.ValueKind == JsonValueKind.Array)
                {
                    audiences.AddRange(aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!));
                }
            }

            if (payload.RootElement.TryGetProperty("exp", out var expElement) && expElement.ValueKind == JsonValueKind.Number
                && expElement.TryGetDouble(out var expSeconds))
            {
                exp = (long)expSeconds;
            }
        }
        catch (JsonException)
        {
            return invalid;
        }

        if (!string.Equals(alg, "RS256", StringComparison.Ordinal))
        {
            return invalid;
        }

        if (!string.Equals(iss, state.Options.ClientId, StringComparison.Ordinal))
        {
            return new Result(null, "invalid_client_id", "client identifier invalid");
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!keys.Verify(signed, signature))
        {
            return invalid;
        }

        if (!audiences.Any(a => IsAllowedAudience(a, ownBaseUrl)))
        {
            return new Result(null, "invalid_grant", "audience is invalid");
        }

        // Salesforce asks for an exp within 3 minutes of issue; clients that send up to 5 minutes are accepted in
        // practice, so only a missing or past exp is refused here.
        if (exp is null || DateTimeOffset.FromUnixTimeSeconds(exp.Value) + AllowedSkew < state.Now)
        {
            return new Result(null, "invalid_grant", "expired authorization code");
        }

        var user = sub is null ? null : state.FindUser(sub);
        return user is null
            ? new Result(null, "invalid_grant", "user hasn't approved this consumer")
            : new Result(user, null, null);
    }

    private static bool IsAllowedAudience(string audience, string ownBaseUrl)
    {
        var trimmed = audience.TrimEnd('/');
        return string.Equals(trimmed, "https://login.salesforce.com", StringComparison.OrdinalIgnoreCase)
            || string.Equals(trimmed, "https://test.salesforce.com", StringComparison.OrdinalIgnoreCase)
            || string.Equals(trimmed, ownBaseUrl, StringComparison.OrdinalIgnoreCase);
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryDecode(string segment, out byte[] bytes)
    {
        bytes = [];
        if (segment.Length == 0)
        {
            return false;
        }

        var s = segment.Replace('-', '+').Replace('_', '/');
        s = (s.Length % 4) switch
        {
            2 => s + "==",
            3 => s + "=",
            0 => s,
            _ => string.Empty,
        };
        try
        {
            bytes = Convert.FromBase64String(s);
            return s.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
