using Microsoft.Playwright;
using SfBulk.Models;
using SfBulk.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SfBulk.Ui.Tests;

public sealed class ActionTests(BrowserFixture browser)
{
    [Fact]
    public async Task CloseButton_ConfirmInDialog_ClosesTheJobInTheEmulator()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium);
        var id = org.Jobs.OpenClassic[9]; // the admin's own job: Salesforce lets only the creator close a job

        var row = page.Locator("#jobs-table tbody tr", new() { HasText = id });
        await row.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Closing stops new batches; queued batches still run.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(page.Locator("#action-result")).ToContainTextAsync($"job {id} is now Closed");
        Assert.Equal(BulkJobState.Closed, (await org.JobAsync(id)).State);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true })).ToBeDisabledAsync();
        await Screenshots.TakeAsync(page, "jobs-after-close");
    }

    [Fact]
    public async Task CloseButton_JobOfAnotherUser_ShowsSalesforceErrorCodeAndMessage()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium);
        var id = org.Jobs.OpenClassic[1]; // created by the integration user; the page runs as the admin

        await page.Locator("#jobs-table tbody tr", new() { HasText = id }).GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync($"Close of {id} failed");
        await Expect(alert).ToContainTextAsync("InvalidUser");
        await Expect(alert).ToContainTextAsync("Only the user who created the job can close it");
        Assert.Equal(BulkJobState.Open, (await org.JobAsync(id)).State);
    }

    [Fact]
    public async Task AbortButton_ConfirmInDialog_AbortsTheJobInTheEmulator()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium);
        var id = org.Jobs.OpenClassic[2];

        await page.Locator("#jobs-table tbody tr", new() { HasText = id }).GetByRole(AriaRole.Button, new() { Name = "Abort", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Aborting drops batches not yet processed");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(page.Locator("#action-result")).ToContainTextAsync($"job {id} is now Aborted");
        Assert.Equal(BulkJobState.Aborted, (await org.JobAsync(id)).State);
    }

    [Fact]
    public async Task CloseButton_CancelInDialog_LeavesTheJobOpen()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium);
        var id = org.Jobs.OpenClassic[3];

        await page.Locator("#jobs-table tbody tr", new() { HasText = id }).GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        Assert.Equal(BulkJobState.Open, (await org.JobAsync(id)).State);
    }

    [Fact]
    public async Task CloseButton_V2IngestAwaitingUpload_DialogSaysSalesforceProcessesTheData()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium);

        await page.Locator("#jobs-table tbody tr", new() { HasText = org.Jobs.V2IngestAwaitingUpload }).GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("completing it makes Salesforce process the data");
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal(BulkJobState.Open, (await org.JobAsync(org.Jobs.V2IngestAwaitingUpload)).State);
    }

    [Fact]
    public async Task KeyboardOnly_TabToCloseEnterTabConfirm_ClosesTheJob()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium);
        var id = org.Jobs.OpenClassic[0];
        await Expect(page.Locator("#jobs-table tbody tr", new() { HasText = id })).ToHaveCountAsync(1);

        var reached = false;
        for (var i = 0; i < 200 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>(
                "id => { const a = document.activeElement; return a && a.textContent === 'Close' && a.closest('tr')?.dataset.jobId === id; }", id);
        }

        Assert.True(reached, "Tab never reached the row's Close button.");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab"); // from Cancel (focused first, the safe choice) to Confirm
        Assert.Equal("Confirm", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#action-result")).ToContainTextAsync($"job {id} is now Closed");
        Assert.Equal(BulkJobState.Closed, (await org.JobAsync(id)).State);
    }
}
