using Norma.Modules.Cases.Domain;
using Norma.Shared;
using Norma.Shared.Access;

namespace Norma.Modules.Cases.Features.Reports;

/// <summary>
/// The daily reports over HTTP: JSON by default, the workbook with <c>format=xlsx</c> or the <c>.xlsx</c> route. The API
/// takes bearer tokens; the browser downloads the same workbooks under /cases/reports/*.xlsx with its cookie.
/// </summary>
public static class CaseReportEndpoints
{
    public static IServiceCollection AddCaseReports(this IServiceCollection s) => s
        .AddScoped<CaseReportService>()
        .AddScoped<CaseReportExcel>();

    public static void MapCaseReports(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/cases/reports").WithTags("Cases: daily reports");
        g.MapGet("/options", async (Actor actor, CaseReportService s, CancellationToken ct) => TypedResults.Ok(await s.OptionsAsync(actor, ct)))
            .WithSummary("The people and units this caller may pick for the reports");

        g.MapGet("/technician-daily", async (Guid? accountId, DateOnly? date, string? format, Actor actor, CaseReportService s, CaseReportExcel x, CancellationToken ct) =>
            IsXlsx(format) ? Excel(await x.TechnicianDailyAsync(actor, accountId, date, ct)) : TypedResults.Ok(await s.TechnicianDailyAsync(actor, accountId, date, ct)))
            .WithSummary("技术员工作日报表: one technician's work lines of a local day (default: oneself, today) with totals by charge type (fees in fen)");
        g.MapGet("/technician-daily.xlsx", async (Guid? accountId, DateOnly? date, Actor actor, CaseReportExcel x, CancellationToken ct) =>
            Excel(await x.TechnicianDailyAsync(actor, accountId, date, ct)));

        g.MapGet("/supervisor-daily", async (Guid? unitId, DateOnly? date, string? format, Actor actor, CaseReportService s, CaseReportExcel x, CancellationToken ct) =>
            IsXlsx(format) ? Excel(await x.SupervisorDailyAsync(actor, unitId, date, ct)) : TypedResults.Ok(await s.SupervisorDailyAsync(actor, unitId, date, ct)))
            .WithSummary("服务主任日报表: a unit subtree's day (default: one's own unit, today); needs cases.dispatch reaching the unit");
        g.MapGet("/supervisor-daily.xlsx", async (Guid? unitId, DateOnly? date, Actor actor, CaseReportExcel x, CancellationToken ct) =>
            Excel(await x.SupervisorDailyAsync(actor, unitId, date, ct)));

        g.MapGet("/ledger", async (DateOnly? from, DateOnly? to, Guid? unitId, CaseChannel? channel, string? format, Actor actor, CaseReportService s, CaseReportExcel x, CancellationToken ct) =>
            IsXlsx(format) ? Excel(await x.LedgerAsync(actor, new LedgerQuery(from, to, unitId, channel), ct)) : TypedResults.Ok(await s.LedgerAsync(actor, new LedgerQuery(from, to, unitId, channel), ct)))
            .WithSummary("来电来访登记表 for local days from..to (at most 92): 5 000 rows here, 50 000 in the workbook; phones masked");
        g.MapGet("/ledger.xlsx", async (DateOnly? from, DateOnly? to, Guid? unitId, CaseChannel? channel, Actor actor, CaseReportExcel x, CancellationToken ct) =>
            Excel(await x.LedgerAsync(actor, new LedgerQuery(from, to, unitId, channel), ct)));
    }

    /// <summary>Browser downloads (cookie sign-in) of the workbooks the report page links to.</summary>
    public static void MapCaseReportPages(this WebApplication app)
    {
        var g = app.MapGroup("/cases/reports").RequireAuthorization().ExcludeFromDescription();
        g.MapGet("/technician-daily.xlsx", async (Guid? accountId, DateOnly? date, Actor actor, CaseReportExcel x, CancellationToken ct) =>
            Excel(await x.TechnicianDailyAsync(actor, accountId, date, ct)));
        g.MapGet("/supervisor-daily.xlsx", async (Guid? unitId, DateOnly? date, Actor actor, CaseReportExcel x, CancellationToken ct) =>
            Excel(await x.SupervisorDailyAsync(actor, unitId, date, ct)));
        g.MapGet("/ledger.xlsx", async (DateOnly? from, DateOnly? to, Guid? unitId, CaseChannel? channel, Actor actor, CaseReportExcel x, CancellationToken ct) =>
            Excel(await x.LedgerAsync(actor, new LedgerQuery(from, to, unitId, channel), ct)));
    }

    private static bool IsXlsx(string? format) => string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);

    private static IResult Excel(ExcelDownload file) => TypedResults.File(file.Content, ExcelDownload.ContentType, file.FileName);
}
