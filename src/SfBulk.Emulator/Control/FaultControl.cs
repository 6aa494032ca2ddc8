using System.Text.Json;

namespace SfBulk.Emulator.Control;

/// <summary>Adds, lists and removes fault rules.</summary>
internal static class FaultControl
{
    /// <summary><c>POST /_emulator/faults</c> with a rule → 201, the rule with its id, <c>Location</c> set.</summary>
    public static async Task AddAsync(HttpContext context)
    {
        var (document, error) = await ControlJson.ReadObjectAsync(context, allowEmpty: false).ConfigureAwait(false);
        FaultRuleSpec? spec = null;
        using (document)
        {
            if (document is not null)
            {
                var known = ApiRoutes.Known(context.RequestServices.GetRequiredService<EndpointDataSource>());
                FaultRuleParser.TryParse(document.RootElement, known, out spec, out error);
            }
        }

        if (spec is null)
        {
            await ControlJson.ErrorAsync(context, StatusCodes.Status400BadRequest, error ?? "Invalid fault rule.").ConfigureAwait(false);
            return;
        }

        var rule = context.RequestServices.GetRequiredService<FaultInjector>().Add(spec);
        context.Response.Headers.Location = ApiRoutes.ControlPrefix + "/faults/" + rule.Id;
        await ControlJson.WriteAsync(context, StatusCodes.Status201Created, json => WriteRule(json, rule)).ConfigureAwait(false);
    }

    /// <summary><c>GET /_emulator/faults</c> → <c>{"rules":[…]}</c> in the order they are checked.</summary>
    public static Task ListAsync(HttpContext context)
    {
        var rules = context.RequestServices.GetRequiredService<FaultInjector>().Rules;
        return ControlJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                WriteRule(json, rule);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary><c>DELETE /_emulator/faults</c> → <c>{"removed":N}</c>.</summary>
    public static Task ClearAsync(HttpContext context)
    {
        var removed = context.RequestServices.GetRequiredService<FaultInjector>().Clear();
        return ControlJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("removed", removed);
            json.WriteEndObject();
        });
    }

    /// <summary><c>DELETE /_emulator/faults/{id}</c> → 204, or 404 when no such rule.</summary>
    public static Task RemoveAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        if (!context.RequestServices.GetRequiredService<FaultInjector>().Remove(id))
        {
            return ControlJson.ErrorAsync(context, StatusCodes.Status404NotFound, "No fault rule '" + id + "'.");
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static void WriteRule(Utf8JsonWriter json, FaultRule rule)
    {
        var spec = rule.Spec;
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("route", spec.Route);
        json.WriteString("kind", FaultKinds.Name(spec.Kind));
        if (spec.Kind == FaultKind.Status)
        {
            json.WriteNumber("status", spec.Status);
        }

        if (spec.Kind is FaultKind.Latency or FaultKind.LatencyAfter)
        {
            json.WriteNumber("latencyMs", spec.LatencyMs);
        }

        WriteOptional(json, "rate", spec.Rate);
        WriteOptional(json, "count", spec.Count);
        WriteOptional(json, "every", spec.Every);
        WriteOptional(json, "burst", spec.Burst);
        json.WriteNumber("seed", spec.Seed);
        WriteOptional(json, "retryAfterSeconds", spec.RetryAfterSeconds);
        if (spec.ErrorCode is not null)
        {
            json.WriteString("errorCode", spec.ErrorCode);
        }

        if (spec.Message is not null)
        {
            json.WriteString("message", spec.Message);
        }

        json.WriteNumber("matched", rule.Matched);
        json.WriteNumber("applied", rule.Applied);
        WriteOptional(json, "remaining", rule.Remaining);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            ControlJson.WriteNumber(json, name, v);
        }
    }
}
