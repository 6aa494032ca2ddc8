using System.Net.Http.Headers;
using System.Text;

namespace SfBulk.Emulator.Tests.Infrastructure;

/// <summary>Shorthands for Bulk 2.0 calls in tests.</summary>
public static class V2Calls
{
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient http, HttpMethod method, string path, string token, string? json = null)
    {
        using var request = RawApi.V2Request(method, path, token, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<HttpResponseMessage> UploadCsvAsync(this HttpClient http, string path, string token, string csv)
    {
        var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = RawApi.V2Request(HttpMethod.Put, path, token, content);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
