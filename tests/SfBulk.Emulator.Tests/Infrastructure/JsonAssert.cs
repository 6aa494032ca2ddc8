using System.Net;
using System.Text.Json;

namespace SfBulk.Emulator.Tests.Infrastructure;

/// <summary>Assertions on Salesforce-style JSON responses.</summary>
public static class JsonAssert
{
    /// <summary>Asserts status, JSON content type, and returns the parsed body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {status} but got {response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Asserts a Bulk 2.0 error array with one <c>{"errorCode","message"}</c> element.</summary>
    public static async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode, string? message = null)
    {
        var body = await JsonAsync(response, status);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal(1, body.GetArrayLength());
        Assert.Equal(errorCode, body[0].GetProperty("errorCode").GetString());
        if (message is not null)
        {
            Assert.Equal(message, body[0].GetProperty("message").GetString());
        }
    }

    /// <summary>The member names of a JSON object, in order.</summary>
    public static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
