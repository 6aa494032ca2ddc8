using System.Text.Json;
using SfBulk.Emulator.Control;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Allocations;

/// <summary>
/// Reads and sets the org's allocations under <c>/_emulator/limits</c>, so a test can drive an org near a limit.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>GET /_emulator/limits</c> → <c>{"DailyApiRequests":{"max":N,"used":N,"remaining":N},…}</c>.</item>
/// <item><c>POST /_emulator/limits</c> with <c>{"DailyApiRequests":{"max":1000,"used":990}}</c>: sets the maximum and/or
/// the usage (charged now, so it rolls out of the window 24 hours later) of each named allocation; answers as GET.</item>
/// <item><c>DELETE /_emulator/limits</c> → 204; every usage back to zero, maxima kept.</item>
/// </list>
/// </remarks>
internal static class LimitsControl
{
    public static RouteGroupBuilder MapLimitsControl(this RouteGroupBuilder group)
    {
        group.MapGet("/limits", GetAsync);
        group.MapPost("/limits", SetAsync);
        group.MapDelete("/limits", ResetAsync);
        return group;
    }

    private static Task GetAsync(HttpContext context) => WriteAsync(context, Allocations(context));

    private static async Task SetAsync(HttpContext context)
    {
        var (document, error) = await ControlJson.ReadObjectAsync(context, allowEmpty: false).ConfigureAwait(false);
        if (error is not null)
        {
            await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        var changes = new List<(string Name, long? Max, long? Used)>();
        using (document)
        {
            foreach (var member in document!.RootElement.EnumerateObject())
            {
                if (Parse(member, out var change) is { } problem)
                {
                    await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
                    return;
                }

                changes.Add(change);
            }
        }

        var allocations = Allocations(context);
        foreach (var (name, max, used) in changes)
        {
            allocations.Set(name, max, used);
        }

        await WriteAsync(context, allocations).ConfigureAwait(false);
    }

    private static Task ResetAsync(HttpContext context)
    {
        var allocations = Allocations(context);
        foreach (var name in AllocationNames.All)
        {
            allocations.Set(name, null, 0);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>Reads one <c>"Name":{"max":N,"used":N}</c> member; returns why it is refused, or null.</summary>
    private static string? Parse(JsonProperty member, out (string Name, long? Max, long? Used) change)
    {
        change = default;
        var name = AllocationNames.Canonical(member.Name);
        if (name is null)
        {
            return $"Unknown allocation '{member.Name}'; known: {string.Join(", ", AllocationNames.All)}.";
        }

        if (member.Value.ValueKind != JsonValueKind.Object)
        {
            return $"'{name}' must be an object such as {{\"max\":1000,\"used\":990}}.";
        }

        long? max = null, used = null;
        foreach (var field in member.Value.EnumerateObject())
        {
            if (field.Name is not ("max" or "used") || !field.Value.TryGetInt64(out var value) || value < 0)
            {
                return $"'{name}' may only hold 'max' and 'used', each a whole number of at least 0.";
            }

            if (field.Name == "max")
            {
                max = value;
            }
            else
            {
                used = value;
            }
        }

        change = (name, max, used);
        return null;
    }

    private static OrgAllocations Allocations(HttpContext context) =>
        context.RequestServices.GetRequiredService<OrgState>().Allocations;

    private static Task WriteAsync(HttpContext context, OrgAllocations allocations)
    {
        var readings = allocations.ReadAll();
        return ControlJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            foreach (var reading in readings)
            {
                json.WriteStartObject(reading.Name);
                json.WriteNumber("max", reading.Max);
                json.WriteNumber("used", reading.Used);
                json.WriteNumber("remaining", reading.Remaining);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        });
    }
}
