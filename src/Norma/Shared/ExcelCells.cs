namespace Norma.Shared;

/// <summary>Cells of exported workbooks (SECURITY.md: CSV/Excel formula injection).</summary>
public static class ExcelCells
{
    /// <summary>A text cell starting with '=', '+', '-' or '@' is prefixed with an apostrophe so that no spreadsheet runs it as a formula.</summary>
    public static string Safe(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;

    /// <summary><see cref="Safe(string)"/> for optional text.</summary>
    public static string? SafeOrNull(string? value) => value is null ? null : Safe(value);
}
