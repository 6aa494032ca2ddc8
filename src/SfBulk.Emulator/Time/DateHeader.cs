using System.Globalization;

namespace SfBulk.Emulator.Time;

/// <summary>
/// Every answer's <c>Date</c> header reads the emulator's clock, as Salesforce's answers read Salesforce's: a client
/// that measures job ages on the server's clock sees the same time the jobs were stamped with.
/// </summary>
internal static class DateHeader
{
    public static WebApplication UseEmulatorDateHeader(this WebApplication app)
    {
        var clock = app.Services.GetRequiredService<EmulatorClock>();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var (response, clock) = ((HttpResponse, EmulatorClock))state;
                response.Headers.Date = clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            }, (context.Response, clock));
            return next(context);
        });
        return app;
    }
}
