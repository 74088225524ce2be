using System.Text;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Evaluation.Features.Runs;
using Norma.Modules.Evaluation.Features.Schemes;
using Norma.Rules.Evaluation;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Evaluation.Features.Exports;

/// <summary>Downloads for the web pages (signed-in cookie): a scheme's file and a run's three tables as Excel. Same checks as the API.</summary>
public static class EvaluationPages
{
    public static void MapEvaluationPages(this WebApplication app)
    {
        app.MapGet("/evaluation/schemes/{id:guid}/file", async (Guid id, Actor actor, SchemeService s, CancellationToken ct) =>
        {
            var (name, content) = await s.ExportAsync(actor, id, ct);
            return TypedResults.File(Encoding.UTF8.GetBytes(content), "application/json", name);
        }).RequireAuthorization().ExcludeFromDescription();

        app.MapGet("/evaluation/runs/{id:guid}/tables.xlsx", async (Guid id, Actor actor, RunService runs, SchemeService schemes, CancellationToken ct) =>
        {
            var file = await TablesAsync(actor, id, runs, schemes, ct);
            return TypedResults.File(file.Content, ExcelDownload.ContentType, file.FileName);
        }).RequireAuthorization().ExcludeFromDescription();
    }

    /// <summary>The run's 明细测评表 / 测评汇总表 / 客户投诉测评表 workbook (confidential drafts only for those who may read them).</summary>
    internal static async Task<ExcelDownload> TablesAsync(Actor actor, Guid runId, RunService runs, SchemeService schemes, CancellationToken ct)
    {
        var run = await runs.GetAsync(actor, runId, ct);
        var (_, content) = await schemes.ExportAsync(actor, run.Run.SchemeId, ct);
        var scheme = SchemeJson.Parse(content).Scheme ?? throw new BusinessRuleException("scheme file unreadable");
        if (!EvaluationPeriod.TryParse(run.Run.PeriodCode, out var period))
        {
            throw new BusinessRuleException("period unreadable");
        }

        return await EvaluationWorkbook.BuildAsync(scheme, period, run.Result, run.Run.Status == RunStatus.Published, ct);
    }
}
