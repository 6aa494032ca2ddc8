using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(SfBulk.Ui.Tests.Infrastructure.BrowserFixture))]

namespace SfBulk.Ui.Tests.Infrastructure;

/// <summary>One headless Chromium for the test run, driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser; skips (or under CI fails) the calling test when no Chromium was found.</summary>
    public IBrowser Browser
    {
        get
        {
            Chromium.RequireOrSkip();
            return _browser ?? throw new InvalidOperationException("Chromium did not start.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (Chromium.Path is null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
