using Microsoft.Playwright;
using Norma.E2ETests.Infrastructure;

namespace Norma.E2ETests;

/// <summary>
/// 分管领导 on the unit page: the administrator sees 督察考评中心's overseer (孙立), searches for 钱文 and names him instead;
/// the tree shows it; then puts 孙立 back so that other journeys see the demo as seeded.
/// </summary>
public sealed class UnitOverseerJourneyTests(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Admin_names_a_units_overseer_from_a_searchable_list() => JourneyAsync(async () =>
    {
        await SignInAsync("admin", NormaAppFactory.DemoPassword, "您好,王敏");
        await Page.GotoAsync("/org/units");
        await WaitForInteractiveAsync();
        var qic = Page.Locator("[data-unit='QIC']");
        await Expect(qic).ToContainTextAsync("分管:孙立");
        await qic.ClickAsync();
        await Expect(Page.GetByText("编辑:督察考评中心")).ToBeVisibleAsync();
        await Expect(Page.Locator("#unit-overseer")).ToHaveValueAsync("孙立(诺玛服务有限公司)");

        await PickOverseerAsync("钱", "钱文");
        await ShotAsync("overseer-picked");
        await Page.Locator("#unit-save").ClickAsync();
        await Expect(Page.GetByText("已保存")).ToBeVisibleAsync();
        await Expect(qic).ToContainTextAsync("分管:钱文");
        await ShotAsync("overseer-saved");

        await PickOverseerAsync("孙立", "孙立");
        await Page.Locator("#unit-save").ClickAsync();
        await Expect(qic).ToContainTextAsync("分管:孙立");
    });

    private async Task PickOverseerAsync(string typed, string person)
    {
        var input = Page.Locator("#unit-overseer");
        await input.ClickAsync();
        await input.FillAsync(typed);
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = person }).First.ClickAsync();
        await Expect(input).ToHaveValueAsync($"{person}(诺玛服务有限公司)");
    }
}
