using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.BulkV1;

/// <summary>Compares what the emulator emits with the documented close-job responses (Fixtures/).</summary>
public sealed partial class WireFixtureTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private readonly BulkV1Client _v1 = new(fixture);

    [Fact]
    public async Task CloseJob_XmlJob_MatchesDocElementsOrderAndValueFormats()
    {
        var doc = XDocument.Parse(await File.ReadAllTextAsync(FixturePath("close-job-response.xml"), TestContext.Current.CancellationToken)).Root!;
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, contentType: "XML");
        await _v1.AddBatchAsync(session, job, "<sObjects xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><sObject><Name>A</Name></sObject><sObject><Name>B</Name></sObject></sObjects>", "application/xml");
        _v1.Advance(TimeSpan.FromSeconds(3));

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{job}", session, BulkV1Client.StateXml("Closed"), BulkV1Client.XmlType);
        var ours = XDocument.Parse(body).Root!;

        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(doc.Name, ours.Name);
        Assert.Equal(doc.Elements().Select(e => e.Name), ours.Elements().Select(e => e.Name));
        foreach (var (expected, actual) in doc.Elements().Zip(ours.Elements()))
        {
            Assert.Equal(Shape(expected.Value), Shape(actual.Value));
        }

        Assert.Equal("Closed", BulkV1Client.Value(ours, "state"));
        Assert.Equal("1", BulkV1Client.Value(ours, "numberBatchesCompleted"));
        Assert.Equal("2", BulkV1Client.Value(ours, "numberRecordsProcessed"));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseJob_JsonJob_MatchesDocKeysOrderAndValueFormats()
    {
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(FixturePath("close-job-response.json"), TestContext.Current.CancellationToken));
        var session = _v1.NewSession();
        var job = await _v1.CreateJobAsync(session, contentType: "JSON");

        var (response, body) = await _v1.CallAsync(HttpMethod.Post, $"job/{job}", session, "{ \"state\" : \"Closed\" }", BulkV1Client.JsonType);
        using var ours = JsonDocument.Parse(body);

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(doc.RootElement.EnumerateObject().Select(p => p.Name), ours.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var (expected, actual) in doc.RootElement.EnumerateObject().Zip(ours.RootElement.EnumerateObject()))
        {
            Assert.Equal(expected.Value.ValueKind, actual.Value.ValueKind);
            Assert.Equal(Shape(expected.Value.ToString()), Shape(actual.Value.ToString()));
        }

        // apiVersion keeps its ".0" (a number such as 36.0, not 36).
        Assert.Matches("\"apiVersion\": \\d+\\.0,", body);
    }

    /// <summary>The format class of a value: dates, ids, decimal and whole numbers, or the literal text.</summary>
    private static string Shape(string value) => value switch
    {
        _ when XmlDate().IsMatch(value) => "xml-date",
        _ when JsonDate().IsMatch(value) => "json-date",
        _ when Regex.IsMatch(value, "^(750|005)[0-9A-Za-z]{15}$") => "id-" + value[..3],
        _ when Regex.IsMatch(value, @"^\d+\.\d$") => "decimal",
        _ when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) => "whole",
        _ => value is "Closed" or "Parallel" or "Account" or "insert" ? value : "text:" + (value is "XML" or "JSON" ? "content-type" : value),
    };

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "BulkV1", "Fixtures", name);

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$")]
    private static partial Regex XmlDate();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$")]
    private static partial Regex JsonDate();
}
