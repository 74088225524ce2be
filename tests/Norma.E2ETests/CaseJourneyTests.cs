using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Norma.E2ETests.Infrastructure;

namespace Norma.E2ETests;

/// <summary>
/// Journey 6: a gas repair from the call to the customer's signature. 客服 张丽 registers a call for 户内燃气设施报修 from
/// a new caller and sees the commitments (到达现场 6 小时, 修复 24 小时, due from the registration in Beijing time);
/// 服务主任 陈刚 dispatches it to 赵强 and prints the 派工单 (three parts, the number on each); 技术员 赵强 takes it,
/// checks in (the arrival commitment is met), records 90 minutes under C 免费 and completes it with the customer's
/// drawn signature. The timeline shows 受理, 派工, 接单, 到场, 维修记录, 完工 in that order.
/// </summary>
public sealed partial class CaseJourneyTests(E2EFixture fixture) : BrowserTest(fixture)
{
    private const string CallerPhone = "13912345678";
    private static readonly string[] SheetParts = ["第一联 存根", "第二联 技术员", "第三联 客户回执"];
    private static readonly string[] Timeline = ["受理", "派工", "接单", "到场", "维修记录", "完工"];

    [GeneratedRegex(@"/cases/([0-9a-f-]{36})$")]
    private static partial Regex CaseUrl();

    [Fact]
    public Task Front_desk_registers_a_gas_repair_supervisor_dispatches_technician_completes_with_a_signature() => JourneyAsync(async () =>
    {
        // 1. 客服 registers the call.
        await SignInAsync("kefu", NormaAppFactory.DemoPassword, "您好,张丽");
        await Page.Locator("#nav-case-new").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("来电来访登记");
        await WaitForInteractiveAsync();
        await FillFieldAsync(Page.Locator("#new-caller-name"), "王建华");
        await FillFieldAsync(Page.Locator("#new-caller-phone"), CallerPhone);
        await FillFieldAsync(Page.Locator("#new-address"), "幸福小区 3 号楼 2 单元 501");
        await Page.Locator("#new-item").FillAsync("GAS-REPAIR");
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "户内燃气设施报修" }).First.ClickAsync();
        await Expect(Page.Locator("#new-item")).ToHaveValueAsync("GAS-REPAIR 户内燃气设施报修");
        await Expect(Page.Locator("#new-title")).ToHaveValueAsync("户内燃气设施报修");
        await FillFieldAsync(Page.Locator("#new-description"), "灶具打不着火,厨房有轻微燃气味");
        await ShotAsync("intake-filled");
        await Page.Locator("#new-submit").ClickAsync();

        await Expect(Page).ToHaveURLAsync(CaseUrl());
        var caseUrl = Page.Url;
        var number = (await Page.Locator("#case-number").TextContentAsync())!.Trim();
        Assert.False(string.IsNullOrEmpty(number));
        await Expect(Page.GetByText($"已受理,工单号 {number}。")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.Locator("#case-phone")).ToHaveTextAsync("139****5678");
        await Expect(Page.Locator("#case-owner")).ToHaveTextAsync("张丽");

        // The commitments: 到达现场 6 小时 and 办结/修复 24 小时, both counted in natural hours from the registration.
        var arrival = Page.Locator(".clock-badge[data-metric='Arrival']");
        var repair = Page.Locator(".clock-badge[data-metric='Resolution']");
        await Expect(arrival.Locator(".clock-name")).ToHaveTextAsync("到达现场 · 6 小时");
        await Expect(repair.Locator(".clock-name")).ToHaveTextAsync("办结/修复 · 24 小时");
        await Expect(arrival.Locator(".clock-state")).ToHaveTextAsync("正常");
        await Expect(arrival.Locator(".clock-remaining")).ToContainTextAsync("剩余");
        var created = DateTime.ParseExact((await Page.Locator("#case-created").TextContentAsync())!.Trim(), "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await Expect(arrival.Locator(".clock-due")).ToHaveTextAsync("截止 " + created.AddHours(6).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await Expect(repair.Locator(".clock-due")).ToHaveTextAsync("截止 " + created.AddHours(24).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await ShotAsync("case-registered");
        await SignOutAsync();

        // 2. 服务主任 dispatches to 赵强 and prints the 派工单.
        await SignInAsync("zhuren", NormaAppFactory.DemoPassword, "您好,陈刚");
        await Page.GotoAsync(caseUrl);
        await Expect(Page.Locator("#case-number")).ToHaveTextAsync(number);
        await WaitForInteractiveAsync();
        await Page.Locator("#act-dispatch").ClickAsync();
        await ChooseAsync("技术员", "赵强", Page.Locator("#case-panel"));
        await ShotAsync("dispatch");
        await Page.Locator("#act-submit").ClickAsync();
        await Expect(Page.Locator("#case-assignee")).ToHaveTextAsync("赵强");
        await Expect(Page.Locator("#case-panel")).ToHaveCountAsync(0);

        await Page.Locator("#case-sheet").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/dispatch-sheet$"));
        var parts = Page.Locator("#dispatch-sheet .sheet-part");
        await Expect(parts).ToHaveCountAsync(3);
        await Expect(parts.Locator(".sheet-number")).ToHaveTextAsync(new[] { number, number, number });
        await Expect(parts.Locator(".sheet-copy")).ToHaveTextAsync(SheetParts);
        await Expect(parts.Nth(1)).ToContainTextAsync("赵强");
        // Only the technician's part carries the whole number, so that he can call.
        await Expect(parts.Locator(".sheet-phone")).ToHaveTextAsync(new[] { "139****5678", CallerPhone, "139****5678" });
        var qr = await parts.First.Locator("img").EvaluateAsync<int>("img => img.naturalWidth");
        Assert.True(qr > 0, "the QR code should render");
        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await ShotAsync("dispatch-sheet-print");
        await Page.EmulateMediaAsync(new() { Media = Media.Screen });
        await SignOutAsync();

        // 3. 技术员 takes it, checks in, records his work and completes with the customer's signature.
        await SignInAsync("jishu", NormaAppFactory.DemoPassword, "您好,赵强");
        await Page.GotoAsync(caseUrl);
        await Expect(Page.Locator("#case-number")).ToHaveTextAsync(number);
        await WaitForInteractiveAsync();
        await ActAsync("take");
        await ActAsync("checkIn");
        await Expect(arrival.Locator(".clock-state")).ToHaveTextAsync("已达成");

        await Page.Locator("#act-work").ClickAsync();
        await FillFieldAsync(Page.Locator("#act-minutes"), "90");
        await Page.Locator("#act-charge input[type='radio']").Nth(2).CheckAsync();
        await FillFieldAsync(Page.Locator("#act-description"), "更换灶具点火针,检漏合格");
        await Page.Locator("#act-submit").ClickAsync();
        await Expect(Page.Locator("#case-work-total")).ToContainTextAsync("90");

        await Page.Locator("#act-complete").ClickAsync();
        await FillFieldAsync(Page.Locator("#act-resolution"), "点火针老化,已更换,试火正常");
        await FillFieldAsync(Page.Locator("#act-confirmed-by"), "王建华");
        await SignAsync(Page.Locator("#act-signature"));
        await ShotAsync("complete-signed");
        await Page.Locator("#act-submit").ClickAsync();
        await Expect(Page.Locator("#case-confirmed")).ToContainTextAsync("王建华");
        await Expect(Page.Locator("#case-confirmed")).ToContainTextAsync("已签字");
        await Expect(Page.Locator("#case-files")).ToContainTextAsync($"signature-{number}.png");

        var events = Page.Locator("#case-timeline tbody tr");
        await Expect(events.Locator(".event-type")).ToHaveTextAsync(Timeline);
        await Expect(events.Nth(1)).ToContainTextAsync("陈刚");
        await Expect(events.Nth(1)).ToContainTextAsync("赵强");
        await Expect(events.Nth(4)).ToContainTextAsync("90 分钟");
        await Expect(events.Nth(4)).ToContainTextAsync("C 免费");
        await Expect(events.Nth(5)).ToContainTextAsync("已到场 → 已完工");
        await Expect(Page.Locator("#case-status")).ToHaveTextAsync("已完工");
        await ShotAsync("case-completed");
    });

    /// <summary>Opens an action that needs no input and submits it.</summary>
    private async Task ActAsync(string action)
    {
        await Page.Locator($"#act-{action}").ClickAsync();
        await Expect(Page.Locator("#case-panel")).ToBeVisibleAsync();
        await Page.Locator("#act-submit").ClickAsync();
        await Expect(Page.Locator("#case-panel")).ToHaveCountAsync(0);
    }

    /// <summary>Draws a short signature on the pad with the mouse.</summary>
    private async Task SignAsync(ILocator canvas)
    {
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = (await canvas.BoundingBoxAsync())!;
        var (x, y) = (box.X + 20, box.Y + (box.Height / 2));
        await Page.Mouse.MoveAsync(x, y);
        await Page.Mouse.DownAsync();
        for (var i = 1; i <= 12; i++)
        {
            await Page.Mouse.MoveAsync(x + (i * 15), y + (i % 2 == 0 ? -20 : 20), new() { Steps = 3 });
        }

        await Page.Mouse.UpAsync();
    }
}
