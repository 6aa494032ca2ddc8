namespace SfBulk.Emulator;

/// <summary>The lines the emulator prints on start.</summary>
public static class EmulatorBanner
{
    /// <summary><c>Emulator listening on http://127.0.0.1:PORT</c></summary>
    public static string ListeningLine(EmulatorServer emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        return $"Emulator listening on {emulator.BaseUri.GetLeftPart(UriPartial.Authority)}";
    }

    /// <summary>The default org's credentials (they are fixed test values, not secrets).</summary>
    public static string Credentials(EmulatorServer emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var o = emulator.Options;
        return $"  username:  {o.Username}   password:      {o.Password}\n  client id: {o.ClientId}   client secret: {o.ClientSecret}";
    }

    /// <summary>
    /// <c>  control token: TOKEN  (header X-Emulator-Token on /_emulator requests)</c>, or the note that the control
    /// surface is open or disabled.
    /// </summary>
    public static string Control(EmulatorServer emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var o = emulator.Options;
        return !o.EnableControlSurface ? "  control surface: disabled"
            : !o.RequireControlToken ? "  control surface: open to any local caller (--open-control)"
            : $"  control token: {emulator.ControlToken}  (header {EmulatorServer.ControlTokenHeader} on /_emulator requests)";
    }
}
