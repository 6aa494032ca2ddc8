namespace SfBulk.Tests;

/// <summary>Tests with a fresh emulator per test, on the watch settings' self-advancing fake clock.</summary>
public abstract class WatchEmulatorTests : IAsyncLifetime
{
    /// <summary>The emulator of the current test.</summary>
    protected TestEmulator Harness { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Harness = await TestEmulator.StartAsync(TestSettings.Watch());

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
