using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>Org watcher tests: a fresh emulator per test and a watcher of its PK-chunked Bulk 1.0 jobs on its clock.</summary>
public abstract class OrgWatchEmulatorTests : WatchEmulatorTests
{
    /// <summary>
    /// A watcher on the emulator's self-advancing clock that closes PK-chunked Bulk 1.0 jobs of any age and stops when
    /// idle, with a fixed jitter seed; <paramref name="configure"/> changes what a test needs.
    /// </summary>
    protected OrgWatcher Watcher(Action<OrgWatchOptions>? configure = null, BulkJobClient? client = null)
    {
        var options = new OrgWatchOptions
        {
            TimeProvider = Harness.AutoTime,
            JitterSeed = 1,
            CloseWhenDone = true,
            StopWhenIdle = true,
            Filter = new SweepFilter { JobType = BulkJobType.Classic, PkChunking = true, OlderThan = TimeSpan.Zero },
        };
        configure?.Invoke(options);
        return new OrgWatcher(client ?? Harness.Client, options);
    }
}
