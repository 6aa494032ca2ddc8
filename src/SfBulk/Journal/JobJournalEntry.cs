namespace SfBulk.Journal;

/// <summary>One state change sfbulk made to a job, as a journal keeps it. Holds no secret.</summary>
/// <param name="Time">When the change was confirmed.</param>
/// <param name="OrgId">The org's id (<c>00D…</c>), when the login reported it.</param>
/// <param name="InstanceHost">The host of the org's instance, e.g. <c>mycompany.my.salesforce.com</c>.</param>
/// <param name="UserId">The id of the user who made the change (<c>005…</c>), when the login reported it.</param>
/// <param name="JobId">The job's 18-character id.</param>
/// <param name="Api">The job's API: <c>bulk-1.0</c>, <c>bulk-2.0-ingest</c> or <c>bulk-2.0-query</c>.</param>
/// <param name="StateBefore">The job's state before the change, when known (a close succeeds only on an <c>Open</c> job).</param>
/// <param name="StateAfter">The job's state afterwards, when known.</param>
/// <param name="Outcome"><c>closed</c>, <c>aborted</c>, or <c>failed</c> (the change was asked for and refused or unanswered).</param>
/// <param name="RequestsSpent">API requests the change cost, reads and retries included.</param>
/// <param name="Command">What made the change: <c>close</c>, <c>abort</c>, <c>sweep</c>, <c>watch</c>, <c>ui</c>, or <c>library</c>.</param>
/// <param name="SfbulkVersion">The sfbulk version that made the change.</param>
/// <param name="HostName">The machine that made the change.</param>
/// <param name="ErrorCode">Salesforce's error code of a failed change; null otherwise.</param>
public sealed record JobJournalEntry(
    DateTimeOffset Time,
    string? OrgId,
    string InstanceHost,
    string? UserId,
    string JobId,
    string Api,
    string? StateBefore,
    string? StateAfter,
    string Outcome,
    long RequestsSpent,
    string Command,
    string SfbulkVersion,
    string HostName,
    string? ErrorCode = null);
