using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using Norma.E2ETests.Infrastructure;

namespace Norma.E2ETests;

/// <summary>
/// Journey 4: the standardization officer (李静) adds a node under 服务规范 and drafts a standard in it, passes review;
/// the executive (周建国) approves and publishes it with an effective date in the past, so it is 现行有效; the officer
/// finds it by a clause's words and by the 现行有效 filter, and exports the 标准明细表 as Excel.
/// </summary>
public sealed partial class StandardsJourneyTests(E2EFixture fixture) : BrowserTest(fixture)
{
    private const string NodeCode = "TG-FW-CK";
    private const string NodeName = "窗口服务细则";
    private const string Number = "Q/NM-TG-99-2026";
    private const string Title = "窗口服务细则";
    private const string ClauseWords = "48 小时内答复";
    private const string Body = "## 1 范围\n本标准规定窗口服务。\n\n## 4 服务时限\n办件应在承诺时限内办结,投诉应在 48 小时内答复。";

    [Fact]
    public Task Officer_builds_a_node_records_a_standard_it_is_published_and_exported() => JourneyAsync(async () =>
    {
        // Published in the past (relative to the server's today), so the version is in force right away.
        var today = DateOnly.FromDateTime(DateTime.Today);
        var issued = today.AddDays(-45);
        var effective = today.AddDays(-30);

        // 1. The officer opens 标准体系: the GB/T 24421 tree and the seeded demo standards.
        await SignInAsync("biaozhun", NormaAppFactory.DemoPassword, "您好,李静");
        await OpenLibraryAsync();
        await Expect(Page.Locator("[data-node='TG']")).ToContainTextAsync("服务提供标准体系");
        await Expect(Page.Locator("#std-table tr[data-number='YCYC-DC-04']")).ToBeVisibleAsync();
        await Expect(Page.Locator("#std-new")).ToBeVisibleAsync();
        await ShotAsync("library");

        // 2. Select 服务规范 and add a child node under it.
        var parent = Page.Locator("[data-node='TG-FW']");
        await parent.ClickAsync();
        await Expect(parent).ToHaveClassAsync(new Regex(@"\bselected\b"));
        await Expect(Page.GetByText("在“服务规范”下新建节点")).ToBeVisibleAsync();
        await FillFieldAsync(Page.Locator("#node-code"), NodeCode);
        await FillFieldAsync(Page.Locator("#node-name"), NodeName);
        await Page.Locator("#node-add").ClickAsync();
        var node = Page.Locator($"[data-node='{NodeCode}']");
        await Expect(node).ToContainTextAsync(NodeName);
        var created = Page.Locator(".mud-snackbar").Filter(new() { HasText = $"已创建节点“{NodeName}”。" });
        await Expect(created).ToBeVisibleAsync();
        // Inside 服务规范's subtree: right below it, indented deeper.
        var codes = await Page.Locator("[data-node]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.node)");
        Assert.Equal(Array.IndexOf(codes, "TG-FW") + 1, Array.IndexOf(codes, NodeCode));
        Assert.True(await IndentOf(node) > await IndentOf(parent), $"{NodeName} should be indented below 服务规范");
        await ShotAsync("node-created");
        // The snackbar sits over 新建标准; close it rather than wait for it to fade.
        await created.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(created).ToHaveCountAsync(0);

        // 3. A new standard under the new node: 新建标准 carries the selected node.
        await node.ClickAsync();
        await Expect(node).ToHaveClassAsync(new Regex(@"\bselected\b"));
        await Expect(Page.Locator("#std-new")).ToHaveAttributeAsync("href", new Regex(@"/standards/new\?node=[0-9a-f-]{36}$"));
        await Page.Locator("#std-new").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/standards/new\?node="));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("新建标准");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Combobox, new() { Name = "体系节点", Exact = true })).ToContainTextAsync($"{NodeCode} {NodeName}");
        await FillFieldAsync(Page.Locator("#std-number"), Number);
        await FillFieldAsync(Page.Locator("#std-title"), Title);
        await FillFieldAsync(Page.Locator("#std-body"), Body);
        await ShotAsync("new-standard-filled");
        await Page.Locator("#std-save").ClickAsync();

        await Expect(Page).ToHaveURLAsync(StandardUrl());
        var standardUrl = Page.Url;
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{Number} {Title}");
        await Expect(Status()).ToHaveTextAsync("起草中");
        await Expect(Page.GetByText($"已创建标准 {Number}(草案 A/0)。")).ToBeVisibleAsync();
        // A draft is still editable: its Markdown is in the editor; the clauses render once it leaves drafting.
        await Expect(Page.Locator("#ver-body")).ToHaveValueAsync(new Regex("## 4 服务时限"));
        await Expect(Page.Locator(".mud-main-content")).ToContainTextAsync(NodeName);
        await ShotAsync("draft-created");

        // 4. The officer passes review; approving is not theirs to do.
        await Expect(Page.Locator("[data-action='Approve']")).ToHaveCountAsync(0);
        await Page.Locator("[data-action='PassReview']").ClickAsync();
        await Expect(Status()).ToHaveTextAsync("已审核");
        await Expect(Page.GetByText("已审核通过。")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-action='PassReview']")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-action='Approve']")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-action='Publish']")).ToHaveCountAsync(0);
        var clause = Page.Locator("section.clause#clause-4");
        await Expect(clause.Locator(".clause-heading")).ToHaveTextAsync("4 服务时限");
        await Expect(clause).ToContainTextAsync("投诉应在 48 小时内答复");
        await ShotAsync("reviewed");

        // 5. The executive finds the standard by its number, approves and publishes it.
        await SignOutAsync();
        await SignInAsync("lingdao", NormaAppFactory.DemoPassword, "您好,周建国");
        await OpenLibraryAsync();
        await SearchAsync(Number);
        var row = Page.Locator($"#std-table tr[data-number='{Number}']");
        await Expect(Page.Locator("#std-table tbody tr")).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("已审核");
        await ShotAsync("executive-finds-it");
        await row.ClickAsync();
        await Expect(Page).ToHaveURLAsync(standardUrl);
        await Expect(Status()).ToHaveTextAsync("已审核");

        await Page.Locator("[data-action='Approve']").ClickAsync();
        await Expect(Status()).ToHaveTextAsync("已批准");
        await Expect(Page.GetByText("已批准。")).ToBeVisibleAsync();
        await SetDateAsync("pub-issued", issued);
        await SetDateAsync("pub-effective", effective);
        await ShotAsync("approved-dates-set");
        await Page.Locator("[data-action='Publish']").ClickAsync();

        await Expect(Status()).ToHaveTextAsync("现行有效");
        await Expect(Page.GetByText("已发布。")).ToBeVisibleAsync();
        var signatures = Page.Locator(".mud-main-content table").First;
        await Expect(signatures).ToContainTextAsync($"{Iso(issued)} / {Iso(effective)}");
        await Expect(signatures.Locator("tr", new() { HasText = "审核" })).ToContainTextAsync("李静");
        await Expect(signatures.Locator("tr", new() { HasText = "批准" })).ToContainTextAsync("周建国");
        // 制修订记录, newest first: 发布 and 批准 by 周建国, 审核通过 and 起草 by 李静.
        var history = Page.Locator(".mud-timeline-item");
        await Expect(history).ToHaveCountAsync(4);
        string[][] expected = [["发布 → 已发布", "周建国"], ["批准 → 已批准", "周建国"], ["审核通过 → 已审核", "李静"], ["起草 → 起草", "李静"]];
        for (var i = 0; i < expected.Length; i++)
        {
            await Expect(history.Nth(i)).ToContainTextAsync(expected[i][0]);
            await Expect(history.Nth(i)).ToContainTextAsync(expected[i][1]);
        }

        await ShotAsync("published");

        // 6. Back as the officer: the clause search finds the new clause, and the 现行有效 filter lists the standard.
        await SignOutAsync();
        await SignInAsync("biaozhun", NormaAppFactory.DemoPassword, "您好,李静");
        await OpenLibraryAsync();
        await SearchAsync(ClauseWords);
        var hits = Page.Locator("#std-clause-hits");
        await Expect(hits).ToContainTextAsync($"含“{ClauseWords}”的条款");
        var hit = hits.Locator("a").Filter(new() { HasText = Number });
        await Expect(hit).ToHaveCountAsync(1);
        await Expect(hit).ToContainTextAsync($"{Number} {Title} · 4 服务时限");
        await Expect(hit).ToHaveAttributeAsync("href", new Regex(@"/standards/[0-9a-f-]{36}#clause-4$"));
        await ShotAsync("clause-search");

        await FillFieldAsync(Page.Locator("#std-search"), "");
        await Page.Locator("#std-search").PressAsync("Enter");
        await Expect(hits).ToHaveCountAsync(0);
        var filter = Page.GetByRole(AriaRole.Combobox, new() { Name = "范围", Exact = true });
        await filter.ClickAsync();
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasText = "现行有效" }).ClickAsync();
        await Expect(filter).ToContainTextAsync("现行有效");
        row = Page.Locator($"#std-table tr[data-number='{Number}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync(Title);
        await Expect(row).ToContainTextAsync(Iso(effective));
        await Expect(row).ToContainTextAsync("现行有效");
        await ShotAsync("in-force-filter");

        // 7. 导出 Excel: an .xlsx whose 标准明细表 lists the new standard as in force.
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#std-export").ClickAsync());
        Assert.Null(await download.FailureAsync());
        Assert.Matches(@"^标准明细表-\d{8}\.xlsx$", download.SuggestedFilename);
        var file = ArtifactPath("export.xlsx");
        await download.SaveAsAsync(file);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.True(bytes.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K', "The export should be a zip (xlsx) file.");
        await using var stream = new MemoryStream(bytes);
        var sheet = stream.Query(useHeaderRow: true, sheetName: "标准明细表").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(sheet, r => Equals(r["标准编号"], "YCYC-DC-04"));
        var exported = Assert.Single(sheet, r => Equals(r["标准编号"], Number));
        Assert.Equal(Title, exported["标准名称"]);
        Assert.Equal("现行有效", exported["状态"]);
        Assert.Equal(NodeCode, exported["体系编码"]);
        Assert.Equal(Iso(effective), Convert.ToString(exported["实施日期"], CultureInfo.InvariantCulture));
        await ShotAsync("exported");
    });

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/standards/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex StandardUrl();

    /// <summary>The status chip next to a standard's title (the only StatusChip on the detail page).</summary>
    private ILocator Status() => Page.Locator("h1 ~ .mud-chip-container [data-status]");

    private async Task OpenLibraryAsync()
    {
        await Page.Locator("nav, .mud-navmenu").First.GetByRole(AriaRole.Link, new() { Name = "标准体系", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Fixture.App.BaseUrl + "/standards");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("标准体系");
        await Expect(Page.Locator("#std-table")).ToBeVisibleAsync();
    }

    /// <summary>The search field binds as it is typed; Enter runs the search.</summary>
    private async Task SearchAsync(string words)
    {
        var search = Page.Locator("#std-search");
        await search.FillAsync(words);
        await Expect(search).ToHaveValueAsync(words);
        await search.PressAsync("Enter");
    }

    /// <summary>
    /// MudDatePicker (Editable): its id sits on the text input itself. Type the date as yyyy-MM-dd (its DateFormat) and
    /// leave the field; the picker parses the text on change, without opening the calendar.
    /// </summary>
    private async Task SetDateAsync(string pickerId, DateOnly date)
    {
        var input = Page.Locator($"input#{pickerId}");
        await input.FillAsync(Iso(date));
        await input.PressAsync("Tab");
        await Expect(input).ToHaveValueAsync(Iso(date));
    }

    private static async Task<double> IndentOf(ILocator row) =>
        await row.EvaluateAsync<double>("r => parseFloat(getComputedStyle(r).paddingLeft)");
}
