using System.Text;
using Microsoft.Playwright;
using Norma.E2ETests.Infrastructure;

namespace Norma.E2ETests;

/// <summary>
/// Journey (issue 6): the 质检员 (孙洁) imports a broken scheme file (its problem shown at line and column), then a small
/// staff scheme for 客户经理, activates it, records two sampled households for 郑伟, a manual score with its evidence and
/// an imported gross margin (a bad file first: nothing saved), computes the half-year and reads every point explained;
/// the 总经理 (周建国) publishes; 郑伟 reads his own result. Expected total, by hand:
///   standard (40): H1 陈列 1 × 1 + 库存 1 × 2 = 3 off → 37; H2 → 40; mean 38.5
///   margin (30): 9.5 % vs 10 %, 0.5 point short × 2 = 1 off → 29
///   conduct (30): manual 27
///   total 38.5 + 29 + 27 = 94.5 (100-point tree, no rescaling).
/// </summary>
public sealed class EvaluationJourneyTests(E2EFixture fixture) : BrowserTest(fixture)
{
    private const string Scheme = """
        {
          "format": "norma-evaluation-scheme/1",
          "code": "E2E-MKT",
          "name": "市场服务测评(演示)",
          "version": "1",
          "period": "halfYear",
          "passLine": { "score": 85 },
          "positions": [
            {
              "key": "manager",
              "name": "客户经理",
              "sections": [
                { "key": "standard", "name": "标准服务", "max": 40, "indicators": [
                  { "key": "standard", "name": "标准服务", "max": 40, "clause": "演示 第一条", "source": "field-check",
                    "rule": { "kind": "deduction", "points": 1, "perHousehold": true, "items": [
                      { "key": "display", "name": "卷烟陈列" },
                      { "key": "stock", "name": "库存记录", "points": 2 } ] } } ] },
                { "key": "improve", "name": "提升服务", "max": 30, "indicators": [
                  { "key": "margin", "name": "经营毛利率", "max": 30, "clause": "演示 第二条", "source": "import",
                    "rule": { "kind": "rate", "numerator": "grossMargin", "target": 10, "points": 2 } } ] },
                { "key": "conduct", "name": "服务规范", "max": 30, "indicators": [
                  { "key": "conduct", "name": "服务规范评议", "max": 30, "clause": "演示 第三条", "source": "manual",
                    "rule": { "kind": "manual" } } ] }
              ]
            }
          ]
        }
        """;

    [Fact]
    public Task Inspector_designs_enters_and_computes_the_executive_publishes_and_the_manager_reads_his_result() => JourneyAsync(async () =>
    {
        var folder = Directory.CreateTempSubdirectory("norma-eval-e2e-").FullName;
        try
        {
            await SignInAsync("zhijian", NormaAppFactory.DemoPassword, "您好,孙洁");

            // 1. 测评方案: the demo's three shipped schemes are in force; a broken file is located; the small scheme imports.
            await Page.Locator("#nav-eval-schemes").ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("测评方案");
            await WaitForInteractiveAsync();
            await Expect(Page.Locator("#eval-schemes")).ToContainTextAsync("YCYC-DC-04");
            await Page.Locator("#eval-scheme-file").SetInputFilesAsync(await WriteAsync(folder, "broken.json", "{\n  \"format\": \"norma-evaluation-scheme/1\",\n  \"code\": 5\n}\n"));
            await Expect(Page.Locator("#eval-scheme-file-problems")).ToContainTextAsync("第 3 行");
            await Page.Locator("#eval-scheme-file").SetInputFilesAsync(await WriteAsync(folder, "e2e-mkt.json", Scheme));
            var detail = Page.Locator("#eval-scheme-detail");
            await Expect(detail).ToContainTextAsync("市场服务测评(演示)");
            await Expect(Page.Locator("#eval-scheme-positions")).ToContainTextAsync("客户经理");
            await Page.Locator("#eval-scheme-activate").ClickAsync();
            await Expect(detail).ToContainTextAsync("启用中");
            await Expect(Page.Locator("#eval-tree-manager")).ToContainTextAsync("比率对照目标");
            await ShotAsync("scheme-active");

            // The next version written in place: checked without saving, a wrong maximum reported.
            await Page.Locator("#eval-scheme-edit").ClickAsync();
            var text = Page.Locator("#eval-scheme-text");
            await Expect(text).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("E2E-MKT"));
            await text.FillAsync(Scheme.Replace("\"服务规范评议\", \"max\": 30", "\"服务规范评议\", \"max\": 35", StringComparison.Ordinal));
            await text.BlurAsync();
            await Page.Locator("#eval-scheme-check").ClickAsync();
            await Expect(Page.Locator("#eval-editor-preview")).ToContainTextAsync("错误");
            await Expect(Page.Locator("#eval-editor-preview #eval-tree-manager")).ToContainTextAsync("35");
            await ShotAsync("scheme-editor");
            await Page.Locator("#eval-scheme-cancel").ClickAsync();
            await Expect(Page.Locator("#eval-scheme-editor")).ToHaveCountAsync(0);

            // 2. 数据录入: two households, a manual score, figures (a bad file first).
            await Page.Locator("#nav-eval-data").ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("测评数据录入");
            await WaitForInteractiveAsync();
            await ChooseAsync("测评方案", "市场服务测评(演示)");
            await ChooseAsync("被测评人", "郑伟");
            await ChooseAsync("测评指标", "标准服务");
            await FillFieldAsync(Page.Locator("#eval-check-household"), "H1 幸福路烟酒店");
            await Page.Locator("#eval-check-item-display").FillAsync("1");
            await Page.Locator("#eval-check-item-stock").FillAsync("1");
            await Page.Locator("#eval-check-item-stock").BlurAsync();
            await Page.Locator("#eval-check-save").ClickAsync();
            await Expect(Page.Locator("#eval-checks")).ToContainTextAsync("H1 幸福路烟酒店");
            await FillFieldAsync(Page.Locator("#eval-check-household"), "H2 光明便利店");
            await Page.Locator("#eval-check-save").ClickAsync();
            await Expect(Page.Locator("#eval-checks tbody tr")).ToHaveCountAsync(2);

            await Page.GetByRole(AriaRole.Tab, new() { Name = "人工评分" }).ClickAsync();
            var manualPanel = Page.Locator("body");
            await ChooseAsync("被测评人", "郑伟", manualPanel);
            await ChooseAsync("测评指标", "服务规范评议", manualPanel);
            await Page.Locator("#eval-manual-score").FillAsync("27");
            await Page.Locator("#eval-manual-score").BlurAsync();
            await Page.Locator("#eval-manual-save").ClickAsync();
            await Expect(Page.Locator("#eval-manual-note")).ToHaveAttributeAsync("aria-invalid", "true");
            await FillFieldAsync(Page.Locator("#eval-manual-note"), "两次暗访服务用语规范,一次未主动告知货源");
            await Page.Locator("#eval-manual-save").ClickAsync();
            await Expect(Page.Locator("#eval-manuals")).ToContainTextAsync("两次暗访");

            await Page.GetByRole(AriaRole.Tab, new() { Name = "导入指标数据" }).ClickAsync();
            await Page.Locator("#eval-figures-file").SetInputFilesAsync(await WriteAsync(folder, "bad.csv", "对象,指标,数值\nzhengwei,grossMargin,九点五\n"));
            await Expect(Page.Locator("#eval-figures-problems")).ToContainTextAsync("第 2 行");
            await Expect(Page.Locator("#eval-figures")).ToHaveCountAsync(0);
            await Page.Locator("#eval-figures-file").SetInputFilesAsync(await WriteAsync(folder, "good.csv", "对象,指标,数值\nzhengwei,grossMargin,9.5\n"));
            await Expect(Page.Locator("#eval-figures-done")).ToContainTextAsync("已导入 1 条");
            await ShotAsync("data-entered");

            // 3. 计算: the draft shows every point explained; it is confidential until published.
            await Page.Locator("#nav-eval-runs").ClickAsync();
            await WaitForInteractiveAsync();
            await ChooseAsync("测评方案", "市场服务测评(演示)");
            await Page.Locator("#eval-run-compute").ClickAsync();
            await Expect(Page.Locator("#eval-run-status")).ToHaveTextAsync("未通报");
            await Expect(Page.Locator("#eval-run-confidential")).ToBeVisibleAsync();
            await Expect(Page.Locator("#eval-position-manager")).ToContainTextAsync("94.5");
            var explained = Page.Locator("#eval-detail");
            await Expect(explained).ToContainTextAsync("经营毛利率 9.5 %,目标 10 %,差 0.5 个百分点 × 2 分 = 扣 1 分,得 29 分");
            await Expect(explained).ToContainTextAsync("平均得 38.5 分");
            var records = explained.GetByRole(AriaRole.Link, new() { Name = "实地检查 2 户" });
            await Expect(records).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/evaluation/data\\?scheme=.+&period=\\d{4}-H[12]$"));
            await Expect(Page.Locator("#eval-run-publish")).ToHaveCountAsync(0);
            await ShotAsync("run-draft");
            var runUrl = Page.Url;
            var excel = await Page.Context.APIRequest.GetAsync(Fixture.App.BaseUrl + await Page.Locator("#eval-run-excel").GetAttributeAsync("href"));
            Assert.Equal(200, excel.Status);
            Assert.StartsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Headers["content-type"], StringComparison.Ordinal);
            await SignOutAsync();

            // 4. 通报 by the 总经理.
            await SignInAsync("lingdao", NormaAppFactory.DemoPassword, "您好,周建国");
            await Page.GotoAsync(runUrl);
            await WaitForInteractiveAsync();
            await Page.Locator("#eval-run-publish").ClickAsync();
            await Expect(Page.Locator("#eval-run-status")).ToHaveTextAsync("已通报");
            await ShotAsync("run-published");
            await SignOutAsync();

            // 5. 郑伟 reads his own result, with the reason for every point; he cannot open the run itself.
            await SignInAsync("zhengwei", NormaAppFactory.DemoPassword, "您好,郑伟");
            await Page.Locator("#nav-eval-my").ClickAsync();
            await WaitForInteractiveAsync();
            // The demo's published YCYC half-year is there too; this journey's result is the E2E-MKT one.
            var mine = Page.Locator(".eval-my-result").Filter(new() { HasText = "市场服务测评(演示)" });
            await Expect(mine).ToHaveCountAsync(1);
            await Expect(mine).ToContainTextAsync("94.5");
            await Expect(mine).ToContainTextAsync("扣 1 分,得 29 分");
            await Expect(Page.Locator("#nav-eval-runs")).ToHaveCountAsync(0);
            await ShotAsync("my-result");
            await Page.GotoAsync(runUrl);
            await WaitForInteractiveAsync();
            await Expect(Page.Locator("#eval-run-missing")).ToBeVisibleAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    });

    private static async Task<string> WriteAsync(string folder, string name, string content)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(false));
        return path;
    }
}
