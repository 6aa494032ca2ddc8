namespace SfBulk.Models;

/// <summary>How a close or abort ended. Every value is a success; failures raise exceptions.</summary>
public enum CloseOutcome
{
    /// <summary>
    /// The job is closed now (Bulk 2.0 ingest: <c>UploadComplete</c> or later). Either this call's request closed it,
    /// or, after an ambiguous failure, reading the job showed it closed (see
    /// <see cref="CloseJobResult.WasAlreadyInRequestedState"/>).
    /// </summary>
    Closed = 0,

    /// <summary>The job is aborted now; as for <see cref="Closed"/>.</summary>
    Aborted = 1,

    /// <summary>
    /// Salesforce refused the request and reading the job showed it closed already (whatever the refusal's code or
    /// words); the job is returned as it is.
    /// </summary>
    AlreadyClosed = 2,

    /// <summary>
    /// Salesforce refused the request and reading the job showed it aborted already; the job is returned as it is. Also the outcome of a close request for an aborted job: then
    /// <see cref="CloseJobResult.WasAlreadyInRequestedState"/> is false, because the job was not closed (its queued
    /// batches were dropped); the CLI reports that as a failure (exit code 5).
    /// </summary>
    AlreadyAborted = 3,
}
