using System.Collections.Concurrent;
using System.Security.Cryptography;
using SfBulk.Emulator.Time;

namespace SfBulk.Emulator.State;

/// <summary>Issues and checks session ids / access tokens and refresh tokens.</summary>
internal sealed class SessionStore(EmulatorClock clock, TimeSpan idleTimeout, string orgId15)
{
    private readonly ConcurrentDictionary<string, EmulatedSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EmulatedUser> _refreshTokens = new(StringComparer.Ordinal);

    /// <summary>Creates a session for <paramref name="user"/> shaped like Salesforce's (<c>00D…!AQ…</c>).</summary>
    public EmulatedSession Create(EmulatedUser user)
    {
        var token = orgId15 + "!AQ" + RandomToken(72);
        var session = new EmulatedSession(token, user, clock.GetUtcNow());
        _sessions[token] = session;
        return session;
    }

    /// <summary>Issues a refresh token for <paramref name="user"/>.</summary>
    public string CreateRefreshToken(EmulatedUser user)
    {
        var token = "5Aep" + RandomToken(80);
        _refreshTokens[token] = user;
        return token;
    }

    /// <summary>The user a refresh token was issued to, or null.</summary>
    public EmulatedUser? RedeemRefreshToken(string token) => _refreshTokens.GetValueOrDefault(token);

    /// <summary>
    /// Returns the live session for <paramref name="token"/> and resets its idle timer, or null when the token is
    /// unknown, revoked or expired.
    /// </summary>
    public EmulatedSession? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_sessions.TryGetValue(token, out var session))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (session)
        {
            if (session.Revoked || now - session.LastUsed > idleTimeout)
            {
                return null;
            }

            session.LastUsed = now;
        }

        return session;
    }

    /// <summary>Expires one session (when <paramref name="token"/> is given) or all of them.</summary>
    public int Expire(string? token = null)
    {
        var count = 0;
        foreach (var (key, session) in _sessions)
        {
            if (token is null || key == token)
            {
                lock (session)
                {
                    session.Revoked = true;
                }

                count++;
            }
        }

        return count;
    }

    private static string RandomToken(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
