using System.Globalization;
using System.Text.Json;
using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Chaos;

/// <summary>
/// The fault mix of the chaos tests, as emulator fault rules on every API route (login included), seeded so that a
/// run is reproducible. Rules are checked in order and the first that fires wins, so each rate below is the share
/// of the requests the earlier rules left: together they hit about 10 % of all requests with HTTP 503, 2.5 % with a
/// connection dropped before the request is processed, 2.5 % with one dropped after it was processed, and 2 % with
/// an answer slower than the client's request timeout (the request is carried out). On top: the session expires on
/// every 300th request, and every 350th request starts a burst of 4 <c>REQUEST_LIMIT_EXCEEDED</c> refusals
/// (throttling of concurrent requests, with <c>Retry-After</c>). A shorter run can space these two closer together.
/// </summary>
internal static class ChaosFaults
{
    /// <summary>The client's per-request timeout in the chaos tests; slow answers take <see cref="SlowAnswer"/>.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMilliseconds(300);

    /// <summary>How late a slow answer comes (the client has given up long before).</summary>
    public static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(2);

    /// <summary>The rules of the standard mix in the order they are added, each with the name the report uses.</summary>
    public static IReadOnlyList<(string Name, string Json)> Rules { get; } = Mix(300, 350, 4);

    /// <summary>The mix with the session expiring every <paramref name="expireEvery"/> requests and throttling bursts as given.</summary>
    public static IReadOnlyList<(string Name, string Json)> Mix(int expireEvery, int burstEvery, int burstLength) =>
    [
        (Invariant($"expired session (every {expireEvery}th request)"), Invariant($$"""{"route":"*","kind":"expireSession","every":{{expireEvery}}}""")),
        (Invariant($"REQUEST_LIMIT_EXCEEDED (bursts of {burstLength}, every {burstEvery}th request)"), Invariant($$"""{"route":"*","kind":"requestLimitExceeded","every":{{burstEvery}},"burst":{{burstLength}},"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"ConcurrentPerOrgLongTxn Limit exceeded.","retryAfterSeconds":1}""")),
        ("HTTP 503 (10 %)", """{"route":"*","kind":"status","status":503,"rate":0.1,"seed":503}"""),
        ("connection dropped before processing (2.5 %)", Rate("dropBefore", 0.025 / 0.9, 11)),
        ("connection dropped after processing (2.5 %)", Rate("dropAfter", 0.025 / 0.875, 12)),
        ("answer slower than the request timeout (2 %)", Rate("latencyAfter", 0.02 / 0.85, 13, (int)SlowAnswer.TotalMilliseconds)),
    ];

    public static async Task AddAllAsync(TestEmulator harness, IReadOnlyList<(string Name, string Json)>? rules = null)
    {
        foreach (var (_, json) in rules ?? Rules)
        {
            await harness.AddFaultAsync(json);
        }
    }

    /// <summary>How many times each rule fired, in rule order, read from <c>GET /_emulator/faults</c>.</summary>
    public static async Task<IReadOnlyList<(string Name, long Applied)>> AppliedAsync(TestEmulator harness, IReadOnlyList<(string Name, string Json)>? mix = null)
    {
        var names = mix ?? Rules;
        using var json = JsonDocument.Parse(await harness.Http.GetStringAsync("_emulator/faults", TestContext.Current.CancellationToken));
        var rules = json.RootElement.GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(names.Count, rules.Length);
        return [.. rules.Select((r, i) => (names[i].Name, r.GetProperty("applied").GetInt64()))];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Rate(string kind, double rate, int seed, int? latencyMs = null) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"route":"*","kind":"{{kind}}","rate":{{rate:0.#####}},"seed":{{seed}}{{(latencyMs is { } ms ? ",\"latencyMs\":" + ms : string.Empty)}}}""");
}
