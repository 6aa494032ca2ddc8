using SfBulk.Emulator;

namespace SfBulk.Tests;

/// <summary>The <see cref="TestEmulator"/> settings the library's test areas share.</summary>
internal static class TestSettings
{
    /// <summary>
    /// Watching, sweeping and chaos: the fake clock at <see cref="TestEmulatorOptions.FixedStart"/> (the code under test
    /// waits on <see cref="TestEmulator.AutoTime"/>), the default user logged in before the test, 2 ms retries.
    /// </summary>
    public static TestEmulatorOptions Watch(Action<EmulatorOptions>? emulator = null) => new()
    {
        Start = TestEmulatorOptions.FixedStart,
        Connect = true,
        RetryDelay = TimeSpan.FromMilliseconds(2),
        Emulator = emulator,
    };

    /// <summary>
    /// Job operations: the client-credentials flow, a client on the emulator's fake clock that retries a close at once,
    /// and 5 ms connection retries.
    /// </summary>
    public static TestEmulatorOptions Jobs(Action<BulkJobClientOptions>? client = null, Action<EmulatorOptions>? emulator = null) => new()
    {
        Login = TestLogin.ClientCredentials,
        ClientOnFakeClock = true,
        Client = options =>
        {
            options.CloseRetryDelay = TimeSpan.Zero;
            client?.Invoke(options);
        },
        Emulator = emulator,
    };
}
