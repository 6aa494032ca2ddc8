using Spectre.Console;

namespace SfBulk.Cli.Output;

/// <summary>
/// A table of one row per job, however many jobs. Up to <see cref="SliceRows"/> rows it is one Spectre table; beyond,
/// it is written in slices of that many rows that share the same column widths (the widest cell of each column over
/// all rows), the header on the first only — so a sweep of 100,000 jobs is never held in memory as one table.
/// </summary>
internal sealed class LongTable
{
    /// <summary>The rows of one slice.</summary>
    internal const int SliceRows = 1000;

    private readonly List<(string Header, bool RightAligned)> _columns = [];

    /// <summary>Adds a column.</summary>
    /// <param name="header">The header.</param>
    /// <param name="rightAligned">True for numbers and ages.</param>
    /// <returns>This table.</returns>
    public LongTable Column(string header, bool rightAligned = false)
    {
        _columns.Add((header, rightAligned));
        return this;
    }

    /// <summary>Writes one row per item; <paramref name="cells"/> gives a row's cells, in column order.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="console">Where to write.</param>
    /// <param name="items">The items.</param>
    /// <param name="cells">A row's cells (called twice per item beyond one slice: once to measure, once to write).</param>
    public void Write<T>(IAnsiConsole console, IReadOnlyList<T> items, Func<T, string[]> cells)
    {
        if (items.Count <= SliceRows)
        {
            var table = NewTable(null, showHeaders: true);
            foreach (var item in items)
            {
                table.AddRow(Row(cells(item)));
            }

            console.Write(table);
            return;
        }

        var widths = _columns.Select(c => c.Header.GetCellWidth()).ToArray();
        foreach (var item in items)
        {
            var row = cells(item);
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].GetCellWidth());
            }
        }

        for (var start = 0; start < items.Count; start += SliceRows)
        {
            var slice = NewTable(widths, showHeaders: start == 0);
            for (var i = start; i < Math.Min(items.Count, start + SliceRows); i++)
            {
                slice.AddRow(Row(cells(items[i])));
            }

            WriteSlice(console, slice, first: start == 0, last: start + SliceRows >= items.Count);
        }
    }

    /// <summary>
    /// Writes a slice without the blank lines its border draws above and below, except above the first and below the
    /// last, so that the slices read as one table.
    /// </summary>
    private static void WriteSlice(IAnsiConsole console, Table slice, bool first, bool last)
    {
        using var text = new StringWriter();
        var buffer = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        buffer.Profile.Width = console.Profile.Width;
        buffer.Write(slice);
        var lines = text.ToString().Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1); // the newline that ends the last line
        }

        if (!first && lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0]))
        {
            lines.RemoveAt(0);
        }

        if (!last && lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var writer = console.Profile.Out.Writer;
        foreach (var line in lines)
        {
            writer.Write(line.TrimEnd('\r'));
            writer.Write('\n');
        }

        writer.Flush();
    }

    private static Text[] Row(string[] cells) => [.. cells.Select(c => new Text(c))];

    private Table NewTable(int[]? widths, bool showHeaders)
    {
        var table = new Table().Border(TableBorder.Simple);
        for (var c = 0; c < _columns.Count; c++)
        {
            var column = new TableColumn(_columns[c].Header);
            if (_columns[c].RightAligned)
            {
                column.RightAligned();
            }

            if (widths is not null)
            {
                column.Width = widths[c];
                column.NoWrap = true;
            }

            table.AddColumn(column);
        }

        if (!showHeaders)
        {
            table.HideHeaders();
        }

        return table;
    }
}
