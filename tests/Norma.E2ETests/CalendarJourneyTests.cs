using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Norma.E2ETests.Infrastructure;

namespace Norma.E2ETests;

/// <summary>
/// Journey 6: the administrator (王敏) opens 工作日历, reads the shipped China calendar's 2025 国庆节 and 调休 days,
/// computes 3 个工作日 from the eve of National Day (due on the 调休 Saturday), enters next year's holiday notice as a
/// new version, refuses a holiday-cn file with a bad date and applies a good one, and sees the new days counted.
/// </summary>
public sealed class CalendarJourneyTests(E2EFixture fixture) : BrowserTest(fixture)
{
    private const string China = "中国大陆标准工作日历";
    private const string NoticeNote = "根据 2027 年放假通知";

    // The shipped version 1 holds 208 holidays and 47 调休 working days (cn-holidays-2020-2026.json).
    private const int ShippedHolidays = 208;
    private const int ShippedWorkdays = 47;

    [Fact]
    public Task Administrator_reads_the_china_calendar_computes_a_deadline_enters_a_notice_and_imports_a_file() => JourneyAsync(async () =>
    {
        await SignInAsync("admin", NormaAppFactory.DemoPassword, "您好,王敏");

        // 1. 工作日历 lists the shipped calendars: the China calendar (the default) first, then 7×24 (the call centre's).
        await Page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "工作日历", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Fixture.App.BaseUrl + "/calendars");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("工作日历");
        var rows = Page.Locator("#cal-table tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-code", "CN-STD");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-code", "7X24");
        var china = Page.Locator("#cal-table tr[data-code='CN-STD']");
        await Expect(china).ToContainTextAsync(China);
        await Expect(china).ToContainTextAsync("默认");
        await Expect(china).ToContainTextAsync("Asia/Shanghai (UTC+08:00)");
        await Expect(china).ToContainTextAsync("第 1 版 · 自 2020-01-01 起");
        var open = Page.Locator("#cal-table tr[data-code='7X24']");
        await Expect(open).ToContainTextAsync("7×24 全天候");
        await Expect(open).Not.ToContainTextAsync("默认");
        await Expect(open).ToContainTextAsync("呼叫中心");
        await ShotAsync("calendar-list");

        // 2. The China calendar: the working week and, for 2025, 国庆节 (10-01 – 10-08 off) with its 调休 Sunday and Saturday.
        await china.GetByRole(AriaRole.Link, new() { Name = China, Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/calendars/[0-9a-f-]{36}$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(China);
        await WaitForInteractiveAsync();
        await Expect(Page.Locator("#cal-is-default")).ToHaveTextAsync("默认");
        await Expect(Page.Locator("#cal-summary")).ToContainTextAsync("Asia/Shanghai (UTC+08:00)");
        await Expect(Page.Locator("#cal-view-week tr[data-day='Monday']")).ToContainTextAsync("08:30-12:00, 14:30-18:00");
        await Expect(Page.Locator("#cal-view-week tr[data-day='Saturday']")).ToContainTextAsync("休息");
        await ShowYearAsync(2025);
        var national = Page.Locator("#cal-view-ranges tr[data-kind='Holiday'][data-from='2025-10-01']");
        await Expect(national).ToContainTextAsync("国庆节、中秋节");
        await Expect(national).ToContainTextAsync("2025-10-01 周三 – 2025-10-08 周三");
        await Expect(national).ToContainTextAsync("8 天");
        var before = Page.Locator("#cal-view-ranges tr[data-kind='Workday'][data-from='2025-09-28']");
        await Expect(before).ToContainTextAsync("调休上班");
        await Expect(before).ToContainTextAsync("2025-09-28 周日");
        var after = Page.Locator("#cal-view-ranges tr[data-kind='Workday'][data-from='2025-10-11']");
        await Expect(after).ToContainTextAsync("2025-10-11 周六");
        // The 12-month grid: October has its eight days off and one 调休 working day (the 11th), September the 28th.
        var october = Page.Locator("#cal-view-grid .cal-month").Nth(9);
        await Expect(october.Locator(".cal-month-title")).ToHaveTextAsync("10 月");
        await Expect(october.Locator(".cal-day.cal-off")).ToHaveTextAsync(["1", "2", "3", "4", "5", "6", "7", "8"]);
        await Expect(october.Locator(".cal-day.cal-work")).ToHaveTextAsync(["11"]);
        await Expect(Page.Locator("#cal-view-grid .cal-month").Nth(8).Locator(".cal-day.cal-work")).ToHaveTextAsync(["28"]);
        await ShotAsync("china-2025");

        // 3. 计算器: 3 个工作日 from Tue 2025-09-30 17:00. The start day never counts; 10-01 – 10-08 are off, so the days are
        //    Thu 10-09, Fri 10-10 and the 调休 Saturday 10-11, which ends at 18:00 (hours 08:30–12:00, 14:30–18:00).
        await OpenTabAsync("计算器");
        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "计算截止时间", Exact = true })).ToBeCheckedAsync();
        await FillFieldAsync(Page.Locator("#cal-calc-start"), "2025-09-30 17:00");
        await FillFieldAsync(Page.Locator("#cal-calc-amount"), "3");
        await ChooseAsync("单位", "天");
        await ChooseAsync("计时方式", "工作时间");
        await Expect(Page.GetByRole(AriaRole.Combobox, new() { Name = "版本", Exact = true })).ToContainTextAsync("按开始时间适用的版本");
        await Page.Locator("#cal-calc-run").ClickAsync();
        await Expect(Page.Locator("#cal-calc-due")).ToHaveTextAsync("2025-10-11 18:00 周六");
        await Expect(Page.Locator("#cal-calc-result")).ToContainTextAsync("使用第 1 版,时限 3wd");
        await Expect(Page.Locator("#cal-calc-explanation")).ToHaveTextAsync("跨越 国庆节、中秋节 8 天、调休上班 1 天;按第 1 版计算");
        await ShotAsync("calculator-national-day");

        // 4. 节假日通知 for 2027: 元旦 01-01 – 01-03 off; 春节 02-06 – 02-13 off with Saturday 02-20 worked. One save, one version.
        await OpenTabAsync("节假日通知");
        await FillFieldAsync(Page.Locator("#cal-notice-year"), "2027");
        await Expect(Page.Locator("#cal-notice-name-0")).ToHaveValueAsync("元旦");
        await SetDateAsync("cal-notice-from-0", "2027-01-01");
        await SetDateAsync("cal-notice-to-0", "2027-01-03");
        await Expect(Page.Locator("#cal-notice-name-1")).ToHaveValueAsync("春节");
        await SetDateAsync("cal-notice-from-1", "2027-02-06");
        await SetDateAsync("cal-notice-to-1", "2027-02-13");
        await FillFieldAsync(Page.Locator("#cal-notice-workdays-1"), "2027-02-20");
        await FillFieldAsync(Page.Locator("#cal-notice-note"), NoticeNote);
        await Expect(Page.Locator("#cal-notice-save")).ToHaveTextAsync("保存 2027 年安排");
        await ShotAsync("notice-filled");
        await Page.Locator("#cal-notice-save").ClickAsync();
        await DismissAsync("已保存为第 2 版。");

        // The page shows the version just saved, with who saved it and the note; 2027 holds the notice's days.
        await Expect(Page.GetByRole(AriaRole.Combobox, new() { Name = "版本", Exact = true })).ToContainTextAsync("第 2 版");
        await Expect(Page.GetByText($"王敏 于 ")).ToContainTextAsync($"保存 · {NoticeNote}");
        await ShowYearAsync(2027);
        var newYear = Page.Locator("#cal-view-ranges tr[data-kind='Holiday'][data-from='2027-01-01']");
        await Expect(newYear).ToContainTextAsync("元旦");
        await Expect(newYear).ToContainTextAsync("2027-01-01 周五 – 2027-01-03 周日");
        await Expect(newYear).ToContainTextAsync("3 天");
        await Expect(Page.Locator("#cal-view-ranges tr[data-kind='Holiday'][data-from='2027-02-06']")).ToContainTextAsync("8 天");
        var adjusted = Page.Locator("#cal-view-ranges tr[data-kind='Workday'][data-from='2027-02-20']");
        await Expect(adjusted).ToContainTextAsync("春节");
        await Expect(adjusted).ToContainTextAsync("2027-02-20 周六");
        await Expect(Page.Locator("#cal-view-ranges tbody tr")).ToHaveCountAsync(3);
        await ShotAsync("notice-saved-2027");

        // 版本历史: version 2 by 王敏 with the note, in force today, saved just now (shown in Beijing time).
        await OpenTabAsync("版本历史");
        var history = Page.Locator("#cal-history tbody tr");
        await Expect(history).ToHaveCountAsync(2);
        var v2 = Page.Locator("#cal-history tr[data-version='2']");
        await Expect(history.Nth(0)).ToHaveAttributeAsync("data-version", "2");
        await Expect(v2).ToContainTextAsync("现行");
        await Expect(v2).ToContainTextAsync("王敏");
        await Expect(v2).ToContainTextAsync(NoticeNote);
        await Expect(v2).ToContainTextAsync($"{ShippedHolidays + 11} / {ShippedWorkdays + 1}");
        await AssertSavedJustNowAsync(v2);
        var v1 = Page.Locator("#cal-history tr[data-version='1']");
        await Expect(v1).ToContainTextAsync("系统");
        await Expect(v1).ToContainTextAsync($"{ShippedHolidays} / {ShippedWorkdays}");
        await Expect(v1).Not.ToContainTextAsync("现行");
        await ShotAsync("history-after-notice");

        // 5. 导入: a holiday-cn file with an impossible date is read and its problem listed; nothing is saved.
        var folder = Directory.CreateTempSubdirectory("norma-cal-e2e-").FullName;
        try
        {
            await OpenTabAsync("导入");
            var bad = await WriteFileAsync(folder, "2028-bad.json",
                """
                {"year":2028,"papers":[],"days":[
                  {"name":"元旦","date":"2028-01-01","isOffDay":true},
                  {"name":"春节","date":"2028-02-30","isOffDay":true}
                ]}
                """);
            await Page.Locator("#cal-import-file").SetInputFilesAsync(bad);
            var preview = Page.Locator("#cal-import-preview");
            await Expect(preview).ToContainTextAsync("holiday-cn 逐日格式:2028 年,共 1 天");
            var problems = Page.Locator("#cal-import-problems");
            await Expect(problems).ToContainTextAsync("文件有 1 处问题,未导入任何内容:");
            await Expect(problems.Locator("li")).ToHaveTextAsync(["days[1].date:'2028-02-30' is not a date (yyyy-MM-dd)"]);
            await Expect(Page.Locator("#cal-import-apply")).ToHaveCountAsync(0);
            await ShotAsync("import-problems");
            await OpenTabAsync("版本历史");
            await Expect(history).ToHaveCountAsync(2);
            await Expect(history.Nth(0)).ToHaveAttributeAsync("data-version", "2");

            // A good file: previewed as ranges, then applied as version 3 with the default note.
            await OpenTabAsync("导入");
            var good = await WriteFileAsync(folder, "2028.json",
                """
                {"year":2028,"papers":[],"days":[
                  {"name":"元旦","date":"2028-01-01","isOffDay":true},
                  {"name":"春节","date":"2028-01-25","isOffDay":true},
                  {"name":"春节","date":"2028-01-26","isOffDay":true},
                  {"name":"春节","date":"2028-01-27","isOffDay":true},
                  {"name":"春节","date":"2028-01-28","isOffDay":true},
                  {"name":"春节","date":"2028-01-29","isOffDay":true},
                  {"name":"春节","date":"2028-01-30","isOffDay":true},
                  {"name":"春节","date":"2028-01-31","isOffDay":true},
                  {"name":"春节","date":"2028-02-05","isOffDay":false}
                ]}
                """);
            await Page.Locator("#cal-import-file").SetInputFilesAsync(good);
            await Expect(preview).ToContainTextAsync("holiday-cn 逐日格式:2028 年,共 9 天");
            await Expect(preview).ToContainTextAsync("应用后将替换 2028 年原有的节假日与调休安排。");
            await Expect(Page.Locator("#cal-import-problems")).ToHaveCountAsync(0);
            await Expect(Page.Locator("#cal-import-ranges tr[data-kind='Holiday'][data-from='2028-01-25']")).ToContainTextAsync("2028-01-25 周二 – 2028-01-31 周一");
            await Expect(Page.Locator("#cal-import-ranges tr[data-kind='Workday'][data-from='2028-02-05']")).ToContainTextAsync("2028-02-05 周六");
            await ShotAsync("import-preview");
            await Page.Locator("#cal-import-apply").ClickAsync();
            await DismissAsync("已导入,生成第 3 版。");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await OpenTabAsync("版本历史");
        await Expect(history).ToHaveCountAsync(3);
        var v3 = Page.Locator("#cal-history tr[data-version='3']");
        await Expect(history.Nth(0)).ToHaveAttributeAsync("data-version", "3");
        await Expect(v3).ToContainTextAsync("导入 2028.json(2028 年)");
        await Expect(v3).ToContainTextAsync("王敏");
        await Expect(v3).ToContainTextAsync("现行");
        await Expect(v3).ToContainTextAsync($"{ShippedHolidays + 19} / {ShippedWorkdays + 2}");
        await AssertSavedJustNowAsync(v3);
        await Expect(v2).Not.ToContainTextAsync("现行");
        await ShotAsync("history-after-import");

        // 6. The notice's 调休 Saturday counts: pinned to version 3, 3 个工作日 from Thu 2027-02-18 are Fri 19, Sat 20, Mon 22.
        await OpenTabAsync("计算器");
        await FillFieldAsync(Page.Locator("#cal-calc-start"), "2027-02-18 17:00");
        await ChooseAsync("版本", "第 3 版");
        await Page.Locator("#cal-calc-run").ClickAsync();
        await Expect(Page.Locator("#cal-calc-due")).ToHaveTextAsync("2027-02-22 18:00 周一");
        await Expect(Page.Locator("#cal-calc-result")).ToContainTextAsync("使用第 3 版,时限 3wd");
        await Expect(Page.Locator("#cal-calc-explanation")).ToHaveTextAsync("跨越 调休上班 1 天;按第 3 版计算");
        await ShotAsync("calculator-new-version");
    });

    /// <summary>Clicks a tab of the calendar page by its title.</summary>
    private async Task OpenTabAsync(string title)
    {
        var tab = Page.GetByRole(AriaRole.Tab, new() { Name = title, Exact = true });
        await tab.ClickAsync();
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>Selects a year of the 日历 tab's special-days view.</summary>
    private async Task ShowYearAsync(int year)
    {
        var button = Page.Locator($"#cal-view-years button[data-year='{year}']");
        await button.ClickAsync();
        await Expect(button).ToHaveClassAsync(new Regex(@"\bmud-button-filled\b"));
    }

    /// <summary>Opens a MudSelect by its label and picks the first option starting with the text.</summary>
    private async Task ChooseAsync(string label, string option)
    {
        var select = Page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });
        await select.ClickAsync();
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(option)}") }).First.ClickAsync();
        await Expect(select).ToContainTextAsync(option);
    }

    /// <summary>An editable MudDatePicker (its id is on the text input): type yyyy-MM-dd and leave the field.</summary>
    private async Task SetDateAsync(string pickerId, string date)
    {
        var input = Page.Locator($"input#{pickerId}");
        await input.FillAsync(date);
        await input.PressAsync("Tab");
        await Expect(input).ToHaveValueAsync(date);
    }

    /// <summary>Waits for a snackbar and closes it, so it does not cover the buttons below it.</summary>
    private async Task DismissAsync(string message)
    {
        var snackbar = Page.Locator(".mud-snackbar").Filter(new() { HasText = message });
        await Expect(snackbar).ToBeVisibleAsync();
        await snackbar.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(snackbar).ToHaveCountAsync(0);
    }

    /// <summary>The 保存时间 cell is Beijing time (UTC+08:00) and within a few minutes of now.</summary>
    private static async Task AssertSavedJustNowAsync(ILocator row)
    {
        var text = (await row.Locator("td").Nth(6).InnerTextAsync()).Trim();
        var saved = DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var beijing = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime;
        Assert.True(Math.Abs((beijing - saved).TotalMinutes) < 5, $"saved at {text}, expected about {beijing:yyyy-MM-dd HH:mm:ss} (Beijing time)");
    }

    private static async Task<string> WriteFileAsync(string folder, string name, string json)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, json);
        return path;
    }
}
