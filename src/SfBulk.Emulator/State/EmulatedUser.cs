namespace SfBulk.Emulator.State;

/// <summary>A user of the emulated org.</summary>
/// <param name="Id">The 18-character user id (005 prefix).</param>
/// <param name="Username">The login name.</param>
/// <param name="Password">The password (the security token, when one is set, is appended to it at login).</param>
/// <param name="SecurityToken">The security token, or null when logins need none.</param>
/// <param name="FullName">The display name.</param>
public sealed record EmulatedUser(string Id, string Username, string Password, string? SecurityToken, string FullName);
