using Microsoft.Playwright;
using SfBulk.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SfBulk.Ui.Tests;

public sealed class JobsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task JobsPage_SeededOrg_ListsEveryJobWithHeader()
    {
        var browserInstance = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(browserInstance);

        var table = page.Locator("#jobs-table");
        foreach (var id in org.Jobs.OpenClassic.Concat([org.Jobs.PkChunkedQuery, org.Jobs.V2IngestAwaitingUpload, org.Jobs.V2QueryInProgress]).Concat(org.Jobs.Failed).Concat(org.Jobs.Finished))
        {
            await Expect(table.Locator("tr", new() { HasText = id })).ToHaveCountAsync(1);
        }

        await Expect(page.Locator("#org-user")).ToHaveTextAsync("admin@sfbulk.test");
        await Expect(page.Locator("#org-instance")).ToHaveTextAsync(org.Emulator.BaseUri.GetLeftPart(UriPartial.Authority));
        await Expect(page.Locator("#last-refresh")).ToContainTextAsync("Last refreshed");
        await Expect(page.Locator("#open-title")).ToContainTextAsync("open");
        var row = table.Locator("tr", new() { HasText = org.Jobs.OpenClassic[0] });
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true })).ToBeEnabledAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Abort", Exact = true })).ToBeEnabledAsync();
        await Expect(table.Locator("tr", new() { HasText = org.Jobs.Finished[0] }).GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true })).ToBeDisabledAsync();

        var cookies = await page.Context.CookiesAsync();
        var cookie = Assert.Single(cookies);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "jobs");
    }

    [Fact]
    public async Task JobsPage_Filters_NarrowTheList()
    {
        var browserInstance = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(browserInstance);
        var rows = page.Locator("#jobs-table tbody tr");
        await Expect(rows.First).ToContainTextAsync("750");

        await page.GetByLabel("API", new() { Exact = true }).SelectOptionAsync("V2Ingest");
        await Expect(page.Locator("#jobs-table tbody tr", new() { HasText = org.Jobs.V2IngestAwaitingUpload })).ToHaveCountAsync(1);
        await Expect(page.Locator("#jobs-table tbody tr", new() { HasText = org.Jobs.OpenClassic[0] })).ToHaveCountAsync(0);
        foreach (var api in await page.Locator("#jobs-table tbody td:nth-child(6)").AllTextContentsAsync())
        {
            Assert.Equal("V2Ingest", api);
        }

        await page.GetByLabel("API", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("Failed");
        await Expect(rows).ToHaveCountAsync(org.Jobs.Failed.Count);
        foreach (var id in org.Jobs.Failed)
        {
            await Expect(page.Locator("#jobs-table tbody tr", new() { HasText = id })).ToHaveCountAsync(1);
        }

        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("Open");
        await page.GetByLabel("Age", new() { Exact = true }).SelectOptionAsync("604800");
        await Expect(rows).ToHaveCountAsync(3); // the open jobs of 9, 12 and 40 days
        var ages = await page.Locator("#jobs-table tbody td:nth-child(9)").AllTextContentsAsync();
        Assert.NotEmpty(ages);
        Assert.All(ages, a => Assert.Matches(@"^\d+ d \d+ h$", a));
        Assert.All(ages, a => Assert.True(int.Parse(a.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= 7, a));

        await page.GetByLabel("Age", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByLabel("Created by", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "dataloader@sfbulk.test (3)" });
        await Expect(rows).ToHaveCountAsync(2);
        foreach (var creator in await page.Locator("#jobs-table tbody td:nth-child(8)").AllTextContentsAsync())
        {
            Assert.Equal("dataloader@sfbulk.test", creator);
        }

        await page.GetByLabel("Created by", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByLabel("PK chunking only", new() { Exact = true }).CheckAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(org.Jobs.PkChunkedQuery);
    }
}
