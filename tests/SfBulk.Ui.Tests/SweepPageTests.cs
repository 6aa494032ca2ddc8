using System.Text.Json;
using Microsoft.Playwright;
using SfBulk.Models;
using SfBulk.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SfBulk.Ui.Tests;

public sealed class SweepPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Sweep_PlanConfirmRun_ReportsEveryJobWithJsonAndCsvDownloads()
    {
        var chromium = browser.Browser;
        await using var org = await UiOrg.StartAsync();
        var page = await org.OpenAsync(chromium);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sweep" }).ClickAsync();

        await page.GetByLabel("Action", new() { Exact = true }).SelectOptionAsync("abort");
        await page.GetByLabel("Age", new() { Exact = true }).SelectOptionAsync("86400");
        await page.GetByLabel("API", new() { Exact = true }).SelectOptionAsync("Classic");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan (dry run)" }).ClickAsync();

        await Expect(page.Locator("#plan-summary")).ToContainTextAsync("to abort");
        var planned = await page.Locator("#plan-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.filter(r => r.cells[7].textContent === 'abort').map(r => r.dataset.jobId)");
        Assert.NotEmpty(planned);
        foreach (var id in planned)
        {
            Assert.Equal(BulkJobState.Open, (await org.JobAsync(id)).State); // a plan changes nothing
        }

        await Screenshots.TakeAsync(page, "sweep-plan");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Abort \\d+ jobs?") }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Aborting drops batches not yet processed.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(page.Locator("#report-summary")).ToContainTextAsync("aborted", new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Sweep progress" })).ToHaveAttributeAsync("aria-valuenow", planned.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var id in planned)
        {
            Assert.Equal(BulkJobState.Aborted, (await org.JobAsync(id)).State);
        }

        var json = await page.EvaluateAsync<string>("u => fetch(u).then(r => r.text())", await page.GetByRole(AriaRole.Link, new() { Name = "Download the report (JSON)" }).GetAttributeAsync("href"));
        using (var report = JsonDocument.Parse(json))
        {
            var jobs = report.RootElement.GetProperty("jobs").EnumerateArray().ToList();
            Assert.Equal(planned.Order(), jobs.Where(j => j.GetProperty("outcome").GetString() == "aborted").Select(j => j.GetProperty("jobId").GetString()!).Order());
        }

        var csv = await page.EvaluateAsync<string>("u => fetch(u).then(r => r.text())", await page.GetByRole(AriaRole.Link, new() { Name = "Download the report (CSV)" }).GetAttributeAsync("href"));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("jobId,jobType,object,operation,createdById,outcome", lines[0], StringComparison.Ordinal);
        Assert.All(planned, id => Assert.Contains(lines, l => l.StartsWith(id + ",", StringComparison.Ordinal) && l.Contains(",aborted,", StringComparison.Ordinal)));
        await Screenshots.TakeAsync(page, "sweep-report");
    }
}
