using System.Globalization;
using System.Text.Json;

namespace SfBulk.Emulator.Control;

/// <summary>Reads and checks a fault rule posted as JSON; unknown members are refused so that typos don't pass silently.</summary>
internal static class FaultRuleParser
{
    private const int DefaultStatus = StatusCodes.Status503ServiceUnavailable;
    private const int MaxLatencyMs = 600_000;

    /// <summary>Parses <paramref name="body"/>; <paramref name="knownRoutes"/> are the API route keys a rule may name.</summary>
    public static bool TryParse(JsonElement body, IReadOnlySet<string> knownRoutes, out FaultRuleSpec? spec, out string error)
    {
        spec = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "The fault rule must be a JSON object.";
            return false;
        }

        string? route = null, kindName = null, errorCode = null, message = null;
        int? status = null, latencyMs = null, seed = null, retryAfter = null;
        double? rate = null;
        long? count = null, every = null, burst = null;
        foreach (var member in body.EnumerateObject())
        {
            var ok = member.Name switch
            {
                "route" => TryString(member.Value, out route),
                "kind" => TryString(member.Value, out kindName),
                "status" => TryInt(member.Value, 400, 599, out status),
                "rate" => TryRate(member.Value, out rate),
                "count" => TryLong(member.Value, 1, out count),
                "every" => TryLong(member.Value, 1, out every),
                "burst" => TryLong(member.Value, 1, out burst),
                "latencyMs" => TryInt(member.Value, 0, MaxLatencyMs, out latencyMs),
                "seed" => TryInt(member.Value, int.MinValue, int.MaxValue, out seed),
                "retryAfterSeconds" => TryInt(member.Value, 0, 86_400, out retryAfter),
                "errorCode" => TryString(member.Value, out errorCode),
                "message" => TryString(member.Value, out message),
                _ => false,
            };
            if (!ok)
            {
                error = member.Name is "route" or "kind" or "status" or "rate" or "count" or "every" or "burst" or "latencyMs" or "seed" or "retryAfterSeconds" or "errorCode" or "message"
                    ? string.Create(CultureInfo.InvariantCulture, $"Invalid value for '{member.Name}'.")
                    : string.Create(CultureInfo.InvariantCulture, $"Unknown member '{member.Name}'.");
                return false;
            }
        }

        if (route is null)
        {
            error = "'route' is required: \"*\" or \"METHOD /pattern\" as listed by GET /_emulator/requests.";
            return false;
        }

        route = NormalizeRoute(route);
        if (route != "*" && !knownRoutes.Contains(route))
        {
            error = "Unknown route '" + route + "'. Known routes: " + string.Join(", ", knownRoutes.Order(StringComparer.Ordinal));
            return false;
        }

        if (!FaultKinds.TryParse(kindName, out var kind))
        {
            error = "'kind' must be one of status, requestLimitExceeded, latency, latencyAfter, dropBefore, dropAfter, expireSession.";
            return false;
        }

        if (kind is FaultKind.Latency or FaultKind.LatencyAfter && latencyMs is null)
        {
            error = "A latency fault needs 'latencyMs'.";
            return false;
        }

        spec = new FaultRuleSpec(route, kind, status ?? DefaultStatus, rate, count, every, latencyMs ?? 0, seed ?? 0, retryAfter, errorCode, message, burst);
        error = string.Empty;
        return true;
    }

    /// <summary>Upper-cases the method and makes sure the pattern starts with a slash.</summary>
    public static string NormalizeRoute(string route)
    {
        route = route.Trim();
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return route;
        }

        var pattern = route[(space + 1)..].Trim();
        return route[..space].ToUpperInvariant() + (pattern.StartsWith('/') ? " " : " /") + pattern;
    }

    private static bool TryString(JsonElement value, out string? result)
    {
        result = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return !string.IsNullOrWhiteSpace(result);
    }

    private static bool TryInt(JsonElement value, int min, int max, out int? result)
    {
        result = null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n < min || n > max)
        {
            return false;
        }

        result = n;
        return true;
    }

    private static bool TryLong(JsonElement value, long min, out long? result)
    {
        result = null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < min)
        {
            return false;
        }

        result = n;
        return true;
    }

    private static bool TryRate(JsonElement value, out double? result)
    {
        result = null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var n) || !(n > 0 && n <= 1))
        {
            return false;
        }

        result = n;
        return true;
    }
}
