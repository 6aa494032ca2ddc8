namespace SfBulk.Models;

/// <summary>Which Bulk API to use for a job.</summary>
public enum BulkApi
{
    /// <summary>
    /// Detect it: try Bulk API 1.0 first (no extra call for a 1.0 job); when Salesforce says the id is not a 1.0 job,
    /// try Bulk API 2.0 ingest, then 2.0 query.
    /// </summary>
    Auto = 0,

    /// <summary>Bulk API 1.0 (<c>/services/async/{version}/job</c>).</summary>
    V1 = 1,

    /// <summary>Bulk API 2.0 (<c>/services/data/v{version}/jobs/ingest</c> and <c>/jobs/query</c>).</summary>
    V2 = 2,
}
