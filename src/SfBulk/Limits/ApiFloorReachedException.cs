namespace SfBulk.Limits;

/// <summary>
/// A watch or sweep stopped before its first request because the org's remaining daily API requests are already
/// at or below the floor set with <c>MinApiRemaining</c>. Nothing was changed. Code <c>API_FLOOR_REACHED</c>.
/// </summary>
public sealed class ApiFloorReachedException : SalesforceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was stopped, the org's remaining requests and the floor.</param>
    public ApiFloorReachedException(string message)
        : base(message, SfBulkErrorCodes.ApiFloorReached, null, null)
    {
    }
}
