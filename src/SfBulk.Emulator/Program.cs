using System.Globalization;
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
        case "--no-control":
            options.EnableControlSurface = false;
            break;
        case "--help" or "-h":
            Console.WriteLine("Usage: SfBulk.Emulator [--port <n>] [--time-scale <x>] [--no-control]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'. Usage: SfBulk.Emulator [--port <n>] [--time-scale <x>] [--no-control]");
            return 2;
    }
}

await using var emulator = await EmulatorServer.StartAsync(options);
emulator.Clock.SetScale(timeScale);
Console.WriteLine(EmulatorBanner.ListeningLine(emulator));
Console.WriteLine(EmulatorBanner.Credentials(emulator));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
