namespace SfBulk.Emulator.Tests.Infrastructure;

/// <summary>
/// The emulator a test class shares through <c>IClassFixture</c>: a <see cref="TestEmulator"/> whose fake clock starts
/// at 09:30 UTC on 2 November 2026 (the dates the wire fixtures show). Tests that need a fresh org start their own with
/// <see cref="Settings"/>.
/// </summary>
public sealed class SharedEmulator : TestEmulator
{
    public SharedEmulator()
        : base(Settings)
    {
    }

    public static TestEmulatorOptions Settings => new() { Start = TestEmulatorOptions.FixedStart.AddMinutes(30) };
}
