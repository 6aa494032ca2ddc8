using Microsoft.Playwright;

namespace SfBulk.Ui.Tests;

/// <summary>
/// Where screenshots go: <c>docs/ui/</c> of the repository when <c>SFBULK_UI_SCREENSHOTS=docs</c> (to refresh the
/// documentation), else <c>artifacts/ui-screenshots/</c> (a test run leaves the docs alone).
/// </summary>
internal static class Screenshots
{
    public static string Directory { get; } = Find();

    public static async Task<string> TakeAsync(IPage page, string name)
    {
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "sfbulk.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? AppContext.BaseDirectory;
        var target = Environment.GetEnvironmentVariable("SFBULK_UI_SCREENSHOTS") == "docs"
            ? Path.Combine(root, "docs", "ui")
            : Path.Combine(root, "artifacts", "ui-screenshots");
        System.IO.Directory.CreateDirectory(target);
        return target;
    }
}
