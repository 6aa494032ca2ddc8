using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Control;

/// <summary>The error dialects of the emulated APIs.</summary>
internal enum ApiDialect
{
    /// <summary>Bulk API 1.0, XML <c>&lt;error&gt;</c> (CSV and XML jobs, and requests before a job is known).</summary>
    BulkV1Xml,

    /// <summary>Bulk API 1.0, <c>{"exceptionCode","exceptionMessage"}</c> (JSON jobs).</summary>
    BulkV1Json,

    /// <summary>REST and Bulk API 2.0: <c>[{"message","errorCode"}]</c>.</summary>
    Rest,

    /// <summary>The OAuth token endpoint: <c>{"error","error_description"}</c>.</summary>
    OAuth,

    /// <summary>SOAP API (login): a SOAP 1.1 fault.</summary>
    Soap,
}

/// <summary>Tells which dialect a request speaks.</summary>
internal static class ApiDialects
{
    public static ApiDialect Of(HttpContext context, OrgState state)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/services/async", StringComparison.OrdinalIgnoreCase))
        {
            return IsJsonV1(context, state) ? ApiDialect.BulkV1Json : ApiDialect.BulkV1Xml;
        }

        if (path.StartsWithSegments("/services/Soap", StringComparison.OrdinalIgnoreCase))
        {
            return ApiDialect.Soap;
        }

        return path.StartsWithSegments("/services/oauth2", StringComparison.OrdinalIgnoreCase) ? ApiDialect.OAuth : ApiDialect.Rest;
    }

    /// <summary>The "Content Type Header" rule: a JSON job answers in JSON; before the job is known the request's type decides.</summary>
    private static bool IsJsonV1(HttpContext context, OrgState state)
    {
        if (context.Request.RouteValues.TryGetValue("jobId", out var id) && state.FindJob(id as string) is { } job)
        {
            return job.ContentType is "JSON" or "ZIP_JSON";
        }

        var contentType = context.Request.ContentType;
        return contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
    }
}
