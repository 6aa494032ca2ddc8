namespace SfBulk.Emulator;

/// <summary>The emulator refused a control request (a seed or fault it cannot take); the message says why.</summary>
public sealed class EmulatorControlException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmulatorControlException()
    {
    }

    /// <summary>Creates the exception with the emulator's reason.</summary>
    /// <param name="message">Why the emulator refused the request.</param>
    public EmulatorControlException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the emulator's reason and the underlying error.</summary>
    /// <param name="message">Why the emulator refused the request.</param>
    /// <param name="innerException">The underlying error.</param>
    public EmulatorControlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
