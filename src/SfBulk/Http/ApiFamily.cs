namespace SfBulk.Http;

/// <summary>Which Salesforce API a request belongs to; decides the auth header and how session expiry looks.</summary>
internal enum ApiFamily
{
    /// <summary>Bulk API 1.0: <c>X-SFDC-Session</c> header; expiry is HTTP 400 with <c>InvalidSessionId</c>.</summary>
    BulkV1,

    /// <summary>Bulk API 2.0 and REST: <c>Authorization: Bearer</c>; expiry is HTTP 401 <c>INVALID_SESSION_ID</c>.</summary>
    Rest,
}
