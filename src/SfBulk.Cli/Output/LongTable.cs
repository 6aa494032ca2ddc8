using System.Text;
using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>How a column gives way when a table is wider than the terminal.</summary>
internal enum ColumnFit
{
    /// <summary>Keeps its width and never wraps (ids, user ids, dates, numbers).</summary>
    Keep,

    /// <summary>Narrows and wraps its text over several lines (words, reasons, details).</summary>
    Wrap,

    /// <summary>Left out when the table would not fit otherwise (a detail another column already implies).</summary>
    Drop,
}

/// <summary>
/// A plain table of one row per job, however many jobs: a header, a rule, then the rows, two spaces between columns
/// and no space at the end of a line. Ids never wrap: when the table is wider than the terminal, the
/// <see cref="ColumnFit.Wrap"/> columns narrow and wrap, then the <see cref="ColumnFit.Drop"/> columns are left out
/// (last first). Rows are written as they come (the widths are measured over every row first), so a sweep of
/// 100,000 jobs is never held in memory as one table.
/// </summary>
internal sealed class LongTable
{
    /// <summary>The narrowest a wrapping column becomes (narrower when its longest word is shorter).</summary>
    private const int MinWrapWidth = 10;

    /// <summary>The narrowest a wrapping column of short words becomes.</summary>
    private const int MinWordWidth = 4;

    private const string Gap = "  ";

    private readonly List<(string Header, bool RightAligned, ColumnFit Fit, int DropRank)> _columns = [];
    private bool _headers = true;

    /// <summary>Adds a column.</summary>
    /// <param name="header">The header.</param>
    /// <param name="rightAligned">True for numbers and ages.</param>
    /// <param name="fit">How the column gives way when the table is too wide.</param>
    /// <param name="dropRank">For <see cref="ColumnFit.Drop"/>: columns of a lower rank are left out first (then the last first).</param>
    /// <returns>This table.</returns>
    public LongTable Column(string header, bool rightAligned = false, ColumnFit fit = ColumnFit.Keep, int dropRank = 0)
    {
        _columns.Add((header, rightAligned, fit, dropRank));
        return this;
    }

    /// <summary>Leaves the header and its rule out.</summary>
    /// <returns>This table.</returns>
    public LongTable NoHeaders()
    {
        _headers = false;
        return this;
    }

    /// <summary>Writes one row per item; <paramref name="cells"/> gives a row's cells, in column order.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="console">Where to write (its width is the terminal's).</param>
    /// <param name="items">The items.</param>
    /// <param name="cells">A row's cells (called twice per item: once to measure, once to write).</param>
    public void Write<T>(IAnsiConsole console, IReadOnlyList<T> items, Func<T, string[]> cells)
    {
        var writer = console.Profile.Out.Writer;
        foreach (var line in Lines(items, cells, console.Profile.Width))
        {
            writer.Write(line);
            writer.Write('\n');
        }

        writer.Flush();
    }

    /// <summary>The lines of the table laid out for <paramref name="width"/> columns.</summary>
    public IEnumerable<string> Lines<T>(IReadOnlyList<T> items, Func<T, string[]> cells, int width)
    {
        var widths = _columns.Select(c => _headers ? c.Header.GetCellWidth() : 0).ToArray();
        var words = _columns.Select(c => _headers ? c.Header.Split(' ').Max(w => w.Length) : 0).ToArray();
        foreach (var item in items)
        {
            var row = cells(item);
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].GetCellWidth());
                if (_columns[c].Fit == ColumnFit.Wrap)
                {
                    words[c] = Math.Max(words[c], row[c].Split(' ').Max(w => w.Length));
                }
            }
        }

        var shown = Layout(widths, [.. words.Select(w => Math.Clamp(w, MinWordWidth, MinWrapWidth))], width);
        if (_headers)
        {
            yield return Join(shown, c => [_columns[c].Header], widths).Single();
            yield return string.Join(Gap, shown.Select(c => new string('─', widths[c]))).TrimEnd();
        }

        foreach (var item in items)
        {
            var row = cells(item);
            foreach (var line in Join(shown, c => _columns[c].Fit == ColumnFit.Wrap ? Wrap(row[c], widths[c]) : [row[c]], widths))
            {
                yield return line;
            }
        }
    }

    /// <summary>Narrows the wrapping columns, then drops droppable ones, until the table fits; returns the columns shown.</summary>
    private List<int> Layout(int[] widths, int[] minimums, int width)
    {
        var shown = Enumerable.Range(0, _columns.Count).ToList();
        int Total() => shown.Sum(c => widths[c]) + (Gap.Length * (shown.Count - 1));
        while (Total() > width)
        {
            var widest = shown.Where(c => _columns[c].Fit == ColumnFit.Wrap && widths[c] > minimums[c]).OrderByDescending(c => widths[c] - minimums[c]).FirstOrDefault(-1);
            if (widest >= 0)
            {
                widths[widest] = Math.Max(minimums[widest], widths[widest] - Math.Max(1, Math.Min(Total() - width, widths[widest] - minimums[widest])));
                continue;
            }

            var drop = shown.Where(c => _columns[c].Fit == ColumnFit.Drop).OrderBy(c => _columns[c].DropRank).ThenByDescending(c => c).FirstOrDefault(-1);
            if (drop < 0)
            {
                break; // as narrow as it gets: the terminal wraps the line, the ids stay whole
            }

            shown.Remove(drop);
        }

        return shown;
    }

    private IEnumerable<string> Join(List<int> shown, Func<int, IReadOnlyList<string>> cell, int[] widths)
    {
        var parts = shown.Select(cell).ToArray();
        var height = parts.Max(p => p.Count);
        for (var line = 0; line < height; line++)
        {
            var text = new StringBuilder();
            for (var i = 0; i < shown.Count; i++)
            {
                var value = line < parts[i].Count ? parts[i][line] : string.Empty;
                var pad = Math.Max(0, widths[shown[i]] - value.GetCellWidth());
                if (i > 0)
                {
                    text.Append(Gap);
                }

                if (_columns[shown[i]].RightAligned)
                {
                    text.Append(' ', pad).Append(value);
                }
                else
                {
                    text.Append(value).Append(' ', pad);
                }
            }

            yield return text.ToString().TrimEnd();
        }
    }

    /// <summary>Word-wraps <paramref name="text"/> to <paramref name="width"/> cells; a word longer than that is cut.</summary>
    internal static IReadOnlyList<string> Wrap(string text, int width)
    {
        if (text.GetCellWidth() <= width)
        {
            return [text];
        }

        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var room = line.Length == 0 ? width : width - line.Length - 1;
                if (rest.Length <= room)
                {
                    line.Append(line.Length == 0 ? string.Empty : " ").Append(rest);
                    rest = string.Empty;
                }
                else if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                else
                {
                    lines.Add(rest[..width]);
                    rest = rest[width..];
                }
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}
