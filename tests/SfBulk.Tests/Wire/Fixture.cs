namespace SfBulk.Tests.Wire;

/// <summary>Loads the documented payloads under Wire/Fixtures.</summary>
internal static class Fixture
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Wire", "Fixtures", name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Wire", "Fixtures", name));
}
