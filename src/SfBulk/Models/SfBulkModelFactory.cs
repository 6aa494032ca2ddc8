namespace SfBulk.Models;

/// <summary>Builds model instances for tests of code that uses sfbulk (the models have no public constructors).</summary>
public static class SfBulkModelFactory
{
    /// <summary>Builds a <see cref="Models.JobInfo"/>.</summary>
    /// <param name="id">The job id.</param>
    /// <param name="operation">The operation; defaults to <c>insert</c>.</param>
    /// <param name="object">The sObject name.</param>
    /// <param name="createdById">The creator's user id.</param>
    /// <param name="createdDate">When the job was created.</param>
    /// <param name="systemModstamp">When it was last modified.</param>
    /// <param name="state">The state; defaults to <c>Open</c>.</param>
    /// <param name="externalIdFieldName">The upsert external id field.</param>
    /// <param name="concurrencyMode">The concurrency mode.</param>
    /// <param name="contentType">The content type.</param>
    /// <param name="numberBatchesQueued">Batches queued.</param>
    /// <param name="numberBatchesInProgress">Batches in progress.</param>
    /// <param name="numberBatchesCompleted">Batches completed.</param>
    /// <param name="numberBatchesFailed">Batches failed.</param>
    /// <param name="numberBatchesTotal">All batches.</param>
    /// <param name="numberRecordsProcessed">Records processed.</param>
    /// <param name="numberRetries">Batch retries.</param>
    /// <param name="apiVersion">The API version.</param>
    /// <param name="assignmentRuleId">The assignment rule id.</param>
    /// <param name="numberRecordsFailed">Records failed.</param>
    /// <param name="totalProcessingTime">Total processing time (ms).</param>
    /// <param name="apiActiveProcessingTime">API processing time (ms).</param>
    /// <param name="apexProcessingTime">Apex processing time (ms).</param>
    /// <param name="fastPathEnabled">Whether the fast path was used.</param>
    /// <param name="jobType">The Bulk 2.0 job type.</param>
    /// <param name="contentUrl">The Bulk 2.0 upload URL.</param>
    /// <param name="lineEnding">The Bulk 2.0 line ending.</param>
    /// <param name="columnDelimiter">The Bulk 2.0 column delimiter.</param>
    /// <param name="errorMessage">The Bulk 2.0 error message.</param>
    /// <param name="retries">The Bulk 2.0 retries.</param>
    /// <param name="isPkChunkingSupported">The Bulk 2.0 query PK chunking support flag.</param>
    /// <param name="query">The Bulk 2.0 query.</param>
    /// <returns>The model.</returns>
    public static JobInfo JobInfo(
        string id = "750D0000000002lIAA",
        JobOperation? operation = null,
        string @object = "Account",
        string createdById = "005D0000001ALVFIA4",
        DateTimeOffset createdDate = default,
        DateTimeOffset systemModstamp = default,
        BulkJobState? state = null,
        string? externalIdFieldName = null,
        ConcurrencyMode? concurrencyMode = null,
        JobContentType? contentType = null,
        int numberBatchesQueued = 0,
        int numberBatchesInProgress = 0,
        int numberBatchesCompleted = 0,
        int numberBatchesFailed = 0,
        int numberBatchesTotal = 0,
        long numberRecordsProcessed = 0,
        int numberRetries = 0,
        decimal apiVersion = 66.0m,
        string? assignmentRuleId = null,
        long numberRecordsFailed = 0,
        long totalProcessingTime = 0,
        long apiActiveProcessingTime = 0,
        long apexProcessingTime = 0,
        bool? fastPathEnabled = null,
        BulkJobType? jobType = null,
        string? contentUrl = null,
        string? lineEnding = null,
        string? columnDelimiter = null,
        string? errorMessage = null,
        int? retries = null,
        bool? isPkChunkingSupported = null,
        string? query = null) => new()
        {
            Id = id,
            Operation = operation ?? JobOperation.Insert,
            Object = @object,
            CreatedById = createdById,
            CreatedDate = createdDate,
            SystemModstamp = systemModstamp,
            State = state ?? BulkJobState.Open,
            ExternalIdFieldName = externalIdFieldName,
            ConcurrencyMode = concurrencyMode,
            ContentType = contentType,
            NumberBatchesQueued = numberBatchesQueued,
            NumberBatchesInProgress = numberBatchesInProgress,
            NumberBatchesCompleted = numberBatchesCompleted,
            NumberBatchesFailed = numberBatchesFailed,
            NumberBatchesTotal = numberBatchesTotal,
            NumberRecordsProcessed = numberRecordsProcessed,
            NumberRetries = numberRetries,
            ApiVersion = apiVersion,
            AssignmentRuleId = assignmentRuleId,
            NumberRecordsFailed = numberRecordsFailed,
            TotalProcessingTime = totalProcessingTime,
            ApiActiveProcessingTime = apiActiveProcessingTime,
            ApexProcessingTime = apexProcessingTime,
            FastPathEnabled = fastPathEnabled,
            JobType = jobType,
            ContentUrl = contentUrl,
            LineEnding = lineEnding,
            ColumnDelimiter = columnDelimiter,
            ErrorMessage = errorMessage,
            Retries = retries,
            IsPkChunkingSupported = isPkChunkingSupported,
            Query = query,
        };

    /// <summary>Builds a <see cref="Models.BatchInfo"/>.</summary>
    /// <param name="id">The batch id.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="state">The state; defaults to <c>Queued</c>.</param>
    /// <param name="stateMessage">The state message.</param>
    /// <param name="createdDate">When the batch was created.</param>
    /// <param name="systemModstamp">When it was last modified.</param>
    /// <param name="numberRecordsProcessed">Records processed.</param>
    /// <param name="numberRecordsFailed">Records failed.</param>
    /// <param name="totalProcessingTime">Total processing time (ms).</param>
    /// <param name="apiActiveProcessingTime">API processing time (ms).</param>
    /// <param name="apexProcessingTime">Apex processing time (ms).</param>
    /// <returns>The model.</returns>
    public static BatchInfo BatchInfo(
        string id = "751D0000000004rIAA",
        string jobId = "750D0000000002lIAA",
        BatchState? state = null,
        string? stateMessage = null,
        DateTimeOffset createdDate = default,
        DateTimeOffset systemModstamp = default,
        long numberRecordsProcessed = 0,
        long numberRecordsFailed = 0,
        long totalProcessingTime = 0,
        long apiActiveProcessingTime = 0,
        long apexProcessingTime = 0) => new()
        {
            Id = id,
            JobId = jobId,
            State = state ?? BatchState.Queued,
            StateMessage = stateMessage,
            CreatedDate = createdDate,
            SystemModstamp = systemModstamp,
            NumberRecordsProcessed = numberRecordsProcessed,
            NumberRecordsFailed = numberRecordsFailed,
            TotalProcessingTime = totalProcessingTime,
            ApiActiveProcessingTime = apiActiveProcessingTime,
            ApexProcessingTime = apexProcessingTime,
        };

    /// <summary>Builds a <see cref="Models.CloseJobResult"/>.</summary>
    /// <param name="job">The job after the operation.</param>
    /// <param name="outcome">How it ended.</param>
    /// <param name="wasAlreadyInRequestedState">Whether the state was confirmed by reading the job.</param>
    /// <param name="attempts">How many close requests were sent.</param>
    /// <param name="api">The API of the job.</param>
    /// <returns>The model.</returns>
    public static CloseJobResult CloseJobResult(JobInfo job, CloseOutcome outcome = CloseOutcome.Closed, bool wasAlreadyInRequestedState = false, int attempts = 1, BulkApi api = BulkApi.V1)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job, outcome, wasAlreadyInRequestedState, attempts, api);
    }

    /// <summary>Builds a <see cref="Models.JobInfoPage"/>.</summary>
    /// <param name="records">The jobs on the page.</param>
    /// <param name="done">Whether it is the last page.</param>
    /// <param name="nextRecordsUrl">The next page's path.</param>
    /// <returns>The model.</returns>
    internal static JobInfoPage JobInfoPage(IEnumerable<JobInfo> records, bool done = true, string? nextRecordsUrl = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new([.. records], done, nextRecordsUrl);
    }
}
