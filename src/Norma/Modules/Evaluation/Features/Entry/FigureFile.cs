using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Norma.Modules.Evaluation.Features.Entry;

/// <summary>One row of a figures file as text cells, with its 1-based row number in the file (the header is row 1).</summary>
internal sealed record FigureFileRow(int Number, IReadOnlyList<string> Cells);

/// <summary>
/// Reads a figures file into rows of text: an Excel workbook (.xlsx, first sheet) or UTF-8 CSV (comma separated,
/// RFC 4180 quoting, an optional BOM). Blank rows are dropped; numbers in Excel cells are written invariantly.
/// </summary>
internal static class FigureFile
{
    public static bool IsExcel(byte[] content) => content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    /// <summary>The header (row 1) and the non-blank rows after it; throws <see cref="FormatException"/> when the file cannot be read.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<FigureFileRow> Rows) Read(byte[] content)
    {
        var rows = IsExcel(content) ? ReadExcel(content) : ReadCsv(content);
        if (rows.Count == 0)
        {
            return ([], []);
        }

        return (rows[0].Cells, rows.Skip(1).Where(r => r.Cells.Any(c => c.Length > 0)).ToList());
    }

    private static List<FigureFileRow> ReadExcel(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content);
            var result = new List<FigureFileRow>();
            var number = 0;
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
            {
                number++;
                result.Add(new(number, row.Values.Select(Cell).ToList()));
            }

            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FormatException("Not a readable workbook.", e);
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };

    private static List<FigureFileRow> ReadCsv(byte[] content)
    {
        string textContent;
        try
        {
            textContent = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException("Not UTF-8.", e);
        }

        if (textContent.Length > 0 && textContent[0] == '\uFEFF')
        {
            textContent = textContent[1..];
        }

        var rows = new List<FigureFileRow>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var number = 1;
        for (var i = 0; i < textContent.Length; i++)
        {
            var c = textContent[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < textContent.Length && textContent[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < textContent.Length && textContent[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString().Trim());
                cell.Clear();
                rows.Add(new(number++, cells));
                cells = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException("Unterminated quote.");
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString().Trim());
            rows.Add(new(number, cells));
        }

        return rows;
    }
}
