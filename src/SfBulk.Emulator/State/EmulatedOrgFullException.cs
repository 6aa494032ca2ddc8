namespace SfBulk.Emulator.State;

/// <summary>
/// The emulated org already holds the most jobs or batches it may (<see cref="EmulatorOptions.MaxJobs"/>,
/// <see cref="EmulatorOptions.MaxBatches"/>). The request that tried to add one is refused with this message.
/// </summary>
internal sealed class EmulatedOrgFullException : Exception
{
    public EmulatedOrgFullException(string what, long maximum, string option)
        : base($"The emulated org holds at most {maximum:N0} {what} (EmulatorOptions.{option}); start a fresh emulator or raise the limit.")
    {
    }

    public EmulatedOrgFullException()
    {
    }

    public EmulatedOrgFullException(string message)
        : base(message)
    {
    }

    public EmulatedOrgFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
