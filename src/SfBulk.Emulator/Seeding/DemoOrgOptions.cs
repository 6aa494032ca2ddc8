namespace SfBulk.Emulator.Seeding;

/// <summary>How <see cref="DemoOrg.Seed"/> shapes the demo org.</summary>
public sealed class DemoOrgOptions
{
    /// <summary>How many chunk batches the running PK-chunked query has (default 40).</summary>
    public int PkChunks { get; set; } = 40;

    /// <summary>How long each chunk batch runs, in emulated seconds (default 30; four run at a time).</summary>
    public double ChunkDurationSeconds { get; set; } = 30;

    /// <summary>How long ago the PK-chunked query was created (default 1 minute, so some chunks are done).</summary>
    public TimeSpan PkJobAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Open Bulk API 1.0 jobs added beside the seed's own, of every user and many ages (default 0; benchmarks use 10,000).</summary>
    public int ExtraOpenJobs { get; set; }
}
