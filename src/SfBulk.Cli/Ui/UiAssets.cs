using Microsoft.AspNetCore.Http;

namespace SfBulk.Cli.Ui;

/// <summary>The page's static files (plain HTML, CSS and JavaScript), embedded in the binary; nothing comes from the internet.</summary>
internal static class UiAssets
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/app.js", "app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "app.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "favicon.svg", "image/svg+xml"),
    ];

    private static readonly Dictionary<string, (byte[] Body, string ContentType)> Loaded = Load();

    public static IEnumerable<string> Paths => Files.Select(f => f.Path);

    public static Task ServeAsync(HttpContext context)
    {
        var (body, contentType) = Loaded[context.Request.Path.Value ?? "/"];
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(UiAssets).Assembly;
        var loaded = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var (path, resource, contentType) in Files)
        {
            using var stream = assembly.GetManifestResourceStream("SfBulk.Cli.Ui.wwwroot." + resource)
                ?? throw new InvalidOperationException("The page's file " + resource + " is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            loaded[path] = (copy.ToArray(), contentType);
        }

        return loaded;
    }
}
