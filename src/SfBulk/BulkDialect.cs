namespace SfBulk;

/// <summary>The Bulk API 1.0 request dialect (Bulk API 2.0 always uses JSON).</summary>
public enum BulkDialect
{
    /// <summary><c>application/xml; charset=UTF-8</c> (the documented default).</summary>
    Xml = 0,

    /// <summary><c>application/json; charset=UTF-8</c> (for jobs whose content type is JSON).</summary>
    Json = 1,
}
