namespace SfBulk.Emulator;

/// <summary>Size limits the emulator enforces, as Salesforce documents them.</summary>
internal static class Limits
{
    /// <summary>Largest request Kestrel reads at all (Bulk 2.0 uploads: 150 MB base64-encoded).</summary>
    public const long MaxRequestBodyBytes = 150L * 1024 * 1024;

    /// <summary>Bulk 1.0: a batch can hold at most 10,000,000 characters (we count bytes).</summary>
    public const int MaxBatchBytes = 10_000_000;

    /// <summary>Bulk 1.0: at most 10,000 records per batch.</summary>
    public const int MaxRecordsPerBatch = 10_000;

    /// <summary>
    /// Largest body of the login routes (SOAP and OAuth) and of everything under <c>/_emulator</c> (control, seeding,
    /// certificates): refused with 413 before it is read.
    /// </summary>
    public const long MaxSmallBodyBytes = 64 * 1024;

    /// <summary>Job create/update bodies are small; anything above this is refused as invalid.</summary>
    public const int MaxJobInfoBytes = 64 * 1024;
}
