using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Norma.E2ETests.Infrastructure;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Platform.Data;
using Norma.Rules.Cases;
using Norma.Shared;

namespace Norma.E2ETests;

/// <summary>
/// Journey: the 服务主任 (陈刚) opens 日报表: his own day is empty; 赵强's 技术员工作日报表 totals 120 minutes and ¥120.50;
/// the 来电来访登记表 shows today's case with a masked phone; the Excel link downloads a workbook.
/// </summary>
public sealed class CaseReportJourneyTests(E2EFixture fixture) : BrowserTest(fixture)
{
    private const string Number = "E2E-RPT-0001";

    [Fact]
    public Task Supervisor_reads_a_technicians_day_and_the_register() => JourneyAsync(async () =>
    {
        await PlantAsync();
        await SignInAsync("zhuren", NormaAppFactory.DemoPassword, "您好,陈刚");

        await Page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "日报表", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("日报表");
        await WaitForInteractiveAsync();
        await Expect(Page.Locator("#tech-empty")).ToContainTextAsync("陈刚");

        var select = Page.GetByRole(AriaRole.Combobox, new() { Name = "技术员", Exact = true });
        await select.ClickAsync();
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = new Regex("^赵强") }).First.ClickAsync();
        await Expect(Page.Locator("#tech-total-minutes")).ToHaveTextAsync("120");
        await Expect(Page.Locator("#tech-total-fee")).ToHaveTextAsync("120.50");
        await Expect(Page.Locator("#tech-lines")).ToContainTextAsync(Number);
        await Expect(Page.Locator("#tech-print")).ToBeEnabledAsync();
        await ShotAsync("technician-daily");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "来电来访登记表" }).ClickAsync();
        await Expect(Page.Locator("#ledger-rows")).ToContainTextAsync(Number);
        await Expect(Page.Locator("#ledger-rows")).ToContainTextAsync("139****5678");
        await Expect(Page.Locator("#ledger-rows")).Not.ToContainTextAsync("13912345678");
        await ShotAsync("ledger");

        var href = await Page.Locator("#ledger-excel").GetAttributeAsync("href");
        Assert.NotNull(href);
        Assert.StartsWith("/cases/reports/ledger.xlsx?", href, StringComparison.Ordinal);
        var download = await Page.Context.APIRequest.GetAsync(Fixture.App.BaseUrl + href);
        Assert.Equal(200, download.Status);
        Assert.StartsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Headers["content-type"], StringComparison.Ordinal);
    });

    /// <summary>Today (local): a case of 维修一班 worked by 赵强 for 90 min A (¥120.00) and 30 min C (¥0.50).</summary>
    private async Task PlantAsync()
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var jishu = await platform.Users.SingleAsync(u => u.UserName == "jishu");
        var unit = await platform.Units.SingleAsync(u => u.Code == "ENG-R1");
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        if (await db.Cases.AnyAsync(c => c.Number == Number))
        {
            return;
        }

        var now = DateTime.UtcNow;
        var today = OrgTime.Today(TimeProvider.System);
        var c = new Norma.Modules.Cases.Domain.Case
        {
            Id = Guid.CreateVersion7(), Number = Number, ItemId = Guid.CreateVersion7(), ItemCode = "WX", ItemName = "家电维修",
            Handling = HandlingKind.Promised, Channel = CaseChannel.Phone, CallerName = "王先生", CallerPhone = "13912345678", Address = "人民路 1 号",
            Title = "空调不制冷", Priority = Priority.Normal, Status = CaseStatus.Accepted, UnitId = unit.Id, UnitPath = unit.Path,
            OwnerId = jishu.Id, OwnerName = jishu.FullName, AssigneeId = jishu.Id, AssigneeName = jishu.FullName,
            CreatedById = jishu.Id, CreatedByName = jishu.FullName, CreatedAt = now, UpdatedAt = now,
        };
        db.Cases.Add(c);
        foreach (var (minutes, charge, fee) in new[] { (90, ChargeType.Paid, 12_000L), (30, ChargeType.Free, 50L) })
        {
            db.Work.Add(new CaseWork
            {
                Id = Guid.CreateVersion7(), CaseId = c.Id, AccountId = jishu.Id, AccountName = jishu.FullName, WorkDate = today, Minutes = minutes,
                Charge = charge, FeeFen = fee, Description = "检修", At = now,
            });
        }

        await db.SaveChangesAsync();
    }
}
