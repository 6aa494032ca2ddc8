namespace SfBulk.Emulator.State;

/// <summary>Bulk API 1.0 batch states exactly as on the wire.</summary>
internal static class BatchStates
{
    public const string Queued = "Queued";
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string NotProcessed = "NotProcessed";
}
