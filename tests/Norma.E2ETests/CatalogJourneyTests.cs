using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Norma.E2ETests.Infrastructure;

namespace Norma.E2ETests;

/// <summary>
/// Journey 5: the standardization officer (李静) records a service item with two materials and a commitment, prints
/// its 一次性告知单, then designs a template whose approvals run in parallel (并联办理) and publishes it.
/// </summary>
public sealed partial class CatalogJourneyTests(E2EFixture fixture) : BrowserTest(fixture)
{
    private const string Code = "LIC-CY";
    private const string Name = "餐饮服务许可";

    [Fact]
    public Task Officer_records_an_item_prints_its_notice_and_publishes_a_parallel_process() => JourneyAsync(async () =>
    {
        await SignInAsync("biaozhun", NormaAppFactory.DemoPassword, "您好,李静");

        // 1. The catalog lists the demo items; 新建服务事项 opens the editor.
        await Page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "服务事项目录", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("服务事项目录");
        await Expect(Page.Locator("#cat-items")).ToContainTextAsync("户内燃气设施报修");
        await ShotAsync("catalog");
        await Page.Locator("#cat-new").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("新建服务事项");
        await WaitForInteractiveAsync();

        // 2. Basics, time limits and the 材料清单.
        await FillFieldAsync(Page.Locator("#item-code"), Code);
        await FillFieldAsync(Page.Locator("#item-name"), Name);
        await ChooseAsync("类别", "行政审批办件");
        await ChooseAsync("办理单位", "服务窗口");
        await FillFieldAsync(Page.Locator("#item-legal-amount"), "20");
        await ChooseAsync("单位", "天", Page.Locator("#item-legal"));
        await ChooseAsync("计时方式", "工作时间", Page.Locator("#item-legal"));
        await FillFieldAsync(Page.Locator("#item-committed-amount"), "5");
        await ChooseAsync("单位", "天", Page.Locator("#item-committed"));
        await ChooseAsync("计时方式", "工作时间", Page.Locator("#item-committed"));
        await Page.Locator("#mat-add").ClickAsync();
        await FillFieldAsync(Page.Locator("#mat-name-0"), "食品经营许可申请书");
        await Page.Locator("#mat-add").ClickAsync();
        await FillFieldAsync(Page.Locator("#mat-name-1"), "营业执照");
        await ChooseAsync(null, "复印件", Page.Locator("#mat-form-1"));
        await FillFieldAsync(Page.Locator("#mat-notes-1"), "加盖公章");
        await ShotAsync("item-filled");
        await Page.Locator("#item-save").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/catalog/items/[0-9a-f-]{36}$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{Code} {Name}");
        await Expect(Page.GetByText($"服务事项 {Code} 已保存。")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();

        // 3. A commitment: 承诺 5 个工作日办结, warned at 80 %.
        await Expect(Page.Locator("#com-empty")).ToBeVisibleAsync();
        await Page.Locator("#com-add").ClickAsync();
        await FillFieldAsync(Page.Locator("#com-name"), "承诺 5 个工作日办结");
        await FillFieldAsync(Page.Locator("#com-limit-amount"), "5");
        await ChooseAsync("单位", "天", Page.Locator("#com-limit"));
        await ChooseAsync("计时方式", "工作时间", Page.Locator("#com-limit"));
        await Page.Locator("#com-save").ClickAsync();
        var row = Page.Locator("#com-table tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("5 个工作日");
        await Expect(row).ToContainTextAsync("办结/修复");
        await ShotAsync("item-with-commitment");

        // 4. The 一次性告知单 holds the materials and the limits, in the document's Chinese headings.
        await Page.Locator("#cat-print-notice").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/notice$"));
        var sheet = Page.Locator("#notice-sheet");
        await Expect(sheet).ToContainTextAsync("一次性告知单");
        await Expect(sheet).ToContainTextAsync(Name);
        await Expect(sheet).ToContainTextAsync("20 个工作日");
        await Expect(sheet).ToContainTextAsync("5 个工作日");
        var materials = Page.Locator("#notice-materials tbody tr");
        await Expect(materials).ToHaveCountAsync(2);
        await Expect(materials.Nth(1)).ToContainTextAsync("营业执照");
        await Expect(materials.Nth(1)).ToContainTextAsync("复印件");
        await Expect(materials.Nth(1)).ToContainTextAsync("加盖公章");
        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await ShotAsync("notice-print");
        await Page.EmulateMediaAsync(new() { Media = Media.Screen });

        // 5. A template: 受理 → (工程部审批 ∥ 质检审批) → 办结 (汇合).
        await Page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "流程模板", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#proc-list")).ToContainTextAsync("HOME-DECORATION");
        await WaitForInteractiveAsync();
        await FillFieldAsync(Page.Locator("#proc-new-code"), "CY-PAR");
        await FillFieldAsync(Page.Locator("#proc-new-name"), "餐饮许可并联审批");
        await Page.Locator("#proc-create").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/processes/[0-9a-f-]{36}$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("CY-PAR 餐饮许可并联审批");
        await WaitForInteractiveAsync();

        await AddStepAsync("工程部审批", "ENG");
        await AddStepAsync("质检审批", "QIC");
        await AddStepAsync("办结", null);
        // Added steps chain one after another; make the approvals parallel and join them at 办结.
        await EditStepAsync("accept");
        await ToggleNextAsync("step-3");
        await EditStepAsync("step-2");
        await ToggleNextAsync("step-3", "step-4");
        await EditStepAsync("step-4");
        await Page.Locator("#step-join").ClickAsync();
        await Page.Locator("#proc-save").ClickAsync();
        await Expect(Page.GetByText("草稿已保存。")).ToBeVisibleAsync();
        await Expect(Page.Locator("#proc-problems")).ToContainTextAsync("未发现问题");
        await Expect(Page.Locator("tr[data-step='accept']")).ToContainTextAsync("step-2, step-3");
        await ShotAsync("process-draft");

        await Page.Locator("#proc-publish").ClickAsync();
        await Expect(Page.GetByText("v1 已发布,新办件将使用此版本。")).ToBeVisibleAsync();
        await Expect(Page.Locator("#proc-versions")).ToContainTextAsync("v1 · 已发布");
        await Expect(Page.Locator("#proc-publish")).ToHaveCountAsync(0);
        var diagram = await Page.Locator("#proc-diagram").EvaluateAsync<int>("img => img.naturalWidth");
        Assert.True(diagram > 0, "the diagram image should load");
        await ShotAsync("process-published");
    });

    private async Task AddStepAsync(string name, string? unit)
    {
        var rows = await Page.Locator("#step-table tbody tr").CountAsync();
        await Page.Locator("#step-add").ClickAsync();
        await Expect(Page.Locator("#step-table tbody tr")).ToHaveCountAsync(rows + 1);
        // The editor shows the new step (its default name) before anything is typed into it.
        await Expect(Page.Locator("#step-name")).ToHaveValueAsync(new Regex(@"^步骤 \d+$"));
        await FillFieldAsync(Page.Locator("#step-name"), name);
        if (unit is not null)
        {
            await ChooseAsync("办理人类型", "单位", Page.Locator("#step-editor"));
            await ChooseAsync("办理人", UnitName(unit), Page.Locator("#step-editor"));
        }
    }

    private static string UnitName(string code) => code switch { "ENG" => "工程部", "QIC" => "督察考评中心", _ => code };

    private async Task EditStepAsync(string key)
    {
        await Page.Locator($"[data-edit='{key}']").ClickAsync();
        await Expect(Page.Locator("#step-key")).ToHaveValueAsync(key);
    }

    /// <summary>Toggles options of the 下一步 multi-select, then closes it.</summary>
    private async Task ToggleNextAsync(params string[] keys)
    {
        await Page.Locator("#step-editor").GetByRole(AriaRole.Combobox, new() { Name = "下一步", Exact = true }).ClickAsync();
        foreach (var key in keys)
        {
            await Page.GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = new Regex($"^{key}$") }).ClickAsync();
        }

        await Page.Keyboard.PressAsync("Escape");
    }
}
