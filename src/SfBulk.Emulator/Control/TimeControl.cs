using System.Text.Json;
using SfBulk.Emulator.Time;

namespace SfBulk.Emulator.Control;

/// <summary>Reads, advances and scales the emulator's clock.</summary>
internal static class TimeControl
{
    /// <summary>The largest single jump, about 10 years.</summary>
    private const double MaxAdvanceSeconds = 315_360_000;

    /// <summary><c>GET /_emulator/time</c> → <c>{"now":"…Z","scale":1}</c>.</summary>
    public static Task GetAsync(HttpContext context) => WriteTimeAsync(context);

    /// <summary><c>POST /_emulator/time/advance {"seconds":N}</c>, N ≥ 0 (fractions allowed).</summary>
    public static async Task AdvanceAsync(HttpContext context)
    {
        var seconds = await ReadNumberAsync(context, "seconds").ConfigureAwait(false);
        if (seconds is null)
        {
            return;
        }

        if (!(seconds >= 0 && seconds <= MaxAdvanceSeconds))
        {
            await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "'seconds' must be between 0 and 315360000.").ConfigureAwait(false);
            return;
        }

        context.RequestServices.GetRequiredService<EmulatorClock>().Advance(TimeSpan.FromSeconds(seconds.Value));
        await WriteTimeAsync(context).ConfigureAwait(false);
    }

    /// <summary><c>POST /_emulator/time/scale {"scale":X}</c>, 0 &lt; X ≤ 100000: emulated seconds per real second.</summary>
    public static async Task ScaleAsync(HttpContext context)
    {
        var scale = await ReadNumberAsync(context, "scale").ConfigureAwait(false);
        if (scale is null)
        {
            return;
        }

        if (!(scale > 0 && scale <= 100_000))
        {
            await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "'scale' must be above 0 and at most 100000.").ConfigureAwait(false);
            return;
        }

        context.RequestServices.GetRequiredService<EmulatorClock>().SetScale(scale.Value);
        await WriteTimeAsync(context).ConfigureAwait(false);
    }

    private static Task WriteTimeAsync(HttpContext context)
    {
        var clock = context.RequestServices.GetRequiredService<EmulatorClock>();
        return ControlJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteString("now", ControlJson.Timestamp(clock.GetUtcNow()));
            ControlJson.WriteNumber(json, "scale", clock.Scale);
            json.WriteEndObject();
        });
    }

    /// <summary>Reads <c>{"name":number}</c>; on any other body writes a 400 and returns null.</summary>
    private static async Task<double?> ReadNumberAsync(HttpContext context, string name)
    {
        var (document, error) = await ControlJson.ReadObjectAsync(context, allowEmpty: false).ConfigureAwait(false);
        double? value = null;
        using (document)
        {
            if (document is not null)
            {
                foreach (var member in document.RootElement.EnumerateObject())
                {
                    if (member.Name != name || member.Value.ValueKind != JsonValueKind.Number)
                    {
                        value = null;
                        break;
                    }

                    value = member.Value.GetDouble();
                }
            }
        }

        if (value is null)
        {
            await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, error ?? "The body must be {\"" + name + "\": <number>}.").ConfigureAwait(false);
        }

        return value;
    }
}
