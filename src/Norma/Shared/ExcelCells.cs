namespace Norma.Shared;

/// <summary>Cells of exported spreadsheets (SECURITY.md: exports neutralize formula injection).</summary>
public static class ExcelCells
{
    /// <summary>
    /// Text starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be read as a formula by
    /// spreadsheet programs: such text is prefixed with an apostrophe and stays plain text. Null stays null.
    /// </summary>
    public static string? Safe(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>A sheet's rows for MiniExcel, or when there are none its header row alone (an empty list would write a blank sheet).</summary>
    public static object RowsOrHeader(IReadOnlyList<Dictionary<string, object?>> rows, params string[] columns)
    {
        if (rows.Count > 0)
        {
            return rows;
        }

        var table = new System.Data.DataTable();
        foreach (var c in columns)
        {
            table.Columns.Add(c);
        }

        return table;
    }
}
