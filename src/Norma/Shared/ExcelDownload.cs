namespace Norma.Shared;

/// <summary>An exported workbook and the name the browser saves it under.</summary>
public sealed record ExcelDownload(byte[] Content, string FileName)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
