using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Calendars.Contracts;
using Norma.Modules.Calendars.Domain;
using Norma.Modules.Calendars.Features.Calendars;
using Norma.Modules.Calendars.Features.Compute;
using Norma.Modules.Calendars.Features.Units;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Calendars;

namespace Norma.IntegrationTests.Calendars;

/// <summary>The shipped calendars, the calculator over real holidays, unit inheritance and the guards. Hand-checked answers in the tests.</summary>
public sealed class CalendarsApiTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private async Task<CalendarSummaryDto> ShippedAsync(string code) =>
        (await (await (await app.ClientAsAsync("kefu")).GetAsync("/api/v1/calendars")).ReadAsync<List<CalendarSummaryDto>>()).Single(c => c.Code == code);

    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<T>();
    }

    [Fact]
    public async Task Every_installation_has_the_mainland_calendar_as_default_and_a_7x24_calendar()
    {
        var list = await (await (await app.ClientAsAsync("jishu")).GetAsync("/api/v1/calendars")).ReadAsync<List<CalendarSummaryDto>>();
        var std = list.Single(c => c.Code == "CN-STD");
        (std.Name, std.Kind, std.TimeZone, std.UtcOffsetMinutes, std.IsDefault, std.CurrentVersionNumber).ShouldBe(
            ("中国大陆标准工作日历", CalendarKind.WorkingHours, "Asia/Shanghai", 480, true, 1));
        var open = list.Single(c => c.Code == "7X24");
        (open.Name, open.Kind, open.IsDefault).ShouldBe(("7×24 全天候", CalendarKind.AlwaysOpen, false));
        open.Units.ShouldBeEmpty();   // the technician may not see the call centre
        var admin = await (await (await app.ClientAsAsync("admin")).GetAsync("/api/v1/calendars")).ReadAsync<List<CalendarSummaryDto>>();
        admin.Single(c => c.Code == "7X24").Units.Select(u => u.Name).ShouldBe(["呼叫中心"]);   // the demo call centre answers around the clock
        list.Count(c => c.IsDefault).ShouldBe(1);

        var detail = await (await (await app.ClientAsAsync("jishu")).GetAsync($"/api/v1/calendars/{std.Id}")).ReadAsync<CalendarDetailDto>();
        detail.CanManage.ShouldBeFalse();
        detail.Definition.Week!.Monday.ShouldBe("08:30-12:00, 14:30-18:00");
        detail.Definition.Week.Saturday.ShouldBeNullOrEmpty();
        detail.Definition.AdjustedWorkdayHours.ShouldBe("08:30-12:00, 14:30-18:00");

        // 2024 春节: 2月10日至17日放假调休,共8天;2月4日(星期日)、2月18日(星期日)上班。
        var days = detail.Definition.SpecialDays!;
        var spring = days.Where(d => d.Date >= new DateOnly(2024, 2, 1) && d.Date <= new DateOnly(2024, 2, 29)).ToList();
        spring.Where(d => d.Kind == DayKind.Holiday).Select(d => d.Date.Day).ShouldBe([10, 11, 12, 13, 14, 15, 16, 17]);
        spring.Where(d => d.Kind == DayKind.Workday).Select(d => d.Date.Day).ShouldBe([4, 18]);
        spring.ShouldAllBe(d => d.Name!.Contains("春节"));
        days.Select(d => d.Date.Year).Distinct().Order().ShouldBe([2020, 2021, 2022, 2023, 2024, 2025, 2026]);

        var versions = await (await (await app.ClientAsAsync("jishu")).GetAsync($"/api/v1/calendars/{std.Id}/versions")).ReadAsync<List<VersionSummaryDto>>();
        var v1 = versions.Single();
        (v1.Number, v1.EffectiveFrom, v1.CreatedBy, v1.InForce).ShouldBe((1, new DateOnly(2020, 1, 1), "系统", true));
    }

    [Fact]
    public async Task Three_working_days_from_the_eve_of_National_Day_2025_end_on_the_adjusted_Saturday()
    {
        // 2025: 国庆节、中秋节 10月1日(周三)至8日(周四)放假调休,共8天;9月28日(周日)、10月11日(周六)上班。
        // Start Tue 09-30 17:00. Working days after the start day: 10-09 (1), 10-10 (2), 10-11 Saturday 调休 (3).
        // "End of the working day": 10-11 18:00.
        var std = await ShippedAsync("CN-STD");
        var client = await app.ClientAsAsync("kefu");
        var r = await OkAsync<DeadlineResult>(await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/deadline", new { start = "2025-09-30T17:00", limit = "3wd" }));
        r.Due.ShouldBe(new DateTimeOffset(2025, 10, 11, 18, 0, 0, TimeSpan.FromHours(8)));
        r.Due!.Value.Offset.ShouldBe(TimeSpan.FromHours(8));
        r.VersionNumber.ShouldBe(1);
        r.Limit.ShouldBe("3wd");
        r.Explanation.ShouldContain("8 天");
        r.Explanation.ShouldContain("调休上班 1 天");

        // The same limit as an object, and the start as an absolute instant.
        var same = await OkAsync<DeadlineResult>(await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/deadline",
            new { start = "2025-09-30T09:00:00Z", limit = new { amount = 3, unit = "Days", basis = "Working" } }));
        same.Due.ShouldBe(r.Due);

        // Four working hours from Friday 09-26 16:00: 2 h on Friday, Saturday rests, Sunday 09-28 is a 调休 workday: 08:30 + 2 h.
        var sunday = await OkAsync<DeadlineResult>(await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/deadline", new { start = "2025-09-26 16:00", limit = "4wh" }));
        sunday.Due.ShouldBe(new DateTimeOffset(2025, 9, 28, 10, 30, 0, TimeSpan.FromHours(8)));
        sunday.Explanation.ShouldContain("调休上班 1 天");

        // Natural hours ignore holidays; the 7×24 calendar counts every moment.
        var natural = await OkAsync<DeadlineResult>(await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/deadline", new { start = "2025-09-30T17:00", limit = "48h" }));
        natural.Due.ShouldBe(new DateTimeOffset(2025, 10, 2, 17, 0, 0, TimeSpan.FromHours(8)));
        var open = await ShippedAsync("7X24");
        var hotline = await OkAsync<DeadlineResult>(await client.PostJsonAsync($"/api/v1/calendars/{open.Id}/deadline", new { start = "2025-09-30T17:00", limit = "8wh" }));
        hotline.Due.ShouldBe(new DateTimeOffset(2025, 10, 1, 1, 0, 0, TimeSpan.FromHours(8)));

        // A pause (挂起) of 1.5 working hours pushes the due time out by as much: Friday 16:00 + 4 h, paused 16:00–17:30:
        // Friday counts 17:30–18:00 (0.5 h), Sunday 08:30 + 3.5 h → 12:00.
        var paused = await OkAsync<DeadlineResult>(await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/deadline",
            new { start = "2025-09-26 16:00", limit = "4wh", pauses = new[] { new { from = "2025-09-26 16:00", to = "2025-09-26 17:30" } } }));
        paused.Due.ShouldBe(new DateTimeOffset(2025, 9, 28, 12, 0, 0, TimeSpan.FromHours(8)));
        paused.Explanation.ShouldContain("已扣除 1 段挂起时间");

        // Still paused (no end) before the limit runs out: the due time cannot be known yet.
        var open2 = await OkAsync<DeadlineResult>(await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/deadline",
            new { start = "2025-09-26 16:00", limit = "4wh", pauses = new[] { new { from = "2025-09-26 17:00", to = (string?)null } } }));
        open2.Due.ShouldBeNull();
        open2.Explanation.ShouldContain("挂起尚未结束");
    }

    [Fact]
    public async Task Elapsed_working_time_skips_the_holidays()
    {
        // 09-30 09:00–12:00 and 14:30–18:00 = 6.5 h; 10-01..08 holidays; 10-09 08:30–10:00 = 1.5 h → 8 h.
        var std = await ShippedAsync("CN-STD");
        var client = await app.ClientAsAsync("jishu");
        var working = await OkAsync<ElapsedResult>(await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/elapsed",
            new { from = "2025-09-30T09:00", to = "2025-10-09T10:00", basis = "Working" }));
        working.Minutes.ShouldBe(480);
        working.VersionNumber.ShouldBe(1);
        working.Duration.ShouldBe("8 小时 0 分钟");
        working.Explanation.ShouldContain("8 天");

        var natural = await OkAsync<ElapsedResult>(await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/elapsed",
            new { from = "2025-09-30T09:00", to = "2025-10-09T10:00", basis = "Natural" }));
        natural.Minutes.ShouldBe(((9 * 24) + 1) * 60);

        // Paused 14:00–16:00 on 09-30 covers 1.5 working hours (14:30–16:00).
        var paused = await OkAsync<ElapsedResult>(await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/elapsed",
            new { from = "2025-09-30T09:00", to = "2025-10-09T10:00", pauses = new[] { new { from = "2025-09-30T14:00", to = "2025-09-30T16:00" } } }));
        paused.Minutes.ShouldBe(390);
    }

    [Fact]
    public async Task Bad_input_gets_field_errors_and_unknown_ids_404()
    {
        var std = await ShippedAsync("CN-STD");
        var client = await app.ClientAsAsync("kefu");
        var bad = await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/deadline", new { start = "明天上午", limit = "3 weeks" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        bad.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("Start", out _).ShouldBeTrue();
        errors.TryGetProperty("Limit", out _).ShouldBeTrue();

        var backwards = await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/elapsed", new { from = "2025-10-09T10:00", to = "2025-09-30T09:00" });
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadAsStringAsync()).ShouldContain("结束时间不能早于开始时间。");

        (await client.PostJsonAsync($"/api/v1/calendars/{Guid.NewGuid()}/deadline", new { start = "2025-09-30T17:00", limit = "3wd" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/calendars/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/calendars/{std.Id}/versions/9")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostJsonAsync($"/api/v1/calendars/{std.Id}/deadline", new { start = "2025-09-30T17:00", limit = "3wd", version = 9 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Units_without_a_calendar_inherit_their_parents_up_to_the_default()
    {
        var admin = await app.ClientAsAsync("admin");
        var open = await ShippedAsync("7X24");
        var units = await OkAsync<List<UnitCalendarDto>>(await admin.GetAsync("/api/v1/calendars/units"));
        UnitCalendarDto Unit(List<UnitCalendarDto> list, string code) => list.Single(u => u.UnitCode == code);
        (Unit(units, "CSC-CALL").Source, Unit(units, "CSC-CALL").CalendarCode).ShouldBe((CalendarSource.Own, "7X24"));
        (Unit(units, "ENG-R1").Source, Unit(units, "ENG-R1").CalendarCode).ShouldBe((CalendarSource.Default, "CN-STD"));

        // 工程部 goes 7×24 (emergency repairs): both repair teams inherit it.
        var eng = Unit(units, "ENG");
        var assigned = await OkAsync<UnitCalendarDto>(await admin.PutJsonAsync($"/api/v1/calendars/units/{eng.UnitId}", new AssignCalendarRequest(open.Id)));
        assigned.Source.ShouldBe(CalendarSource.Own);
        units = await OkAsync<List<UnitCalendarDto>>(await admin.GetAsync("/api/v1/calendars/units"));
        var r1 = Unit(units, "ENG-R1");
        (r1.Source, r1.CalendarCode, r1.InheritedFromUnitId, r1.InheritedFromUnitName).ShouldBe((CalendarSource.Inherited, "7X24", eng.UnitId, "工程部"));

        // The technician sees his own unit only, and which calendar it uses.
        var jishu = await OkAsync<List<UnitCalendarDto>>(await (await app.ClientAsAsync("jishu")).GetAsync("/api/v1/calendars/units"));
        jishu.Select(u => u.UnitCode).ShouldBe(["ENG-R1"]);
        jishu[0].CalendarCode.ShouldBe("7X24");
        jishu[0].InheritedFromUnitName.ShouldBeNull();   // 工程部 lies outside his scope

        // Other modules ask through the contract.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var calendars = scope.ServiceProvider.GetRequiredService<ICalendars>();
            var handle = await calendars.ForUnitAsync(r1.UnitId);
            (handle.Code, handle.VersionNumber).ShouldBe(("7X24", 1));
            handle.Compiled.Definition.AlwaysOpen.ShouldBeTrue();
            var window = await calendars.ForUnitAsync(Unit(units, "CSC-WIN").UnitId, new DateTimeOffset(2025, 10, 1, 10, 0, 0, TimeSpan.FromHours(8)));
            window.Code.ShouldBe("CN-STD");
            window.Compiled.IsWorkingDay(new DateOnly(2025, 10, 1)).ShouldBeFalse();
            (await calendars.GetAsync(window.CalendarId, 1, DateTimeOffset.UtcNow)).Compiled.ShouldBeSameAs(window.Compiled);   // compiled once per version
            await Should.ThrowAsync<Norma.Shared.Errors.NotFoundException>(() => calendars.ForUnitAsync(Guid.NewGuid()));
        }

        // Back to inheriting: the default again.
        (await OkAsync<UnitCalendarDto>(await admin.PutJsonAsync($"/api/v1/calendars/units/{eng.UnitId}", new AssignCalendarRequest(null)))).Source.ShouldBe(CalendarSource.Default);
        (await OkAsync<UnitCalendarDto>(await admin.GetAsync($"/api/v1/calendars/units/{r1.UnitId}"))).CalendarCode.ShouldBe("CN-STD");
        (await admin.PutJsonAsync($"/api/v1/calendars/units/{eng.UnitId}", new AssignCalendarRequest(Guid.NewGuid()))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await app.ClientAsAsync("zhuren")).PutJsonAsync($"/api/v1/calendars/units/{eng.UnitId}", new AssignCalendarRequest(open.Id))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "unit_calendar.created" && a.ActorName == "admin"))).ShouldBeGreaterThanOrEqualTo(1);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "unit_calendar.deleted"))).ShouldBeGreaterThanOrEqualTo(1);
        (await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync<AuditVerification>()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Only_administrators_change_calendars()
    {
        var std = await ShippedAsync("CN-STD");
        foreach (var user in new[] { "biaozhun", "kefu", "zhuren", "jishu", "zhijian", "lingdao" })
        {
            var client = await app.ClientAsAsync(user);
            var detail = await (await client.GetAsync($"/api/v1/calendars/{std.Id}")).ReadAsync<CalendarDetailDto>();
            var update = await client.PutJsonAsync($"/api/v1/calendars/{std.Id}",
                new UpdateCalendarRequest(detail.Name, detail.Description, detail.TimeZone, new DateOnly(2026, 1, 1), detail.Definition, null, detail.Version));
            update.StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
            (await client.PostJsonAsync("/api/v1/calendars", new CreateCalendarRequest("X" + user, "x", null, null, new DateOnly(2026, 1, 1), detail.Definition)))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
            (await client.PostAsync($"/api/v1/calendars/{std.Id}/default", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }

        (await ShippedAsync("CN-STD")).LatestVersionNumber.ShouldBe(1);
    }

    [Fact]
    public async Task The_api_is_documented()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        foreach (var path in new[] { "/api/v1/calendars", "/api/v1/calendars/{id}/deadline", "/api/v1/calendars/{id}/elapsed", "/api/v1/calendars/{id}/import",
                     "/api/v1/calendars/{id}/export", "/api/v1/calendars/units/{unitId}", "/api/v1/calendars/{id}/versions/{number}" })
        {
            doc.ShouldContain($"\"{path}\"");
        }
    }
}
