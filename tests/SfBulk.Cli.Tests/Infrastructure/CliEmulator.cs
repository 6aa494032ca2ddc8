namespace SfBulk.Cli.Tests.Infrastructure;

/// <summary>
/// The emulator of the CLI's tests: a <see cref="TestEmulator"/> on the real clock (the CLI runs in its own process
/// and waits in real time) whose user's password is the canary <see cref="Canaries.Password"/>, which must never
/// appear in sfbulk's output. A test class shares one through <c>IClassFixture</c>, or a test starts its own.
/// </summary>
public sealed class CliEmulator : TestEmulator
{
    public CliEmulator()
        : base(Settings)
    {
    }

    public static TestEmulatorOptions Settings => new() { RealClock = true, Emulator = o => o.Password = Canaries.Password };
}
