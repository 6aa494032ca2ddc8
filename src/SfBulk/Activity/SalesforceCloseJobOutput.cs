using System.Globalization;

namespace SfBulk.Activity;

/// <summary>The Close Job activity's output document: <c>SalesforceCloseJobOutput/CloseJobResult</c>.</summary>
public sealed class SalesforceCloseJobOutput
{
    internal SalesforceCloseJobOutput(CloseJobOutputResult result, Models.CloseJobResult detail)
    {
        CloseJobResult = result;
        Detail = detail;
    }

    /// <summary>The job after the operation, with the reference activity's field names.</summary>
    public CloseJobOutputResult CloseJobResult { get; }

    /// <summary>The library's result (outcome, attempts, full JobInfo); not part of the document.</summary>
    public Models.CloseJobResult Detail { get; }
}

/// <summary>The job fields of the output document, named as the reference activity names them.</summary>
public sealed class CloseJobOutputResult
{
    internal CloseJobOutputResult(JobInfo job)
    {
        JobId = job.Id;
        Operation = job.Operation.ToString();
        Object = job.Object;
        CreatedById = job.CreatedById;
        CreatedByDate = job.CreatedDate;
        SystemModstamp = job.SystemModstamp;
        State = job.State.ToString();
        ConcurrencyMode = job.ConcurrencyMode?.ToString();
        ContentType = job.ContentType?.ToString();
        NumberBatchesQueued = job.NumberBatchesQueued;
        NumberBatchesInProgress = job.NumberBatchesInProgress;
        NumberBatchesCompleted = job.NumberBatchesCompleted;
        NumberBatchesFailed = job.NumberBatchesFailed;
        NumberBatchesTotal = job.NumberBatchesTotal;
        NumberRecordsProcessed = job.NumberRecordsProcessed;
        NumberRetries = job.NumberRetries;
        ApiVersion = job.ApiVersion;
        NumberRecordsFailed = job.NumberRecordsFailed;
        TotalProcessingTime = job.TotalProcessingTime;
        ApiActiveProcessingTime = job.ApiActiveProcessingTime;
        ApexProcessingTime = job.ApexProcessingTime;
    }

    /// <summary><c>jobId</c>: the job id.</summary>
    public string JobId { get; }

    /// <summary><c>operation</c>.</summary>
    public string Operation { get; }

    /// <summary><c>object</c>.</summary>
    public string Object { get; }

    /// <summary><c>createdById</c>.</summary>
    public string CreatedById { get; }

    /// <summary><c>createdByDate</c> (the reference's spelling): when the job was created.</summary>
    public DateTimeOffset CreatedByDate { get; }

    /// <summary><c>systemModstamp</c>.</summary>
    public DateTimeOffset SystemModstamp { get; }

    /// <summary><c>state</c>.</summary>
    public string State { get; }

    /// <summary><c>concurrencyMode</c>; null when Salesforce sent none.</summary>
    public string? ConcurrencyMode { get; }

    /// <summary><c>contentType</c>; null when Salesforce sent none.</summary>
    public string? ContentType { get; }

    /// <summary><c>numberBatchesQueued</c>.</summary>
    public int NumberBatchesQueued { get; }

    /// <summary><c>numberBatchesInProgress</c>.</summary>
    public int NumberBatchesInProgress { get; }

    /// <summary><c>numberBatchesCompleted</c>.</summary>
    public int NumberBatchesCompleted { get; }

    /// <summary><c>numberBatchesFailed</c>.</summary>
    public int NumberBatchesFailed { get; }

    /// <summary><c>numberBatchesTotal</c>.</summary>
    public int NumberBatchesTotal { get; }

    /// <summary><c>numberRecordsProcessed</c>.</summary>
    public long NumberRecordsProcessed { get; }

    /// <summary><c>numberRetries</c>.</summary>
    public int NumberRetries { get; }

    /// <summary><c>apiVersion</c>.</summary>
    public decimal ApiVersion { get; }

    /// <summary><c>numberRecordsFailed</c>.</summary>
    public long NumberRecordsFailed { get; }

    /// <summary><c>totalProcessingTime</c> (ms).</summary>
    public long TotalProcessingTime { get; }

    /// <summary><c>apiActiveProcessingTime</c> (ms).</summary>
    public long ApiActiveProcessingTime { get; }

    /// <summary><c>apexProcessingTime</c> (ms).</summary>
    public long ApexProcessingTime { get; }

    /// <summary>The fields in document order: name, text, and whether the text is a JSON number.</summary>
    internal IEnumerable<(string Name, string? Value, bool IsNumber)> Fields()
    {
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        yield return ("jobId", JobId, false);
        yield return ("operation", Operation, false);
        yield return ("object", Object, false);
        yield return ("createdById", CreatedById, false);
        yield return ("createdByDate", Wire.WireDates.ToXml(CreatedByDate), false);
        yield return ("systemModstamp", Wire.WireDates.ToXml(SystemModstamp), false);
        yield return ("state", State, false);
        yield return ("concurrencyMode", ConcurrencyMode, false);
        yield return ("contentType", ContentType, false);
        yield return ("numberBatchesQueued", N(NumberBatchesQueued), true);
        yield return ("numberBatchesInProgress", N(NumberBatchesInProgress), true);
        yield return ("numberBatchesCompleted", N(NumberBatchesCompleted), true);
        yield return ("numberBatchesFailed", N(NumberBatchesFailed), true);
        yield return ("numberBatchesTotal", N(NumberBatchesTotal), true);
        yield return ("numberRecordsProcessed", N(NumberRecordsProcessed), true);
        yield return ("numberRetries", N(NumberRetries), true);
        yield return ("apiVersion", ApiVersion.ToString(CultureInfo.InvariantCulture), true);
        yield return ("numberRecordsFailed", N(NumberRecordsFailed), true);
        yield return ("totalProcessingTime", N(TotalProcessingTime), true);
        yield return ("apiActiveProcessingTime", N(ApiActiveProcessingTime), true);
        yield return ("apexProcessingTime", N(ApexProcessingTime), true);
    }
}

/// <summary>A fault of the activity as a document: which fault type, Salesforce's code, the HTTP status and the message.</summary>
public sealed class CloseJobFault
{
    internal CloseJobFault(SalesforceException exception)
    {
        FaultType = exception.GetType().Name;
        ErrorCode = exception.ErrorCode;
        StatusCode = exception.StatusCode is { } s ? (int)s : null;
        Message = exception.Message;
    }

    /// <summary><c>SalesforceRestException</c>, <c>SalesforceLoginException</c>, <c>SalesforceConnectionNotFoundException</c> or <c>SalesforceTimeoutException</c>.</summary>
    public string FaultType { get; }

    /// <summary>Salesforce's error code (or sfbulk's); null when none.</summary>
    public string? ErrorCode { get; }

    /// <summary>The HTTP status; null when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>What went wrong and what to do.</summary>
    public string Message { get; }
}
