using SfBulk.Sweeping;

namespace SfBulk.Tests.Sweeping;

/// <summary>Sweep tests with a fresh emulator per test and a sweeper that handles one job at a time on its clock.</summary>
public abstract class SweepEmulatorTests : WatchEmulatorTests
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A sweeper on the emulator's clock that handles one job at a time.</summary>
    protected JobSweeper Sweeper() => new(Harness.Client, new SweepOptions { TimeProvider = Harness.Time, MaxConcurrency = 1 });
}
