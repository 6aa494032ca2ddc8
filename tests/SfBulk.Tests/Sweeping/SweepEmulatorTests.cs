using SfBulk.Sweeping;

namespace SfBulk.Tests.Sweeping;

/// <summary>
/// Sweep tests with a fresh emulator per test, on the watch settings' fake clock, and a sweeper that handles one job
/// at a time on that clock.
/// </summary>
public abstract class SweepEmulatorTests : IAsyncLifetime
{
    /// <summary>The emulator of the current test.</summary>
    protected TestEmulator Harness { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Harness = await TestEmulator.StartAsync(TestSettings.Watch());

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A sweeper on the emulator's clock that handles one job at a time.</summary>
    protected JobSweeper Sweeper() => new(Harness.Client, new SweepOptions { TimeProvider = Harness.Time, MaxConcurrency = 1 });
}
