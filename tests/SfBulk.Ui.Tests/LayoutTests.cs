using Microsoft.Playwright;
using SfBulk.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SfBulk.Ui.Tests;

public sealed class LayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task JobsPage_360PixelsWide_PageDoesNotScrollSideways()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium, width: 360, height: 780);
        await Expect(page.Locator("#jobs-table tbody tr").First).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than the 360 px screen.");
        await Expect(page.GetByLabel("State", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Empty(org.PageErrors);
        await Screenshots.TakeAsync(page, "jobs-360px");
    }

    [Fact]
    public async Task JobsPage_DarkMode_FollowsTheSystem()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium, scheme: ColorScheme.Dark);
        await Expect(page.Locator("#jobs-table tbody tr").First).ToBeVisibleAsync();

        var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(18, 20, 23)", background);
        await Screenshots.TakeAsync(page, "jobs-dark");
    }
}
