using System.Globalization;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Norma.Modules.Cases.Domain;
using Norma.Shared;
using Norma.Shared.Access;

namespace Norma.Modules.Cases.Features.Reports;

/// <summary>
/// The three daily forms as .xlsx. Headers are Chinese in every UI language (they are the paper forms' columns, like the
/// 标准明细表); every text cell from a user goes through <see cref="ExcelCells.Safe"/>; fees are yuan with two decimals.
/// </summary>
public sealed class CaseReportExcel(CaseReportService reports, IStringLocalizer<SharedResource> text)
{
    private const string Fee = "费用(元)", Minutes = "工时(分钟)", Charge = "收费类别", No = "序号";

    public async Task<ExcelDownload> TechnicianDailyAsync(Actor actor, Guid? accountId, DateOnly? date, CancellationToken ct = default)
    {
        var r = await reports.TechnicianDailyAsync(actor, accountId, date, ct);
        var lines = r.Lines.Select((l, i) => new Dictionary<string, object?>
        {
            [No] = i + 1,
            ["日期"] = Day(r.Date),
            ["技术员"] = ExcelCells.Safe(r.AccountName),
            ["工单编号"] = ExcelCells.Safe(l.CaseNumber),
            ["客户"] = ExcelCells.Safe(l.Customer),
            ["服务事项"] = ExcelCells.Safe(l.ItemName),
            ["内容摘要"] = ExcelCells.Safe(l.Title),
            ["工作内容"] = ExcelCells.Safe(l.Description),
            [Minutes] = l.Minutes,
            [Charge] = ChargeLabel(l.Charge),
            ["配件"] = ExcelCells.Safe(l.Parts),
            [Fee] = Yuan(l.FeeFen),
        }).ToList();
        var sheets = new Dictionary<string, object>
        {
            ["技术员工作日报表"] = ExcelCells.RowsOrHeader(lines, No, "日期", "技术员", "工单编号", "客户", "服务事项", "内容摘要", "工作内容", Minutes, Charge, "配件", Fee),
            ["按收费类别合计"] = Totals(r.ByCharge, r.TotalMinutes, r.TotalFeeFen),
        };
        return new ExcelDownload(await SaveAsync(sheets, ct), $"技术员工作日报表-{r.AccountName}-{Day(r.Date)}.xlsx");
    }

    public async Task<ExcelDownload> SupervisorDailyAsync(Actor actor, Guid? unitId, DateOnly? date, CancellationToken ct = default)
    {
        var r = await reports.SupervisorDailyAsync(actor, unitId, date, ct);
        var c = r.Counts;
        var counts = new (string Name, int Value)[]
        {
            ("当日受理", c.Received), ("当日派工", c.Dispatched), ("当日完工", c.Completed), ("当日办结", c.Closed),
            ("日终未办结", c.OpenAtEndOfDay), ("当日超时", c.Breached), ("日终挂起", c.PausedAtEndOfDay),
        }.Select(x => new Dictionary<string, object?> { ["单位"] = ExcelCells.Safe(r.UnitName), ["日期"] = Day(r.Date), ["项目"] = x.Name, ["件数"] = x.Value }).ToList();
        var people = r.ByTechnician.Select(t => new Dictionary<string, object?>
        {
            ["技术员"] = ExcelCells.Safe(t.AccountName),
            ["工单数"] = t.Cases,
            [Minutes] = t.Minutes,
            ["A 有费(分钟)"] = t.PaidMinutes,
            ["B 合同(分钟)"] = t.ContractMinutes,
            ["C 免费(分钟)"] = t.FreeMinutes,
            ["D 行政(分钟)"] = t.InternalMinutes,
            [Fee] = Yuan(t.FeeFen),
        }).ToList();
        var sheets = new Dictionary<string, object>
        {
            ["服务主任日报表"] = counts,
            ["按技术员"] = ExcelCells.RowsOrHeader(people, "技术员", "工单数", Minutes, "A 有费(分钟)", "B 合同(分钟)", "C 免费(分钟)", "D 行政(分钟)", Fee),
            ["按收费类别合计"] = Totals(r.ByCharge, r.TotalMinutes, r.TotalFeeFen),
        };
        return new ExcelDownload(await SaveAsync(sheets, ct), $"服务主任日报表-{r.UnitName}-{Day(r.Date)}.xlsx");
    }

    public async Task<ExcelDownload> LedgerAsync(Actor actor, LedgerQuery q, CancellationToken ct = default)
    {
        var r = await reports.LedgerAsync(actor, q, CaseReportService.ExcelLimit, ct);
        var rows = r.Rows.Select((x, i) => new Dictionary<string, object?>
        {
            [No] = i + 1,
            ["受理时间"] = Local(x.ReceivedAt),
            ["工单编号"] = ExcelCells.Safe(x.Number),
            ["渠道"] = text[$"Channel.{x.Channel}"].Value,
            ["来电(访)人"] = ExcelCells.Safe(x.CallerName),
            ["联系电话"] = ExcelCells.Safe(x.Phone),
            ["地址"] = ExcelCells.Safe(x.Address),
            ["服务事项"] = ExcelCells.Safe(x.ItemName),
            ["内容摘要"] = ExcelCells.Safe(x.Title),
            ["受理人"] = ExcelCells.Safe(x.OwnerName),
            ["当前状态"] = text[$"CaseStatus.{x.Status}"].Value,
            ["办结时间"] = x.ClosedAt is { } closed ? Local(closed) : null,
        }).ToList();
        var sheet = ExcelCells.RowsOrHeader(rows, No, "受理时间", "工单编号", "渠道", "来电(访)人", "联系电话", "地址", "服务事项", "内容摘要", "受理人", "当前状态", "办结时间");
        var sheets = new Dictionary<string, object> { ["来电来访登记表"] = sheet };
        return new ExcelDownload(await SaveAsync(sheets, ct), $"来电来访登记表-{Day(r.From)}-{Day(r.To)}.xlsx");
    }

    private List<Dictionary<string, object?>> Totals(IReadOnlyList<ChargeTotal> byCharge, int minutes, long feeFen)
    {
        var rows = byCharge.Select(t => new Dictionary<string, object?>
        {
            [Charge] = ChargeLabel(t.Charge), ["条数"] = t.Lines, [Minutes] = t.Minutes, [Fee] = Yuan(t.FeeFen),
        }).ToList();
        rows.Add(new Dictionary<string, object?> { [Charge] = "合计", ["条数"] = byCharge.Sum(t => t.Lines), [Minutes] = minutes, [Fee] = Yuan(feeFen) });
        return rows;
    }

    /// <summary>A sheet with only its header row (MiniExcel writes no header for an empty list of rows).</summary>
    private static async Task<byte[]> SaveAsync(Dictionary<string, object> sheets, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        var config = new OpenXmlConfiguration { DynamicColumns = [new DynamicExcelColumn(Fee) { Format = "0.00" }] };
        await stream.SaveAsAsync(sheets, configuration: config, cancellationToken: ct);
        return stream.ToArray();
    }

    private string ChargeLabel(ChargeType c) => text[$"Charge.{c}"].Value;

    private static decimal Yuan(long fen) => fen / 100m;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), OrgTime.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
