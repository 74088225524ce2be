using Microsoft.Playwright;
using Norma.E2ETests.Infrastructure;

namespace Norma.E2ETests;

/// <summary>
/// Journey 1: the administrator builds a new team (unit, position, staff account) in the Chinese back office; the new
/// person signs in, sees the Chinese UI with their name and switches to English.
/// </summary>
public sealed class AdminJourneyTests(E2EFixture fixture) : BrowserTest(fixture)
{
    private const string NewUserName = "weixiu3";
    private const string NewFullName = "林晓峰";
    private const string NewPassword = "field-pass-1357";

    [Fact]
    public Task Admin_builds_a_team_and_the_new_person_signs_in_and_switches_to_English() => JourneyAsync(async () =>
    {
        // Sign in as the demo administrator: the static login page is Chinese by default.
        await Page.GotoAsync("/account/login");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Norma 服务标准化管理平台");
        await Expect(Page.Locator("label[for=username]")).ToHaveTextAsync("用户名");
        await ShotAsync("login");

        await SignInAsync("admin", NormaAppFactory.DemoPassword, "您好,王敏");
        var nav = Page.Locator("nav, .mud-navmenu").First;
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "组织单位", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "人员账号", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.Locator("#user-menu")).ToContainTextAsync("王敏");
        await ShotAsync("admin-home");

        // 组织单位: select 工程部 and create 维修三班 under it.
        await nav.GetByRole(AriaRole.Link, new() { Name = "组织单位", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Fixture.App.BaseUrl + "/org/units");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("组织单位");
        var eng = Page.Locator("[data-unit='ENG']");
        await eng.ClickAsync();
        await Expect(Page.GetByText("编辑:工程部")).ToBeVisibleAsync();
        await Expect(Page.Locator("#unit-code")).ToHaveValueAsync("ENG");
        await ShotAsync("units-eng-selected");

        await Page.Locator("#unit-new-child").ClickAsync();
        await Expect(Page.GetByText("在“工程部”下新建单位")).ToBeVisibleAsync();
        await Expect(Page.Locator("#unit-code")).ToHaveValueAsync("");
        await FillFieldAsync(Page.Locator("#unit-code"), "ENG-R3");
        await FillFieldAsync(Page.Locator("#unit-name"), "维修三班");
        await ShotAsync("unit-form-filled");
        await Page.Locator("#unit-save").ClickAsync();

        var newUnit = Page.Locator("[data-unit='ENG-R3']");
        await Expect(newUnit).ToContainTextAsync("维修三班");
        await Expect(Page.GetByText("已创建单位“维修三班”。")).ToBeVisibleAsync();
        await Expect(Page.GetByText("编辑:维修三班")).ToBeVisibleAsync();
        // In the tree it sits inside 工程部's subtree: after 工程部, before the next top-level sibling, and indented deeper.
        var codes = await Page.Locator("[data-unit]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.unit)");
        Assert.InRange(Array.IndexOf(codes, "ENG-R3"), Array.IndexOf(codes, "ENG") + 1, Array.IndexOf(codes, "QIC") - 1);
        Assert.True(await IndentOf(newUnit) > await IndentOf(eng), "维修三班 should be indented below 工程部");
        await ShotAsync("unit-created");

        // A position for the new unit.
        await Expect(Page.GetByText("本单位还没有岗位。")).ToBeVisibleAsync();
        await FillFieldAsync(Page.Locator("#position-name"), "技术员");
        await Page.Locator("#position-add").ClickAsync();
        await Expect(Page.Locator("table td").GetByText("技术员", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.Locator("#position-name")).ToHaveValueAsync("");
        await ShotAsync("position-added");

        // 人员账号: a field-staff account in 维修三班 as 技术员.
        await nav.GetByRole(AriaRole.Link, new() { Name = "人员账号", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Fixture.App.BaseUrl + "/org/staff");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("人员账号");
        await Expect(Page.Locator("tr[data-user='admin']")).ToBeVisibleAsync();
        await Page.Locator("#staff-new").ClickAsync();
        await Expect(Page.Locator("#staff-username")).ToBeVisibleAsync();
        await FillFieldAsync(Page.Locator("#staff-username"), NewUserName);
        await FillFieldAsync(Page.Locator("#staff-fullname"), NewFullName);

        // MudSelect: the combobox opens a listbox in a popover; once chosen, the combobox shows the unit's name.
        var unitSelect = Page.Locator("#staff-editor").GetByRole(AriaRole.Combobox, new() { Name = "所属单位", Exact = true });
        await unitSelect.ClickAsync();
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasText = "维修三班" }).ClickAsync();
        await Expect(unitSelect).ToContainTextAsync("维修三班");
        var position = Page.Locator("#staff-editor").GetByRole(AriaRole.Checkbox, new() { Name = "技术员", Exact = true });
        await position.CheckAsync();
        await Expect(position).ToBeCheckedAsync();
        var role = Page.Locator("#staff-editor").GetByRole(AriaRole.Checkbox, new() { Name = "现场人员", Exact = true });
        await role.CheckAsync();
        await Expect(role).ToBeCheckedAsync();
        await FillFieldAsync(Page.Locator("#staff-phone"), "13900000003");
        await FillFieldAsync(Page.Locator("#staff-password"), NewPassword);
        await ShotAsync("staff-form-filled");
        await Page.Locator("#staff-save").ClickAsync();

        await Expect(Page.GetByText($"已创建人员“{NewFullName}”。")).ToBeVisibleAsync();
        var row = Page.Locator($"tr[data-user='{NewUserName}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync(NewFullName);
        await Expect(row).ToContainTextAsync("维修三班");
        await Expect(row).ToContainTextAsync("技术员");
        await Expect(row).ToContainTextAsync("现场人员");
        await Expect(Page.Locator("#staff-editor")).ToHaveCountAsync(0);
        await ShotAsync("staff-created");

        // Sign out through the user menu.
        await Page.Locator("#user-menu button").First.ClickAsync();
        await Page.Locator("#signout").ClickAsync();
        await Expect(Page).ToHaveURLAsync(Fixture.App.BaseUrl + "/account/login");
        await Expect(Page.Locator("#login-submit")).ToBeVisibleAsync();
        await ShotAsync("signed-out");

        // The new person signs in: Chinese UI with their name.
        await SignInAsync(NewUserName, NewPassword, $"您好,{NewFullName}");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(Page.Locator("#user-menu")).ToContainTextAsync(NewFullName);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "首页", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByText($"用户名: {NewUserName}")).ToBeVisibleAsync();
        await ShotAsync("new-person-home-zh");

        // Switch to English through the language menu.
        await Page.Locator("#language-menu button").First.ClickAsync();
        await Page.GetByText("English", new() { Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welcome, {NewFullName}");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "首页", Exact = true })).ToHaveCountAsync(0);
        await WaitForInteractiveAsync();
        await ShotAsync("new-person-home-en");
    });

    private static async Task<double> IndentOf(ILocator row) =>
        await row.EvaluateAsync<double>("r => parseFloat(getComputedStyle(r).paddingLeft)");
}
