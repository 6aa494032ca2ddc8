namespace SfBulk.Emulator;

/// <summary>Route keys of the emulated API, as <see cref="EmulatorFault.Route"/> and <see cref="EmulatorRequestCounts.Routes"/> use them.</summary>
public static class EmulatorRoutes
{
    /// <summary>Every API route.</summary>
    public const string Any = "*";

    /// <summary>SOAP <c>login()</c>.</summary>
    public const string SoapLogin = "POST /services/Soap/u/{version}";

    /// <summary>The OAuth 2.0 token endpoint.</summary>
    public const string OAuthToken = "POST /services/oauth2/token";

    /// <summary>Bulk API 1.0: create a job.</summary>
    public const string BulkV1CreateJob = "POST /services/async/{version}/job";

    /// <summary>Bulk API 1.0: read a job.</summary>
    public const string BulkV1GetJob = "GET /services/async/{version}/job/{jobId}";

    /// <summary>Bulk API 1.0: close or abort a job.</summary>
    public const string BulkV1UpdateJob = "POST /services/async/{version}/job/{jobId}";

    /// <summary>Bulk API 1.0: list a job's batches.</summary>
    public const string BulkV1ListBatches = "GET /services/async/{version}/job/{jobId}/batch";

    /// <summary>Bulk API 2.0: list ingest jobs (Get All Jobs).</summary>
    public const string BulkV2ListIngestJobs = "GET /services/data/v{version}/jobs/ingest";

    /// <summary>Bulk API 2.0: read an ingest job.</summary>
    public const string BulkV2GetIngestJob = "GET /services/data/v{version}/jobs/ingest/{jobId}";

    /// <summary>Bulk API 2.0: change an ingest job's state (UploadComplete, Aborted).</summary>
    public const string BulkV2UpdateIngestJob = "PATCH /services/data/v{version}/jobs/ingest/{jobId}";

    /// <summary>Bulk API 2.0: list query jobs.</summary>
    public const string BulkV2ListQueryJobs = "GET /services/data/v{version}/jobs/query";

    /// <summary>Bulk API 2.0: read a query job.</summary>
    public const string BulkV2GetQueryJob = "GET /services/data/v{version}/jobs/query/{jobId}";

    /// <summary>Bulk API 2.0: abort a query job.</summary>
    public const string BulkV2UpdateQueryJob = "PATCH /services/data/v{version}/jobs/query/{jobId}";
}
