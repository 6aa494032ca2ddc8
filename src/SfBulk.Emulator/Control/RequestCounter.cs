namespace SfBulk.Emulator.Control;

/// <summary>Counts API requests per route (the API calls a client spent).</summary>
internal sealed class RequestCounter
{
}
