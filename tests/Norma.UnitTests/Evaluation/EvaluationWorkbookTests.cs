using MiniExcelLibs;
using Norma.Modules.Evaluation.Features.Exports;
using Norma.Rules.Evaluation;

namespace Norma.UnitTests.Evaluation;

/// <summary>The three tables of YCYC-DC-04 附件 from the hand-checked dataset of <see cref="YcycDc04Tests"/>.</summary>
public class EvaluationWorkbookTests
{
    private static readonly EvaluationScheme Scheme = ShippedSchemes.Load("ycyc-dc-04");
    private static readonly EvaluationResult Result = SchemeEngine.Compute(Scheme, YcycDc04Tests.Dataset());
    private static readonly EvaluationPeriod Period = EvaluationPeriod.TryParse("2026-H1", out var p) ? p : throw new InvalidOperationException();

    private static async Task<Dictionary<string, List<IDictionary<string, object?>>>> ReadAsync(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        var sheets = new Dictionary<string, List<IDictionary<string, object?>>>();
        foreach (var name in stream.GetSheetNames())
        {
            sheets[name] = (await stream.QueryAsync(useHeaderRow: true, sheetName: name)).Cast<IDictionary<string, object?>>().ToList();
        }

        return sheets;
    }

    [Fact]
    public async Task The_workbook_holds_the_detail_the_summaries_and_the_complaints_with_the_hand_checked_figures()
    {
        var file = await EvaluationWorkbook.BuildAsync(Scheme, Period, Result, published: false);
        file.FileName.ShouldBe("服务质量测评-YCYC-DC-04-2026-H1-未通报.xlsx");
        var book = await ReadAsync(file.Content);
        book.Keys.ShouldBe(["明细测评表", "汇总-客户经理", "汇总-专管员", "汇总-送货员", "汇总-单位", "客户投诉测评表", "说明"]);

        // One detail row per staff member and indicator of their position.
        var indicators = Result.Subjects.Sum(s => s.Sections.Sum(x => x.Indicators.Count));
        book["明细测评表"].Count.ShouldBe(indicators);
        var m1Complaints = book["明细测评表"].Single(r => (string?)r["姓名"] == "马一" && (string?)r["测评指标"] == "有理投诉");
        (Convert.ToDecimal(m1Complaints["满分"]), Convert.ToDecimal(m1Complaints["得分"]), Convert.ToDecimal(m1Complaints["扣分"])).ShouldBe((20m, 18m, 2m));
        var d2Breakage = book["明细测评表"].Single(r => (string?)r["姓名"] == "邓二" && ((string?)r["测评指标"])!.Contains("破损率"));
        d2Breakage["计分"].ShouldBe("不适用");

        // 客户经理: M2 first (97.5), then M1 81.94 with its 3.06 below the line (第十九条).
        var managers = book["汇总-客户经理"];
        managers.Select(r => (string?)r["姓名"]).ShouldBe(["马二", "马一"]);
        Convert.ToDecimal(managers[1]["总分"]).ShouldBe(81.94m);
        Convert.ToDecimal(managers[1]["考核扣分"]).ShouldBe(3.06m);
        Convert.ToDecimal(managers[1]["标准服务(20)"]).ShouldBe(18.33m);
        Convert.ToDecimal(managers[1]["合计"]).ShouldBe(98.33m);

        // Units: 金凤所 averages 84.5, 0.5 below 85: its 部(所)长 loses 0.5.
        var units = book["汇总-单位"];
        var b = units.Single(r => (string?)r["单位"] == "金凤所");
        (Convert.ToDecimal(b["平均分"]), Convert.ToDecimal(b["部(所)长扣分"])).ShouldBe((84.5m, 0.5m));
        units.Single(r => (string?)r["单位"] == "兴庆所")["部(所)长扣分"].ShouldBeNull();

        // Complaints: one row per staff member; 邓二 had 6 justified complaints × 2 = 12 off → 8.
        var complaints = book["客户投诉测评表"];
        complaints.Count.ShouldBe(6);
        var d2 = complaints.Single(r => (string?)r["姓名"] == "邓二");
        (Convert.ToDecimal(d2["有理投诉(起)"]), Convert.ToDecimal(d2["扣分"]), Convert.ToDecimal(d2["得分"])).ShouldBe((6m, 12m, 8m));
        ((string?)d2["计分说明"]).ShouldBe("有理投诉 发生 6 起 × 2 分 = 扣 12 分,得 8 分");
        book["说明"].ShouldContain(r => (string?)r["内容"] == "未通报(内部资料,不得外传)");
    }

    [Fact]
    public async Task Names_that_look_like_formulas_are_neutralized_and_empty_tables_keep_their_headers()
    {
        var hostile = new EvaluationResult(Result.SchemeCode, Result.SchemeVersion,
            Result.Subjects.Select(s => s with { Name = "=HYPERLINK(\"http://x\")" }).ToList(), [], [], [], []);
        var book = await ReadAsync((await EvaluationWorkbook.BuildAsync(Scheme, Period, hostile, published: true)).Content);
        book["明细测评表"].ShouldAllBe(r => !((string?)r["姓名"])!.StartsWith('='));
        book["汇总-单位"].ShouldBeEmpty();
        book["说明"].ShouldContain(r => (string?)r["内容"] == "已通报");
    }
}
