namespace SfBulk.Ui.Tests.Infrastructure;

/// <summary>
/// Finds Debian's Chromium (the <c>chromium</c> package; .ci/run installs it). Playwright's own browser download is
/// not used. Outside CI the UI tests skip with a message when none is found; under CI (<c>CI</c> or
/// <c>SFBULK_UI_REQUIRE_CHROMIUM</c> set, as .ci/run does) they fail.
/// </summary>
internal static class Chromium
{
    public static string? Path { get; } = Find();

    public static void RequireOrSkip()
    {
        if (Path is not null)
        {
            return;
        }

        const string message = "No Chromium found (looked for chromium, chromium-browser and google-chrome on PATH, and SFBULK_CHROMIUM). Install Debian's chromium package (apt-get install chromium) to run the UI tests.";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SFBULK_UI_REQUIRE_CHROMIUM")))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("SFBULK_CHROMIUM") is { Length: > 0 } given && File.Exists(given))
        {
            return given;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (var dir in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
