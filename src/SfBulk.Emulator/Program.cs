using System.Globalization;
using System.Runtime.InteropServices;
using SfBulk.Emulator;

var options = new EmulatorOptions();
double timeScale = 1;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535:
            options.Port = port;
            i++;
            break;
        case "--time-scale" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var scale) && scale > 0:
            timeScale = scale;
            i++;
            break;
        case "--variant" when i + 1 < args.Length:
            try
            {
                options.Variants = options.Variants.With(args[++i]);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            break;
        case "--limit" when i + 1 < args.Length:
            if (SfBulk.Emulator.Allocations.AllocationNames.TryParseMaximum(args[i + 1], out var name, out var max) is { } problem)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }

            options.AllocationMaxima[name] = max;
            i++;
            break;
        case "--no-control":
            options.EnableControlSurface = false;
            break;
        case "--open-control":
            options.RequireControlToken = false;
            break;
        case "--help" or "-h":
            Console.WriteLine("Usage: SfBulk.Emulator [--port <n>] [--time-scale <x>] [--limit <NAME=MAX>]... [--no-control] [--open-control] [--variant name=value[,name=value]]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'. Usage: SfBulk.Emulator [--port <n>] [--time-scale <x>] [--limit <NAME=MAX>]... [--no-control] [--open-control] [--variant name=value[,name=value]]");
            return 2;
    }
}

await using var emulator = await EmulatorServer.StartAsync(options);
emulator.Clock.SetScale(timeScale);
Console.WriteLine(EmulatorBanner.ListeningLine(emulator));
Console.WriteLine(EmulatorBanner.Credentials(emulator));
Console.WriteLine(EmulatorBanner.Control(emulator));
using var stop = new CancellationTokenSource();
// Ctrl+C, SIGTERM and SIGQUIT all stop the emulator cleanly (a process manager or a script sends SIGTERM).
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
