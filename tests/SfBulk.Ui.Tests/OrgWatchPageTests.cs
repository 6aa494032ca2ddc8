using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SfBulk.Models;
using SfBulk.Sweeping;
using SfBulk.Ui.Tests.Infrastructure;
using SfBulk.Watching;
using static Microsoft.Playwright.Assertions;

namespace SfBulk.Ui.Tests;

/// <summary>The Org watcher page of <c>sfbulk ui --watch-all</c>: the watcher the server runs, live.</summary>
public sealed class OrgWatchPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task OrgWatchPage_WatcherRunning_ShowsFilterCountsAndTheCloseAsItHappens()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync(timeScale: 20, orgWatch: new OrgWatchOptions
        {
            CloseWhenDone = true,
            MaxInterval = TimeSpan.FromSeconds(10),
            Filter = new SweepFilter { JobType = BulkJobType.Classic, PkChunking = true, OlderThan = TimeSpan.Zero, Object = "Opportunity" },
        });
        var id = await SeedAsync(org, "Opportunity");
        var page = await org.OpenAsync(chromium);

        await page.GetByRole(AriaRole.Link, new() { Name = "Org watcher" }).ClickAsync();

        await Expect(page.Locator("#orgwatch-status")).ToContainTextAsync("Running");
        await Expect(page.Locator("#orgwatch-filter")).ToContainTextAsync("Classic with PK chunking; older than 0s; object Opportunity; closed when done");
        var closedRow = page.Locator("#orgwatch-table tbody tr[data-event='closed']").Filter(new() { HasText = id });
        await Expect(closedRow).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.Locator("#orgwatch-table tbody tr[data-event='seen']").Filter(new() { HasText = id })).ToHaveCountAsync(1);
        await Expect(page.Locator("dd[data-count='Closed']")).ToHaveTextAsync("1");

        // "Batches done" counts as the messages do: the NotProcessed original of the 6 chunks is done too.
        await Expect(closedRow.Locator("td").Nth(4)).ToHaveTextAsync("7 / 7");
        var progress = await page.Locator("#orgwatch-table tbody tr[data-event='progress']")
            .EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent))");
        foreach (var cells in progress)
        {
            var said = Regex.Match(cells[5], @"batches (\d+)/(\d+) done");
            Assert.True(said.Success, cells[5]);
            Assert.Equal($"{said.Groups[1].Value} / {said.Groups[2].Value}", cells[4]);
        }

        await Expect(page.Locator("dd[data-count='API calls']")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        Assert.Equal(BulkJobState.Closed, (await org.JobAsync(id)).State);
        Assert.Empty(org.PageErrors);
        await Screenshots.TakeAsync(page, "orgwatch");
    }

    [Fact]
    public async Task OrgWatchPage_NoWatcher_HidesTheTabAndSaysHowToStartOne()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToBeVisibleAsync();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Org watcher" })).ToBeHiddenAsync();
        await page.GotoAsync(org.BaseUri + "#/orgwatch");
        await Expect(page.Locator("#orgwatch-status")).ToContainTextAsync("No org watcher runs here.");
        Assert.Empty(org.PageErrors);
    }

    private static async Task<string> SeedAsync(UiOrg org, string sobject)
    {
        using var response = await org.Http.PostAsync(
            "_emulator/jobs/classic",
            new StringContent($$"""{"operation":"query","object":"{{sobject}}","pkChunking":true,"chunks":6,"chunkDurationSeconds":20}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var ids = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return ids.RootElement[0].GetString()!;
    }
}
