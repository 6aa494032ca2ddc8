using System.Diagnostics;
using System.Globalization;
using SfBulk.Models;
using SfBulk.Watching;
using SfBulk.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SfBulk.Cli.Output;

/// <summary>
/// Shows a watch while it runs: a live Spectre progress bar on a terminal, plain lines (one whenever something
/// changed) for logs and CI, or nothing. Returns the watch's result.
/// </summary>
internal static class WatchDisplay
{
    /// <summary>
    /// Follows <paramref name="snapshots"/> with the display that suits where output goes: live on a terminal (standard
    /// output for text; standard error when <c>--output json</c> keeps standard output for the document), plain lines
    /// on standard error for logs and CI, or nothing when quiet.
    /// </summary>
    public static Task<WatchResult> FollowAsync(CommandContext context, IAsyncEnumerable<WatchProgress> snapshots, CancellationToken cancellationToken, TextWriter? plain = null)
    {
        if (!context.Json && Terminal.IsInteractive)
        {
            return LiveAsync(Terminal.Out, snapshots, cancellationToken);
        }

        if (context.Json && context.Verbosity > Verbosity.Quiet && Terminal.IsErrorInteractive)
        {
            return LiveAsync(Terminal.Error, snapshots, cancellationToken);
        }

        return (context.Json ? context.Verbosity >= Verbosity.Normal : context.Verbosity > Verbosity.Quiet) || plain is not null
            ? PlainAsync(plain ?? Console.Error, snapshots, cancellationToken)
            : QuietAsync(snapshots, cancellationToken);
    }

    /// <summary>
    /// Follows <paramref name="snapshots"/> live on <paramref name="console"/>: one compact line on a narrow terminal,
    /// the description and a bar on a wide one (<see cref="WatchLines"/>), redrawn as the clock runs.
    /// </summary>
    public static async Task<WatchResult> LiveAsync(IAnsiConsole console, IAsyncEnumerable<WatchProgress> snapshots, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var view = new LiveView(time ?? TimeProvider.System);
        WatchResult? result = null;
        await console.Live(view).AutoClear(false).Overflow(VerticalOverflow.Visible).StartAsync(async ctx =>
        {
            using var stop = new CancellationTokenSource();
            var ticker = TickAsync(ctx, stop.Token);
            try
            {
                await foreach (var snapshot in snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    view.Show(WatchFrame.Of(snapshot));
                    if (snapshot.Result is { } final)
                    {
                        result = final;
                        view.Stop();
                    }

                    ctx.Refresh();
                }
            }
            finally
            {
                view.Stop();
                await stop.CancelAsync().ConfigureAwait(false);
                await ticker.ConfigureAwait(false);
                ctx.Refresh();
            }
        }).ConfigureAwait(false);
        return result ?? throw new InvalidOperationException("The watch ended without a result.");
    }

    private static async Task TickAsync(LiveDisplayContext ctx, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), stop).ConfigureAwait(false);
                ctx.Refresh();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The live display's renderable: lays the last frame out for the width the terminal has at each redraw.</summary>
    private sealed class LiveView(TimeProvider time) : Renderable
    {
        private readonly long _started = time.GetTimestamp();
        private TimeSpan? _stoppedAt;
        private volatile WatchFrame? _frame;

        public void Show(WatchFrame frame) => _frame = frame;

        public void Stop() => _stoppedAt ??= time.GetElapsedTime(_started);

        protected override Measurement Measure(RenderOptions options, int maxWidth) => new(maxWidth, maxWidth);

        protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            var lines = WatchLines.Format(_frame, _stoppedAt ?? time.GetElapsedTime(_started), maxWidth);
            for (var i = 0; i < lines.Count; i++)
            {
                yield return new Segment(lines[i]);
                if (i < lines.Count - 1)
                {
                    yield return Segment.LineBreak;
                }
            }
        }
    }

    /// <summary>Follows <paramref name="snapshots"/>, writing a line to <paramref name="writer"/> whenever the job changed.</summary>
    public static async Task<WatchResult> PlainAsync(TextWriter writer, IAsyncEnumerable<WatchProgress> snapshots, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string? shown = null;
        await foreach (var snapshot in snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var line = WatchFrame.Of(snapshot).Describe();
            var key = snapshot.LastError is null ? line[..line.LastIndexOf(" · ", StringComparison.Ordinal)] : line;
            if (!string.Equals(key, shown, StringComparison.Ordinal) || snapshot.IsFinal)
            {
                shown = key;
                writer.WriteLine(FormattableString.Invariant($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {line}"));
                if (snapshot.LastError is not null && snapshot.Note is { } note)
                {
                    writer.WriteLine("         " + note);
                }
            }

            if (snapshot.Result is { } result)
            {
                return result;
            }
        }

        throw new InvalidOperationException("The watch ended without a result.");
    }

    /// <summary>Follows <paramref name="snapshots"/> silently.</summary>
    public static async Task<WatchResult> QuietAsync(IAsyncEnumerable<WatchProgress> snapshots, CancellationToken cancellationToken)
    {
        await foreach (var snapshot in snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (snapshot.Result is { } result)
            {
                return result;
            }
        }

        throw new InvalidOperationException("The watch ended without a result.");
    }
}
