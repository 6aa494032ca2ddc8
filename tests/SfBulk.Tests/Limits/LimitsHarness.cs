using System.Text;
using System.Text.Json;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Limits;

/// <summary>Reads and sets the emulator's allocations through its control surface.</summary>
internal static class LimitsHarness
{
    public const string LimitsRoute = "GET /services/data/v{version}/limits";

    public static async Task SetAsync(this EmulatorHarness emulator, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await emulator.Control.PostAsync("_emulator/limits", content, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>(max, used) of one allocation as the emulator meters it.</summary>
    public static async Task<(long Max, long Used)> ReadAsync(this EmulatorHarness emulator, string name)
    {
        using var json = JsonDocument.Parse(await emulator.Control.GetStringAsync("_emulator/limits", TestContext.Current.CancellationToken));
        var allocation = json.RootElement.GetProperty(name);
        return (allocation.GetProperty("max").GetInt64(), allocation.GetProperty("used").GetInt64());
    }

    public static async Task<long> TotalRequestsAsync(this EmulatorHarness emulator)
    {
        using var json = JsonDocument.Parse(await emulator.Control.GetStringAsync("_emulator/requests", TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("total").GetInt64();
    }
}
