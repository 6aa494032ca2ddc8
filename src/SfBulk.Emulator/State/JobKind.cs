namespace SfBulk.Emulator.State;

/// <summary>Which API created a job; the wire values of Get All Jobs' <c>jobType</c>.</summary>
internal enum JobKind
{
    /// <summary>A Bulk API 1.0 job (<c>Classic</c>).</summary>
    Classic,

    /// <summary>A Bulk API 2.0 ingest job (<c>V2Ingest</c>).</summary>
    V2Ingest,

    /// <summary>A Bulk API 2.0 query job (<c>V2Query</c>).</summary>
    V2Query,
}
