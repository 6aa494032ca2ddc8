namespace SfBulk.Emulator.Seeding;

/// <summary>The ids of the jobs <see cref="DemoOrg.Seed"/> created, by role.</summary>
/// <param name="OpenClassic">Open Bulk API 1.0 jobs (not the PK-chunked query).</param>
/// <param name="PkChunkedQuery">The running PK-chunked Bulk API 1.0 query job.</param>
/// <param name="V2IngestAwaitingUpload">The Bulk API 2.0 ingest job in state Open whose upload never completed.</param>
/// <param name="V2QueryInProgress">The Bulk API 2.0 query job in progress.</param>
/// <param name="Failed">Failed jobs (Bulk API 1.0 and 2.0).</param>
/// <param name="Finished">Closed, aborted and completed jobs.</param>
public sealed record DemoOrgJobs(
    IReadOnlyList<string> OpenClassic,
    string PkChunkedQuery,
    string V2IngestAwaitingUpload,
    string V2QueryInProgress,
    IReadOnlyList<string> Failed,
    IReadOnlyList<string> Finished);
