namespace SfBulk.Emulator.State;

/// <summary>A session (SOAP session id or OAuth access token). Sessions expire after an idle time.</summary>
internal sealed class EmulatedSession(string token, EmulatedUser user, DateTimeOffset created)
{
    public string Token { get; } = token;

    public EmulatedUser User { get; } = user;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset LastUsed { get; set; } = created;

    /// <summary>Set by the control surface (or logout) to end the session at once.</summary>
    public bool Revoked { get; set; }
}
