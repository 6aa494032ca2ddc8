using SfBulk.Emulator;

namespace SfBulk.Testing;

/// <summary>How <see cref="TestEmulator"/> starts: its clock, the emulator's own options, and the library client it hands out.</summary>
public sealed class TestEmulatorOptions
{
    /// <summary>A fixed moment (Monday 2 November 2026, 09:00 UTC) for tests whose dates must not depend on today.</summary>
    public static readonly DateTimeOffset FixedStart = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Where the fake clock starts; null means the current time. Ignored with <see cref="RealClock"/>.
    /// </summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>
    /// Runs the emulator on the real clock (for tests that start CLI processes or a browser, which wait in real time);
    /// <see cref="TestEmulator.Time"/> is then unavailable.
    /// </summary>
    public bool RealClock { get; init; }

    /// <summary>Sets the emulator's options (users, variants, limits, control token, batch timing, ...).</summary>
    public Action<EmulatorOptions>? Emulator { get; init; }

    /// <summary>How <see cref="TestEmulator.Connection"/> logs in.</summary>
    /// <value>The default is the OAuth password flow as the org's default user.</value>
    public TestLogin Login { get; init; } = TestLogin.Password;

    /// <summary>Logs <see cref="TestEmulator.Connection"/> in while starting, so that no test counts that login.</summary>
    public bool Connect { get; init; }

    /// <summary>The first retry delay of every connection the host makes; later ones double up to ten times this.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Sets the options of <see cref="TestEmulator.Client"/> (a 5 ms close retry delay unless changed here).</summary>
    public Action<BulkJobClientOptions>? Client { get; init; }

    /// <summary>Makes <see cref="TestEmulator.Client"/> wait on the emulator's fake clock (its close retries then need the clock moved).</summary>
    public bool ClientOnFakeClock { get; init; }
}

/// <summary>The credential of <see cref="TestEmulator.Connection"/>.</summary>
public enum TestLogin
{
    /// <summary>The OAuth username-password flow, as the org's default user.</summary>
    Password,

    /// <summary>The OAuth client-credentials flow of the connected app.</summary>
    ClientCredentials,
}
