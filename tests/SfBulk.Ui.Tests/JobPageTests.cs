using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SfBulk.Models;
using SfBulk.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SfBulk.Ui.Tests;

public sealed partial class JobPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task JobPage_RunningPkJob_ShowsFieldsWithUnitsProgressAndNotProcessedOriginal()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium);
        await page.GotoAsync(org.BaseUri + "#/jobs/" + org.Jobs.PkChunkedQuery);

        await Expect(page.Locator("#fields-title")).ToBeVisibleAsync();
        Assert.Empty(org.PageErrors);
        await Expect(page.Locator("#progress-text")).ToContainTextAsync("chunk batches plus the NotProcessed original");
        await Expect(page.Locator("#notprocessed-note")).ToContainTextAsync("ends NotProcessed on purpose");
        await Expect(page.Locator("#live-line")).ToContainTextAsync("Live");
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Batch progress" })).ToBeVisibleAsync();
        var fields = page.Locator("dl.fields").First;
        await Expect(fields).ToContainTextAsync("Total processing time");
        await Expect(fields).ToContainTextAsync(new Regex(@"\d+ ms"));
        await Expect(fields).ToContainTextAsync(new Regex(@"\d+ batches"));
        await Expect(fields).ToContainTextAsync(new Regex(@"\d+ records"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close when done" })).ToBeEnabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Read the batch list now (1 API call)" }).ClickAsync();
        await Expect(page.Locator("#batches-table")).ToContainTextAsync("PK chunking original");
        await Screenshots.TakeAsync(page, "job");
    }

    [Fact]
    public async Task CloseWhenDone_PkJob_ClosesRightAfterTheLastChunkAndSurvivesReload()
    {
        var chromium = browser.Browser;
        // 12 chunks of 90 emulated seconds, 4 at a time: about 270 s emulated, 13.5 s real at 20x, so a slow browser
        // still sees the watch on, and after a reload, before the job ends.
        await using var org = await UiOrg.StartAsync(timeScale: 20);
        var id = await org.SeedPkJobAsync(chunks: 12, chunkSeconds: 90);
        var page = await org.OpenAsync(chromium);
        await page.GotoAsync(org.BaseUri + "#/jobs/" + id);

        await page.GetByRole(AriaRole.Button, new() { Name = "Close when done" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page.Locator("#cwd-status")).ToContainTextAsync("Close when done is on");
        await page.ReloadAsync();
        await Expect(page.Locator("#cwd-status")).ToContainTextAsync("Close when done is on");
        Assert.Equal(BulkJobState.Open, (await org.JobAsync(id)).State);

        await Expect(page.Locator("#cwd-status")).ToContainTextAsync("Close when done: Closed", new() { Timeout = 60_000 });
        var job = await org.JobAsync(id);
        Assert.Equal(BulkJobState.Closed, job.State);
        Assert.Equal(12, job.NumberBatchesCompleted); // every chunk ran before the close
        var batches = await org.Check.GetBatchesAsync(id, TestContext.Current.CancellationToken);
        var lastChunk = batches.Where(b => b.State == BatchState.Completed).Max(b => b.SystemModstamp);
        var delay = job.SystemModstamp - lastChunk;
        Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(70)); // within the watcher's finish interval at 20x
        var text = await page.Locator("#cwd-status").TextContentAsync();
        Assert.Matches(DelayText(), text!);
    }

    [GeneratedRegex(@"Closed [\d.]+ s after the last batch finished")]
    private static partial Regex DelayText();
}
