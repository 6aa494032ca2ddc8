namespace SfBulk.Emulator.Control;

/// <summary>Holds the fault rules set through the control surface and decides, per request, which fault applies.</summary>
internal sealed class FaultInjector
{
}
