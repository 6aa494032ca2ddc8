namespace SfBulk.Emulator.Control;

/// <summary>Reads and resets the API request counters.</summary>
internal static class RequestControl
{
    /// <summary><c>GET /_emulator/requests</c> → <c>{"total":N,"routes":{"GET /services/async/{version}/job/{jobId}":N,…}}</c>.</summary>
    public static Task GetAsync(HttpContext context)
    {
        var counter = context.RequestServices.GetRequiredService<RequestCounter>();
        var routes = counter.Snapshot();
        var total = counter.Total;
        return ControlJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("total", total);
            json.WriteStartObject("routes");
            foreach (var (route, count) in routes)
            {
                json.WriteNumber(route, count);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary><c>DELETE /_emulator/requests</c> → 204; all counts back to zero.</summary>
    public static Task ResetAsync(HttpContext context)
    {
        context.RequestServices.GetRequiredService<RequestCounter>().Reset();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
