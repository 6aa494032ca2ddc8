// Benchmark 6: the 'sfbulk ui' server (its own process, as users run it) on an emulator holding 10,000 jobs, driven by
// headless Chromium through Playwright. Measures (1) the time from navigation to a usable jobs page (the first rows
// shown), cold (first listing) and warm; (2) the API calls one open job page spends on a running PK-chunked job
// against 'sfbulk watch' on an identical job; (3) the server's peak RSS (VmHWM). Prints one JSON document.
//
// Usage: dotnet SfBulk.Bench.Ui.dll <sfbulk-cli.dll> <chromium> [jobs=10000] [runs=5]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Playwright;
using SfBulk.Emulator;
using SfBulk.Emulator.Seeding;

var cliDll = args[0];
var chromium = args[1];
var jobs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;

await using var emulator = await EmulatorServer.StartAsync(DemoOrg.AddUsers(new EmulatorOptions { Port = 0 }));
var seeded = DemoOrg.Seed(emulator, new DemoOrgOptions { ExtraOpenJobs = Math.Max(0, jobs - 20) });
using var http = new HttpClient { BaseAddress = emulator.BaseUri };
var (instance, session) = await LoginAsync(http, emulator.Options.Username, emulator.Options.Password);

using var ui = Start(cliDll, ["ui", "--instance-url", instance, "--session-id", "-", "--no-open", "--verbosity", "quiet"], session);
var launch = await ui.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("sfbulk ui printed no URL: " + await ui.StandardError.ReadToEndAsync());
var baseUrl = new Uri(launch).GetLeftPart(UriPartial.Authority) + "/";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });

// (1) Navigation to a usable jobs page: the first rows are on screen and the buttons work.
var loads = new List<double>();
for (var i = 0; i < runs; i++)
{
    var context = await browser.NewContextAsync();
    var page = await context.NewPageAsync();
    var clock = Stopwatch.StartNew();
    await page.GotoAsync(launch);
    await page.Locator("#jobs-table tbody tr[data-job-id]").First.WaitForAsync(new() { Timeout = 60_000 });
    loads.Add(Math.Round(clock.Elapsed.TotalMilliseconds));
    await context.DisposeAsync();
}

var listed = await CountListedAsync(browser, launch);

// (2) API calls of an open job page vs 'sfbulk watch', each on a fresh identical PK-chunked job (12 chunks of 5 s).
var pageJob = await SeedPkJobAsync(http);
await http.DeleteAsync("_emulator/requests");
var pageClock = Stopwatch.StartNew();
{
    var context = await browser.NewContextAsync();
    var page = await context.NewPageAsync();
    await page.GotoAsync(launch);
    await page.GotoAsync(baseUrl + "#/jobs/" + pageJob);
    await page.Locator("#final-note").WaitForAsync(new() { Timeout = 180_000 });
    await context.DisposeAsync();
}

var pageCalls = await RequestsAsync(http);
var pageSeconds = pageClock.Elapsed.TotalSeconds;

var watchJob = await SeedPkJobAsync(http);
await http.DeleteAsync("_emulator/requests");
using (var watch = Start(cliDll, ["watch", watchJob, "--instance-url", instance, "--session-id", "-", "--verbosity", "quiet"], session))
{
    await watch.WaitForExitAsync();
}

var watchCalls = await RequestsAsync(http);

// (3) The server's peak resident memory over the whole run.
var peakKb = long.Parse(File.ReadAllLines($"/proc/{ui.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
using (var kill = Process.Start("kill", ["-INT", ui.Id.ToString(CultureInfo.InvariantCulture)]))
{
    await kill.WaitForExitAsync();
}

await ui.WaitForExitAsync();

var sorted = loads.Order().ToList();
var result = new Dictionary<string, object>
{
    ["jobs"] = listed,
    ["jobsPageLoadMs"] = loads,
    ["jobsPageColdMs"] = loads[0],
    ["jobsPageWarmMedianMs"] = sorted.Count > 1 ? loads.Skip(1).Order().ElementAt((loads.Count - 1) / 2) : loads[0],
    ["jobsPageMaxMs"] = sorted[^1],
    ["serverPeakRssMb"] = Math.Round(peakKb / 1024.0, 1),
    ["pkJob"] = new Dictionary<string, object> { ["chunks"] = 12, ["chunkSeconds"] = 5, ["jobPageCalls"] = pageCalls, ["sfbulkWatchCalls"] = watchCalls, ["jobPageSeconds"] = Math.Round(pageSeconds, 1) },
    ["seededPkJob"] = seeded.PkChunkedQuery,
};
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
return 0;

static Process Start(string cliDll, string[] args, string stdin)
{
    var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    info.ArgumentList.Add(cliDll);
    foreach (var a in args)
    {
        info.ArgumentList.Add(a);
    }

    info.Environment["CI"] = "1";
    var process = Process.Start(info)!;
    process.StandardInput.WriteLine(stdin);
    process.StandardInput.Close();
    return process;
}

static async Task<(string Instance, string Session)> LoginAsync(HttpClient http, string user, string password)
{
    var envelope = $"""
        <?xml version="1.0" encoding="utf-8"?>
        <env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>{user}</n1:username><n1:password>{password}</n1:password></n1:login></env:Body></env:Envelope>
        """;
    using var content = new StringContent(envelope, Encoding.UTF8, "text/xml");
    content.Headers.Add("SOAPAction", "login");
    using var response = await http.PostAsync("services/Soap/u/64.0", content);
    response.EnsureSuccessStatusCode();
    var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
    var serverUrl = new Uri(xml.Descendants().First(e => e.Name.LocalName == "serverUrl").Value);
    return (serverUrl.GetLeftPart(UriPartial.Authority), xml.Descendants().First(e => e.Name.LocalName == "sessionId").Value);
}

static async Task<string> SeedPkJobAsync(HttpClient http)
{
    using var response = await http.PostAsJsonAsync("_emulator/jobs/classic", new Dictionary<string, object>
    {
        ["operation"] = "query",
        ["pkChunking"] = new Dictionary<string, int> { ["chunkSize"] = 100_000 },
        ["chunks"] = 12,
        ["chunkDurationSeconds"] = 5,
    });
    response.EnsureSuccessStatusCode();
    using var ids = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return ids.RootElement[0].GetString()!;
}

static async Task<long> RequestsAsync(HttpClient http)
{
    using var json = JsonDocument.Parse(await http.GetStringAsync("_emulator/requests"));
    return json.RootElement.GetProperty("total").GetInt64();
}

static async Task<string> CountListedAsync(IBrowser browser, string launch)
{
    var context = await browser.NewContextAsync();
    var page = await context.NewPageAsync();
    await page.GotoAsync(launch);
    var text = await page.Locator("#listed-count").TextContentAsync();
    await context.DisposeAsync();
    return text ?? string.Empty;
}
