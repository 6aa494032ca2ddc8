using System.Globalization;
using System.Text;
using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>
/// The text of the live watch display for a terminal of a given width: below <see cref="WideFrom"/> columns one
/// compact line (<c>█████░░░░░ 45% · Open · 5/11 batches · 500,000 records · 0:12</c>), from it two lines (the full
/// description, then a bar across the terminal). No line is ever as wide as the terminal (a line that fills the last
/// column makes some terminals wrap), and progress (the percentage and the batch count) is dropped last.
/// </summary>
internal static class WatchLines
{
    /// <summary>The narrowest terminal the display is laid out for; narrower ones get the 60-column layout.</summary>
    public const int Narrowest = 60;

    /// <summary>From this width on the display shows the full description and a bar of its own.</summary>
    public const int WideFrom = 100;

    private const char Done = '█';
    private const char Todo = '░';

    /// <summary>The lines to show for <paramref name="frame"/> (null before the first poll answered).</summary>
    public static IReadOnlyList<string> Format(WatchFrame? frame, TimeSpan elapsed, int width)
    {
        var usable = Math.Max(Narrowest, width) - 1;
        var clock = Clock(elapsed);
        if (frame is null)
        {
            return [Fit("Reading the job… " + clock, usable)];
        }

        if (width >= WideFrom)
        {
            var tail = " " + frame.Percent.PadLeft(4) + "  " + clock;
            return [Fit(frame.Describe(), usable), Bar(frame.Fraction, elapsed, usable - tail.Length) + tail];
        }

        // One line: the bar takes what the words leave, from 10 to 30 characters; words are dropped from the least
        // useful (calls, records, state) until the line fits.
        string[] words = [.. new[] { frame.ShortBatches, frame.State.ToString(), frame.Records, clock }.OfType<string>()];
        var dropOrder = new List<string>(words.Length);
        if (frame.ShortBatches is null)
        {
            dropOrder.AddRange([frame.Records, clock]);
        }
        else
        {
            dropOrder.AddRange([frame.Records, frame.State.ToString(), clock]);
        }

        var kept = words.ToList();
        string Line(int bar) => Bar(frame.Fraction, elapsed, bar) + " " + frame.Percent.PadLeft(4) + " · " + string.Join(" · ", kept);
        foreach (var drop in dropOrder)
        {
            if (Line(10).GetCellWidth() <= usable)
            {
                break;
            }

            kept.Remove(drop);
        }

        var rest = Line(0).GetCellWidth();
        return [Fit(Line(Math.Clamp(usable - rest, 10, 30)), usable)];
    }

    /// <summary><c>0:07</c>, <c>12:34</c>, <c>1:02:03</c>.</summary>
    public static string Clock(TimeSpan elapsed) => elapsed.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours}:{elapsed.Minutes:00}:{elapsed.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{elapsed.Minutes}:{elapsed.Seconds:00}");

    /// <summary>A bar of <paramref name="width"/> cells; an unknown share shows a block sliding with the time.</summary>
    private static string Bar(double? fraction, TimeSpan elapsed, int width)
    {
        if (width <= 0)
        {
            return string.Empty;
        }

        var bar = new StringBuilder(width);
        if (fraction is { } f)
        {
            var filled = (int)Math.Round(Math.Clamp(f, 0, 1) * width);
            bar.Append(Done, filled).Append(Todo, width - filled);
            return bar.ToString();
        }

        var block = Math.Max(1, width / 5);
        var at = (int)(elapsed.TotalMilliseconds / 200 % (width - block + 1));
        bar.Append(Todo, at).Append(Done, block).Append(Todo, width - block - at);
        return bar.ToString();
    }

    /// <summary><paramref name="text"/> cut to <paramref name="width"/> cells, ending in <c>…</c> when cut.</summary>
    private static string Fit(string text, int width) =>
        text.GetCellWidth() <= width ? text : text[..Math.Max(0, width - 1)] + "…";
}
