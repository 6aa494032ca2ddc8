namespace SfBulk.Emulator.State;

/// <summary>Job states of both API versions exactly as on the wire.</summary>
internal static class JobStates
{
    public const string Open = "Open";
    public const string Closed = "Closed";
    public const string Aborted = "Aborted";
    public const string Failed = "Failed";
    public const string UploadComplete = "UploadComplete";
    public const string InProgress = "InProgress";
    public const string JobComplete = "JobComplete";
}
