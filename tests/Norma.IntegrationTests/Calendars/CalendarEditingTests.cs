using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Calendars.Domain;
using Norma.Modules.Calendars.Features.Calendars;
using Norma.Modules.Calendars.Features.Compute;
using Norma.Modules.Calendars.Features.Definitions;
using Norma.Modules.Calendars.Features.Import;
using Norma.Rules.Calendars;

namespace Norma.IntegrationTests.Calendars;

/// <summary>Edits as versions, concurrency, validation, the holiday notice, import and export. Each test works on its own copy of the mainland calendar.</summary>
public sealed class CalendarEditingTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<T>();
    }

    /// <summary>A new calendar with the mainland calendar's definition (version 1 from 2020-01-01).</summary>
    private async Task<CalendarDetailDto> CopyOfStandardAsync(HttpClient admin, string code, bool withHolidays = true)
    {
        var list = await (await admin.GetAsync("/api/v1/calendars")).ReadAsync<List<CalendarSummaryDto>>();
        var std = await (await admin.GetAsync($"/api/v1/calendars/{list.Single(c => c.Code == "CN-STD").Id}")).ReadAsync<CalendarDetailDto>();
        var definition = withHolidays ? std.Definition : std.Definition with { SpecialDays = [] };
        var created = await admin.PostJsonAsync("/api/v1/calendars", new CreateCalendarRequest(code, $"测试日历 {code}", null, "Asia/Shanghai", new DateOnly(2020, 1, 1), definition, "复制"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await created.ReadAsync<CalendarDetailDto>();
    }

    private static Task<HttpResponseMessage> DeadlineAsync(HttpClient client, Guid id, string start, string limit, int? version = null) =>
        client.PostJsonAsync($"/api/v1/calendars/{id}/deadline", new { start, limit, version });

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, string json, string name = "2027.json", string query = "")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", name);
        return await client.PostAsync($"/api/v1/calendars/{id}/import{query}", form);
    }

    [Fact]
    public async Task An_edit_is_a_new_version_and_a_computation_pinned_to_the_old_version_gives_the_old_answer()
    {
        var admin = await app.ClientAsAsync("admin");
        var cal = await CopyOfStandardAsync(admin, "EDIT-1");
        cal.LatestVersionNumber.ShouldBe(1);

        // Version 1: Friday 2025-09-26 16:00 + 4 working hours → Sunday 09-28 (调休) 10:30.
        var before = await OkAsync<DeadlineResult>(await DeadlineAsync(admin, cal.Id, "2025-09-26 16:00", "4wh"));
        (before.Due, before.VersionNumber).ShouldBe((new DateTimeOffset(2025, 9, 28, 10, 30, 0, Beijing), 1));

        // From 2025-01-01 the office works 09:00–12:00 and 13:00–17:00.
        const string hours = "09:00-12:00, 13:00-17:00";
        var week = WeekHoursDto.From(d => d is DayOfWeek.Saturday or DayOfWeek.Sunday ? null : hours);
        var updated = await OkAsync<CalendarDetailDto>(await admin.PutJsonAsync($"/api/v1/calendars/{cal.Id}", new UpdateCalendarRequest(
            cal.Name, cal.Description, cal.TimeZone, new DateOnly(2025, 1, 1), cal.Definition with { Week = week, AdjustedWorkdayHours = hours }, "夏季作息调整", cal.Version)));
        (updated.LatestVersionNumber, updated.CurrentVersionNumber).ShouldBe((2, 2));
        updated.Definition.Week!.Monday.ShouldBe(hours);

        // Version 2: Friday 16:00–17:00 is 1 h; Sunday 09:00 + 3 h = 12:00. Pinned to version 1: the old answer.
        var after = await OkAsync<DeadlineResult>(await DeadlineAsync(admin, cal.Id, "2025-09-26 16:00", "4wh"));
        (after.Due, after.VersionNumber).ShouldBe((new DateTimeOffset(2025, 9, 28, 12, 0, 0, Beijing), 2));
        var pinned = await OkAsync<DeadlineResult>(await DeadlineAsync(admin, cal.Id, "2025-09-26 16:00", "4wh", version: 1));
        (pinned.Due, pinned.VersionNumber).ShouldBe((before.Due, 1));

        // Before 2025 the first version is in force, unchanged.
        (await OkAsync<DeadlineResult>(await DeadlineAsync(admin, cal.Id, "2024-06-07 16:00", "4wh"))).VersionNumber.ShouldBe(1);

        var versions = await OkAsync<List<VersionSummaryDto>>(await admin.GetAsync($"/api/v1/calendars/{cal.Id}/versions"));
        versions.Select(v => (v.Number, v.EffectiveFrom, v.CreatedBy, v.Note, v.InForce)).ShouldBe(
            [(2, new DateOnly(2025, 1, 1), "王敏", "夏季作息调整", true), (1, new DateOnly(2020, 1, 1), "王敏", "复制", false)]);
        var v1 = await OkAsync<VersionDetailDto>(await admin.GetAsync($"/api/v1/calendars/{cal.Id}/versions/1"));
        v1.Definition.Week!.Monday.ShouldBe("08:30-12:00, 14:30-18:00");

        // A version cannot slip in before one already in force from a later date.
        var early = await admin.PutJsonAsync($"/api/v1/calendars/{cal.Id}", new UpdateCalendarRequest(
            cal.Name, null, cal.TimeZone, new DateOnly(2024, 12, 31), cal.Definition, null, updated.Version));
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.Content.ReadAsStringAsync()).ShouldContain("生效日期不能早于第 2 版的生效日期 2025-01-01。");

        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "calendar_version.created" && a.ActorName == "admin"))).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_stale_version_token_is_a_409_and_nothing_is_saved()
    {
        var admin = await app.ClientAsAsync("admin");
        var cal = await CopyOfStandardAsync(admin, "EDIT-2", withHolidays: false);
        var first = await admin.PutJsonAsync($"/api/v1/calendars/{cal.Id}",
            new UpdateCalendarRequest(cal.Name, null, cal.TimeZone, new DateOnly(2026, 1, 1), cal.Definition, "甲", cal.Version));
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await admin.PutJsonAsync($"/api/v1/calendars/{cal.Id}",
            new UpdateCalendarRequest(cal.Name, null, cal.TimeZone, new DateOnly(2026, 1, 1), cal.Definition, "乙", cal.Version));
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("您编辑期间,这条记录已被他人修改。请刷新后重试。");
        (await OkAsync<List<VersionSummaryDto>>(await admin.GetAsync($"/api/v1/calendars/{cal.Id}/versions"))).Select(v => v.Note).ShouldBe(["甲", "复制"]);
    }

    [Fact]
    public async Task Overlapping_hours_an_unknown_or_seasonal_time_zone_and_a_taken_code_are_400s_with_field_names()
    {
        var admin = await app.ClientAsAsync("admin");
        var cal = await CopyOfStandardAsync(admin, "EDIT-3", withHolidays: false);
        var bad = cal.Definition with
        {
            Week = cal.Definition.Week! with { Monday = "08:30-12:00, 11:00-18:00", Tuesday = "14:30-18:00, 08:30-12:00", Wednesday = "8点半-12点" },
            AdjustedWorkdayHours = "18:00-08:30",
            SpecialDays = [new(new DateOnly(2027, 1, 1), DayKind.Holiday, "元旦"), new(new DateOnly(2027, 1, 1), DayKind.Workday, "元旦")],
        };
        var response = await admin.PutJsonAsync($"/api/v1/calendars/{cal.Id}", new UpdateCalendarRequest(cal.Name, null, "Europe/Berlin", null, bad, null, cal.Version));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("Definition.Week.Monday")[0].GetString().ShouldBe("时段“11:00-18:00”与前一个时段重叠。");
        errors.GetProperty("Definition.Week.Tuesday")[0].GetString()!.ShouldContain("先后顺序");
        errors.GetProperty("Definition.Week.Wednesday")[0].GetString()!.ShouldContain("08:30-12:00 的形式");
        errors.GetProperty("Definition.AdjustedWorkdayHours")[0].GetString()!.ShouldContain("结束时间须晚于开始时间");
        errors.GetProperty("Definition.SpecialDays")[0].GetString().ShouldBe("2027-01-01 出现了不止一次。");
        errors.GetProperty("TimeZone")[0].GetString()!.ShouldContain("夏令时");
        errors.GetProperty("EffectiveFrom")[0].GetString().ShouldBe("请填写生效日期。");

        var unknownZone = await admin.PostJsonAsync("/api/v1/calendars", new CreateCalendarRequest("EDIT-3", "", null, "Asia/Nowhere", new DateOnly(2026, 1, 1), cal.Definition));
        unknownZone.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var e2 = (await unknownZone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        e2.GetProperty("TimeZone")[0].GetString()!.ShouldContain("未知的时区“Asia/Nowhere”");
        e2.GetProperty("Code")[0].GetString().ShouldBe("日历编码“EDIT-3”已存在。");
        e2.GetProperty("Name")[0].GetString().ShouldBe("请填写名称。");

        var noHours = cal.Definition with { Week = WeekHoursDto.From(_ => null) };
        var none = await admin.PutJsonAsync($"/api/v1/calendars/{cal.Id}", new UpdateCalendarRequest(cal.Name, null, null, new DateOnly(2026, 1, 1), noHours, null, cal.Version));
        (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Definition.Week")[0].GetString()
            .ShouldBe("工作时间日历至少要有一天设有工作时段。");
        (await OkAsync<List<VersionSummaryDto>>(await admin.GetAsync($"/api/v1/calendars/{cal.Id}/versions"))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Next_years_notice_entered_in_one_go_becomes_one_version()
    {
        var admin = await app.ClientAsAsync("admin");
        var cal = await CopyOfStandardAsync(admin, "NOTICE-1");

        // Without 2027 data: Friday 2027-02-05 17:00 + 1 working day → Monday 02-08 at 18:00.
        (await OkAsync<DeadlineResult>(await DeadlineAsync(admin, cal.Id, "2027-02-05 17:00", "1wd"))).Due.ShouldBe(new DateTimeOffset(2027, 2, 8, 18, 0, 0, Beijing));

        var notice = new HolidayNoticeRequest(2027,
        [
            new NoticeFestival("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3), []),
            new NoticeFestival("春节", new DateOnly(2027, 2, 6), new DateOnly(2027, 2, 13), [new DateOnly(2027, 2, 20)]),
        ], null, null, cal.Version);
        var saved = await OkAsync<CalendarDetailDto>(await admin.PostJsonAsync($"/api/v1/calendars/{cal.Id}/notice", notice));
        saved.LatestVersionNumber.ShouldBe(2);
        var v2 = await OkAsync<VersionDetailDto>(await admin.GetAsync($"/api/v1/calendars/{cal.Id}/versions/2"));
        v2.Note.ShouldBe("2027 年节假日安排");
        var y2027 = v2.Definition.SpecialDays!.Where(d => d.Date.Year == 2027).ToList();
        y2027.Count(d => d.Kind == DayKind.Holiday).ShouldBe(11);
        y2027.Single(d => d.Kind == DayKind.Workday).ShouldBe(new SpecialDayDto(new DateOnly(2027, 2, 20), DayKind.Workday, "春节"));
        v2.Definition.SpecialDays!.Count(d => d.Date.Year == 2026).ShouldBeGreaterThan(20);   // other years untouched

        // 春节 2027-02-06…13 off, 02-14 is an ordinary Sunday: 1 working day after 02-05 is Monday 02-15.
        var due = await OkAsync<DeadlineResult>(await DeadlineAsync(admin, cal.Id, "2027-02-05 17:00", "1wd"));
        (due.Due, due.VersionNumber).ShouldBe((new DateTimeOffset(2027, 2, 15, 18, 0, 0, Beijing), 2));
        due.Explanation.ShouldContain("春节 8 天");

        var wrong = await admin.PostJsonAsync($"/api/v1/calendars/{cal.Id}/notice", new HolidayNoticeRequest(2027,
            [new NoticeFestival("国庆节", new DateOnly(2027, 10, 7), new DateOnly(2027, 10, 1), [])], null));
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("“国庆节”的放假日期不正确");
    }

    /// <summary>2027 in the holiday-cn per-date format (a plausible notice: 元旦 1–3 January, 春节 6–13 February with Saturday 20 February worked).</summary>
    [Fact]
    public async Task Hostile_or_careless_input_gets_400_never_500_and_nothing_is_saved()
    {
        var admin = await app.ClientAsAsync("admin");
        var cal = await CopyOfStandardAsync(admin, "BAD-IN");

        // Pauses: a null entry, and more than the bound.
        var nullPause = await admin.PostAsync($"/api/v1/calendars/{cal.Id}/deadline",
            new StringContent("""{"start":"2025-09-30 17:00","limit":"3wd","pauses":[null]}""", Encoding.UTF8, "application/json"));
        nullPause.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await nullPause.Content.ReadAsStringAsync());
        var many = Enumerable.Range(0, CalendarComputeService.MaxPauses + 1).Select(i => new { from = $"2025-10-{1 + (i % 28):00} 09:00", to = $"2025-10-{1 + (i % 28):00} 10:00" });
        (await admin.PostJsonAsync($"/api/v1/calendars/{cal.Id}/deadline", new { start = "2025-09-30 17:00", limit = "3wd", pauses = many }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // A limit whose due time lies beyond the calendar's range is a clear 400, not "a pause is open".
        (await DeadlineAsync(admin, cal.Id, "2025-09-30 17:00", "999999wd")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Notices: a year out of range, a range to the end of time, a null festival.
        foreach (var body in new object[]
        {
            new HolidayNoticeRequest(-2147481622, [new NoticeFestival("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 1), null)], new DateOnly(2026, 12, 1)),
            new HolidayNoticeRequest(2027, [new NoticeFestival("元旦", new DateOnly(9999, 12, 30), new DateOnly(9999, 12, 31), null)], new DateOnly(2026, 12, 1)),
            new { year = 2027, festivals = new object?[] { null }, effectiveFrom = "2026-12-01" },
            new HolidayNoticeRequest(2027, [new NoticeFestival("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 1), null)], new DateOnly(9999, 12, 31)),
        })
        {
            var response = await admin.PostJsonAsync($"/api/v1/calendars/{cal.Id}/notice", body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        }

        // Full-width hours typed on a Chinese keyboard are understood.
        var detail = await (await admin.GetAsync($"/api/v1/calendars/{cal.Id}")).ReadAsync<CalendarDetailDto>();
        var week = detail.Definition.Week! with { Monday = "０８：３０－１２：００，１４：３０－１８：００" };
        var saved = await admin.PutJsonAsync($"/api/v1/calendars/{cal.Id}", new UpdateCalendarRequest(
            detail.Name, null, null, new DateOnly(2026, 12, 1), detail.Definition with { Week = week }, "全角输入", detail.Version));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await saved.ReadAsync<CalendarDetailDto>()).TimeZone.ShouldBe("Asia/Shanghai");   // no zone sent: kept

        // Only 400s so far: still two versions (the copy and the full-width edit).
        (await (await admin.GetAsync($"/api/v1/calendars/{cal.Id}/versions")).ReadAsync<List<JsonElement>>()).Count.ShouldBe(2);

        // Import: the permission is checked before the file (403, not 400, for a non-administrator).
        (await UploadAsync(await app.ClientAsAsync("kefu"), cal.Id, "not json", "x.txt")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private const string HolidayCn2027 = """
        {
          "$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
          "year": 2027,
          "papers": [],
          "days": [
            { "name": "元旦", "date": "2027-01-01", "isOffDay": true },
            { "name": "元旦", "date": "2027-01-02", "isOffDay": true },
            { "name": "元旦", "date": "2027-01-03", "isOffDay": true },
            { "name": "春节", "date": "2027-02-06", "isOffDay": true },
            { "name": "春节", "date": "2027-02-07", "isOffDay": true },
            { "name": "春节", "date": "2027-02-08", "isOffDay": true },
            { "name": "春节", "date": "2027-02-09", "isOffDay": true },
            { "name": "春节", "date": "2027-02-10", "isOffDay": true },
            { "name": "春节", "date": "2027-02-11", "isOffDay": true },
            { "name": "春节", "date": "2027-02-12", "isOffDay": true },
            { "name": "春节", "date": "2027-02-13", "isOffDay": true },
            { "name": "春节", "date": "2027-02-20", "isOffDay": false }
          ]
        }
        """;

    [Fact]
    public async Task A_holiday_cn_file_is_previewed_then_applied_as_one_version_and_a_file_with_a_bad_date_saves_nothing()
    {
        var admin = await app.ClientAsAsync("admin");
        var cal = await CopyOfStandardAsync(admin, "IMPORT-1");

        var preview = await UploadAsync(admin, cal.Id, HolidayCn2027, query: "?preview=true");
        var seen = await OkAsync<ImportResult>(preview);
        (seen.Format, seen.Years.Single(), seen.Days.Count, seen.Applied).ShouldBe(("HolidayCn", 2027, 12, false));
        (await OkAsync<List<VersionSummaryDto>>(await admin.GetAsync($"/api/v1/calendars/{cal.Id}/versions"))).Count.ShouldBe(1);

        var broken = HolidayCn2027.Replace("2027-02-13", "2027-02-30", StringComparison.Ordinal);
        var rejected = await UploadAsync(admin, cal.Id, broken);
        rejected.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problems = (await rejected.ReadAsync<ImportResult>()).Problems;
        problems.Single().Location.ShouldBe("days[10].date");
        problems.Single().Message.ShouldContain("2027-02-30");
        (await OkAsync<List<VersionSummaryDto>>(await admin.GetAsync($"/api/v1/calendars/{cal.Id}/versions"))).Count.ShouldBe(1);

        var applied = await OkAsync<ImportResult>(await UploadAsync(admin, cal.Id, HolidayCn2027, query: "?note=" + Uri.EscapeDataString("2027 年通知")));
        (applied.Applied, applied.VersionNumber).ShouldBe((true, 2));
        var v2 = await OkAsync<VersionDetailDto>(await admin.GetAsync($"/api/v1/calendars/{cal.Id}/versions/2"));
        v2.Note.ShouldBe("2027 年通知");
        v2.Definition.SpecialDays!.Count(d => d.Date.Year == 2027).ShouldBe(12);

        var due = await OkAsync<DeadlineResult>(await DeadlineAsync(admin, cal.Id, "2027-02-05 17:00", "1wd"));
        (due.Due, due.VersionNumber).ShouldBe((new DateTimeOffset(2027, 2, 15, 18, 0, 0, Beijing), 2));

        (await UploadAsync(admin, cal.Id, HolidayCn2027, "2027.txt")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await UploadAsync(await app.ClientAsAsync("biaozhun"), cal.Id, HolidayCn2027)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await UploadAsync(admin, cal.Id, new string(' ', (1024 * 1024) + 1))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_exported_calendar_imports_back_into_another_calendar()
    {
        var admin = await app.ClientAsAsync("admin");
        var list = await (await admin.GetAsync("/api/v1/calendars")).ReadAsync<List<CalendarSummaryDto>>();
        var std = list.Single(c => c.Code == "CN-STD");
        var export = await admin.GetAsync($"/api/v1/calendars/{std.Id}/export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        export.Content.Headers.ContentDisposition?.DispositionType.ShouldBe("attachment");
        var json = await export.Content.ReadAsStringAsync();
        json.ShouldContain("\"format\": \"norma-calendar\"");
        json.ShouldContain("\"name\": \"中国大陆标准工作日历\"");
        json.ShouldContain("春节");

        var empty = await CopyOfStandardAsync(admin, "ROUND-1", withHolidays: false);
        var applied = await OkAsync<ImportResult>(await UploadAsync(admin, empty.Id, json, "CN-STD-v1.json"));
        (applied.Format, applied.Applied).ShouldBe(("Norma", true));
        applied.Years.ShouldBe([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
        var copy = await OkAsync<VersionDetailDto>(await admin.GetAsync($"/api/v1/calendars/{empty.Id}/versions/{applied.VersionNumber}"));
        var original = await OkAsync<VersionDetailDto>(await admin.GetAsync($"/api/v1/calendars/{std.Id}/versions/1"));
        copy.Definition.SpecialDays.ShouldBe(original.Definition.SpecialDays);
        copy.Definition.Week.ShouldBe(original.Definition.Week);

        // The browser's download needs a signed-in session.
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await anonymous.GetAsync($"/calendars/{std.Id}/export.json")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
