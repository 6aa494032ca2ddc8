namespace SfBulk.Sweeping;

/// <summary>What a sweep does to the open jobs it finds.</summary>
public enum SweepAction
{
    /// <summary>Close them: Bulk 1.0 <c>Closed</c>, Bulk 2.0 ingest <c>UploadComplete</c>. Bulk 2.0 query jobs are skipped (they have no Closed state).</summary>
    Close = 0,

    /// <summary>Abort them; running Bulk 2.0 query jobs are aborted too.</summary>
    Abort = 1,
}
