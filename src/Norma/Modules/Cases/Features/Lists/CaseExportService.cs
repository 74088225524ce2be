using System.Globalization;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Norma.Shared;
using Norma.Shared.Access;

namespace Norma.Modules.Cases.Features.Lists;

/// <summary>The filtered case list as an Excel workbook: the same filters and data scope as the list, at most <see cref="MaxRows"/> rows.</summary>
public sealed class CaseExportService(CaseListService lists, IStringLocalizer<SharedResource> text)
{
    public const int MaxRows = 50_000;

    // Column headers are Chinese in every UI language: the sheet is a document of the organization (like the 标准明细表).
    public const string ColNumber = "工单编号", ColTitle = "标题", ColItem = "服务事项", ColChannel = "受理渠道", ColPriority = "优先级",
        ColStatus = "状态", ColUnit = "承办单位", ColOwner = "首问负责人", ColAssignee = "处理人", ColCaller = "联系人", ColPhone = "联系电话",
        ColCreated = "受理时间", ColDue = "最近到期", ColClock = "时限状态";

    public async Task<byte[]> ExportAsync(Actor actor, CaseQuery q, CancellationToken ct = default)
    {
        var rows = await lists.AllAsync(actor, q, MaxRows, ct);
        string Local(DateTime? utc) => utc is { } t
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), OrgTime.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "";
        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            [ColNumber] = ExcelCells.Safe(r.Number),
            [ColTitle] = ExcelCells.Safe(r.Title),
            [ColItem] = ExcelCells.Safe($"{r.ItemCode} {r.ItemName}"),
            [ColChannel] = text[$"CaseLists.Channel.{r.Channel}"].Value,
            [ColPriority] = text[$"CaseLists.Priority.{r.Priority}"].Value,
            [ColStatus] = text[$"CaseLists.Status.{r.Status}"].Value,
            [ColUnit] = ExcelCells.Safe(r.UnitName),
            [ColOwner] = ExcelCells.Safe(r.OwnerName),
            [ColAssignee] = ExcelCells.Safe(r.AssigneeName),
            [ColCaller] = ExcelCells.Safe(r.CallerName),
            [ColPhone] = r.CallerPhone,
            [ColCreated] = Local(r.CreatedAt),
            [ColDue] = Local(r.NextDueAt),
            [ColClock] = r.ClockFlag switch { 2 => text["CaseLists.Clock.Warning"].Value, 3 => text["CaseLists.Clock.Breached"].Value, _ => "" },
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(new Dictionary<string, object> { ["工单列表"] = sheet }, cancellationToken: ct);
        return stream.ToArray();
    }
}
