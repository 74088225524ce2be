using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Reports;
using Norma.Modules.Catalog.Domain;
using Norma.Shared;
using Norma.Modules.Platform.Data;
using Norma.Rules.Cases;
using Case = Norma.Modules.Cases.Domain.Case;

namespace Norma.IntegrationTests.Cases;

/// <summary>
/// The daily reports over HTTP on a real database. Cases and work lines are planted directly (intake is another
/// feature); expected totals are computed by hand below. Day: 2026-03-02 in Asia/Shanghai (UTC+8).
///
/// ENG-R1 (jishu's unit):  R1A created 03-02 09:00, dispatched 10:00, completed 14:00, closed 16:00; owner kefu; phone 13912345678
///                         R1B created 03-01 23:30 (= 03-01 15:30Z), dispatched 03-02 08:30, accepted, channel Visit
/// ENG-R2 (huanglei's):    R2 created 03-02 10:00, dispatched 10:30, on site, paused since 11:00, clock breached 12:00 (canary for jishu)
/// CSC-WIN:                CSC created 03-02 11:00, open (outside 工程部)
/// Work on 03-02: jishu R1A 90 min A ¥120.00 · jishu R1B 30 min C ¥0.50 · jishu R2 15 min D · huanglei R2 45 min B.
/// Work on 03-01: jishu R1B 60 min A ¥10.00.
/// </summary>
public sealed class CaseReportTests(CaseReportTests.Fixture fx) : IClassFixture<CaseReportTests.Fixture>
{
    private const string Day = "2026-03-02";
    private const string Canary = "黄磊班金丝雀";

    public sealed class Fixture : IAsyncLifetime
    {
        public NormaFactory App { get; } = new();
        public Dictionary<string, Guid> Users { get; } = [];
        public Dictionary<string, Guid> Units { get; } = [];
        public Guid R1A { get; private set; }
        public Guid R1B { get; private set; }
        public Guid R2 { get; private set; }
        public Guid Csc { get; private set; }

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            await using var scope = App.Services.CreateAsyncScope();
            var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            foreach (var u in await platform.Users.Where(u => new[] { "admin", "kefu", "zhuren", "jishu", "huanglei", "zhijian" }.Contains(u.UserName!)).ToListAsync())
            {
                Users[u.UserName!] = u.Id;
            }

            var units = await platform.Units.ToListAsync();
            foreach (var u in units)
            {
                Units[u.Code] = u.Id;
            }

            string PathOf(string code) => units.Single(u => u.Code == code).Path;
            var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
            Case Make(string number, string unit, DateTime createdLocal, CaseStatus status, string? assignee, CaseChannel channel = CaseChannel.Phone,
                string? phone = null, string? caller = null)
            {
                var created = Utc(createdLocal);
                var c = new Case
                {
                    Id = Guid.CreateVersion7(), Number = number, ItemId = Guid.CreateVersion7(), ItemCode = "WX", ItemName = "家电维修",
                    Handling = HandlingKind.Promised, Channel = channel, CallerName = caller ?? "王先生", CallerPhone = phone ?? "13800138000",
                    Address = "人民路 1 号", Title = $"{number} 空调不制冷", Priority = Priority.Normal, Status = status,
                    UnitId = Units[unit], UnitPath = PathOf(unit), OwnerId = Users["admin"], OwnerName = "系统管理员",
                    AssigneeId = assignee is null ? null : Users[assignee], AssigneeName = assignee,
                    CreatedById = Users["admin"], CreatedByName = "系统管理员", CreatedAt = created, UpdatedAt = created,
                };
                db.Cases.Add(c);
                return c;
            }

            var r1a = Make("R1A-0001", "ENG-R1", new(2026, 3, 2, 9, 0, 0), CaseStatus.Closed, "jishu", phone: "13912345678", caller: "=HYPERLINK(\"x\")");
            r1a.OwnerId = Users["kefu"];
            r1a.OwnerName = "张丽";
            r1a.DispatchedAt = Utc(new(2026, 3, 2, 10, 0, 0));
            r1a.CompletedAt = Utc(new(2026, 3, 2, 14, 0, 0));
            r1a.ClosedAt = Utc(new(2026, 3, 2, 16, 0, 0));
            var r1b = Make("R1B-0002", "ENG-R1", new(2026, 3, 1, 23, 30, 0), CaseStatus.Accepted, "jishu", CaseChannel.Visit);
            r1b.DispatchedAt = Utc(new(2026, 3, 2, 8, 30, 0));
            var r2 = Make("R2-0003", "ENG-R2", new(2026, 3, 2, 10, 0, 0), CaseStatus.OnSite, "huanglei", phone: "13700001111", caller: Canary);
            r2.DispatchedAt = Utc(new(2026, 3, 2, 10, 30, 0));
            r2.IsPaused = true;
            var csc = Make("CSC-0004", "CSC-WIN", new(2026, 3, 2, 11, 0, 0), CaseStatus.Open, null);
            db.Pauses.Add(new CasePause { Id = Guid.CreateVersion7(), CaseId = r2.Id, Reason = default, From = Utc(new(2026, 3, 2, 11, 0, 0)), StartedBy = "黄磊" });
            db.Clocks.Add(new CaseCommitment
            {
                Id = Guid.CreateVersion7(), CaseId = r2.Id, CommitmentId = Guid.CreateVersion7(), Name = "到场时限", Limit = "2h",
                CalendarId = Guid.CreateVersion7(), StartedAt = r2.CreatedAt, DueAt = Utc(new(2026, 3, 2, 12, 0, 0)),
                BreachedAt = Utc(new(2026, 3, 2, 12, 0, 0)), State = default,
            });

            void Work(Case c, string who, DateOnly day, int minutes, ChargeType charge, long fee, string? parts = null) =>
                db.Work.Add(new CaseWork
                {
                    Id = Guid.CreateVersion7(), CaseId = c.Id, AccountId = Users[who], AccountName = who, WorkDate = day, Minutes = minutes,
                    Charge = charge, FeeFen = fee, Parts = parts, Description = $"{who} 检修", At = Utc(day.ToDateTime(new TimeOnly(12, 0))),
                });
            var d = new DateOnly(2026, 3, 2);
            Work(r1a, "jishu", d, 90, ChargeType.Paid, 12_000, "@压缩机电容");
            Work(r1b, "jishu", d, 30, ChargeType.Free, 50);
            Work(r2, "jishu", d, 15, ChargeType.Internal, 0);
            Work(r2, "huanglei", d, 45, ChargeType.Contract, 0);
            Work(r1b, "jishu", d.AddDays(-1), 60, ChargeType.Paid, 1_000);
            await db.SaveChangesAsync();
            (R1A, R1B, R2, Csc) = (r1a.Id, r1b.Id, r2.Id, csc.Id);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();

        /// <summary>A local (Asia/Shanghai) wall-clock time as UTC.</summary>
        private static DateTime Utc(DateTime local) => DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc);
    }

    private async Task<T> GetAsync<T>(string user, string url)
    {
        var response = await (await fx.App.ClientAsAsync(user)).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<T>();
    }

    private async Task<List<IDictionary<string, object?>>> SheetAsync(string user, string url, string? sheet = null)
    {
        var response = await (await fx.App.ClientAsAsync(user)).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe(ExcelDownload.ContentType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }

    [Fact]
    public async Task Technician_daily_lists_his_lines_of_the_day_with_totals_by_charge_type()
    {
        var r = await GetAsync<TechnicianDailyReport>("jishu", $"/api/v1/cases/reports/technician-daily?date={Day}");
        r.AccountId.ShouldBe(fx.Users["jishu"]);
        r.Date.ShouldBe(new DateOnly(2026, 3, 2));

        // His line on huanglei's unit's case (R2) is outside his case scope: not shown to him.
        r.Lines.Select(l => l.CaseNumber).ShouldBe(["R1A-0001", "R1B-0002"], ignoreOrder: true);
        r.TotalMinutes.ShouldBe(90 + 30);
        r.TotalFeeFen.ShouldBe(12_050); // ¥120.50
        var a = r.ByCharge.Single(t => t.Charge == ChargeType.Paid);
        (a.Lines, a.Minutes, a.FeeFen).ShouldBe((1, 90, 12_000L));
        var c = r.ByCharge.Single(t => t.Charge == ChargeType.Free);
        (c.Lines, c.Minutes, c.FeeFen).ShouldBe((1, 30, 50L));
        r.ByCharge.Select(t => t.Charge).ShouldBe([ChargeType.Paid, ChargeType.Contract, ChargeType.Free, ChargeType.Internal]);
        r.ByCharge.Single(t => t.Charge == ChargeType.Contract).Minutes.ShouldBe(0);
        r.Lines.Single(l => l.CaseNumber == "R1A-0001").Parts.ShouldBe("@压缩机电容");

        var dayBefore = await GetAsync<TechnicianDailyReport>("jishu", "/api/v1/cases/reports/technician-daily?date=2026-03-01");
        (dayBefore.TotalMinutes, dayBefore.TotalFeeFen).ShouldBe((60, 1_000L));
    }

    [Fact]
    public async Task Another_persons_daily_report_needs_dispatch_reaching_that_person()
    {
        var jishu = await fx.App.ClientAsAsync("jishu");
        var forbidden = await jishu.GetAsync($"/api/v1/cases/reports/technician-daily?accountId={fx.Users["huanglei"]}&date={Day}");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await jishu.GetAsync($"/api/v1/cases/reports/technician-daily.xlsx?accountId={fx.Users["huanglei"]}&date={Day}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var zhuren = await fx.App.ClientAsAsync("zhuren");
        var outside = await zhuren.GetAsync($"/api/v1/cases/reports/technician-daily?accountId={fx.Users["kefu"]}&date={Day}");
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        outside.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await zhuren.GetAsync($"/api/v1/cases/reports/technician-daily?accountId={Guid.NewGuid()}&date={Day}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The supervisor reaches all of 工程部: jishu's line on R2 counts too.
        var r = await GetAsync<TechnicianDailyReport>("zhuren", $"/api/v1/cases/reports/technician-daily?accountId={fx.Users["jishu"]}&date={Day}");
        r.TotalMinutes.ShouldBe(90 + 30 + 15);
        r.TotalFeeFen.ShouldBe(12_050);
        r.ByCharge.Single(t => t.Charge == ChargeType.Internal).Minutes.ShouldBe(15);
    }

    [Fact]
    public async Task Supervisor_daily_counts_the_units_day()
    {
        var r = await GetAsync<SupervisorDailyReport>("zhuren", $"/api/v1/cases/reports/supervisor-daily?date={Day}");
        r.UnitId.ShouldBe(fx.Units["ENG"]);
        // Received R1A, R2 (R1B was received on the 1st); dispatched R1A, R1B, R2; R1A completed and closed; R1B and R2 open;
        // R2's clock breached and R2 paused. The CSC-WIN case is not 工程部's.
        r.Counts.ShouldBe(new SupervisorCounts(Received: 2, Dispatched: 3, Completed: 1, Closed: 1, OpenAtEndOfDay: 2, Breached: 1, PausedAtEndOfDay: 1));
        var jishu = r.ByTechnician.Single(t => t.AccountId == fx.Users["jishu"]);
        (jishu.Cases, jishu.Minutes, jishu.FeeFen, jishu.PaidMinutes, jishu.FreeMinutes, jishu.InternalMinutes).ShouldBe((3, 135, 12_050L, 90, 30, 15));
        var huanglei = r.ByTechnician.Single(t => t.AccountId == fx.Users["huanglei"]);
        (huanglei.Cases, huanglei.Minutes, huanglei.ContractMinutes).ShouldBe((1, 45, 45));
        r.ByCharge.Select(t => t.Minutes).ShouldBe([90, 45, 30, 15]);
        (r.TotalMinutes, r.TotalFeeFen).ShouldBe((180, 12_050L));

        var r2 = await GetAsync<SupervisorDailyReport>("zhuren", $"/api/v1/cases/reports/supervisor-daily?unitId={fx.Units["ENG-R2"]}&date={Day}");
        r2.Counts.ShouldBe(new SupervisorCounts(1, 1, 0, 0, 1, 1, 1));
        r2.TotalMinutes.ShouldBe(15 + 45);

        var previous = await GetAsync<SupervisorDailyReport>("zhuren", "/api/v1/cases/reports/supervisor-daily?date=2026-03-01");
        previous.Counts.ShouldBe(new SupervisorCounts(1, 0, 0, 0, 1, 0, 0));
    }

    [Fact]
    public async Task Supervisor_daily_needs_dispatch_over_the_unit()
    {
        var jishu = await fx.App.ClientAsAsync("jishu");
        (await jishu.GetAsync($"/api/v1/cases/reports/supervisor-daily?date={Day}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await jishu.GetAsync($"/api/v1/cases/reports/supervisor-daily.xlsx?date={Day}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var zhuren = await fx.App.ClientAsAsync("zhuren");
        var other = await zhuren.GetAsync($"/api/v1/cases/reports/supervisor-daily?unitId={fx.Units["CSC-WIN"]}&date={Day}");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        other.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Ledger_days_are_local_days_and_rows_follow_the_case_scope()
    {
        var first = await GetAsync<LedgerReport>("zhijian", "/api/v1/cases/reports/ledger?from=2026-03-01&to=2026-03-01");
        first.Rows.Select(x => x.Number).ShouldBe(["R1B-0002"]); // 23:30 local on the 1st although 15:30Z

        var all = await GetAsync<LedgerReport>("zhijian", $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}");
        all.Rows.Select(x => x.Number).ShouldBe(["R1B-0002", "R1A-0001", "R2-0003", "CSC-0004"]);
        (all.Total, all.Truncated).ShouldBe((4, false));
        var r1a = all.Rows.Single(x => x.Number == "R1A-0001");
        (r1a.OwnerName, r1a.Status, r1a.Channel, r1a.ItemName).ShouldBe(("张丽", CaseStatus.Closed, CaseChannel.Phone, "家电维修"));
        r1a.ClosedAt.ShouldBe(new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc));

        var jishu = await GetAsync<LedgerReport>("jishu", $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}");
        jishu.Rows.Select(x => x.Number).ShouldBe(["R1B-0002", "R1A-0001"]);
        jishu.Total.ShouldBe(2);

        var zhuren = await GetAsync<LedgerReport>("zhuren", $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}");
        zhuren.Rows.Select(x => x.Number).ShouldBe(["R1B-0002", "R1A-0001", "R2-0003"]);
        (await GetAsync<LedgerReport>("zhuren", $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}&unitId={fx.Units["ENG-R2"]}"))
            .Rows.Select(x => x.Number).ShouldBe(["R2-0003"]);
        (await GetAsync<LedgerReport>("zhuren", $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}&channel=Visit"))
            .Rows.Select(x => x.Number).ShouldBe(["R1B-0002"]);

        // kefu (CSC-WIN, own unit) sees his unit's case and the one he received (首问负责) in 工程部.
        (await GetAsync<LedgerReport>("kefu", $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}"))
            .Rows.Select(x => x.Number).ShouldBe(["R1A-0001", "CSC-0004"]);
    }

    [Fact]
    public async Task Reports_never_show_a_whole_phone_number()
    {
        var response = await (await fx.App.ClientAsAsync("zhijian")).GetAsync($"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("13912345678");
        body.ShouldNotContain("13700001111");
        var rows = (await GetAsync<LedgerReport>("zhijian", $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}")).Rows;
        rows.Single(x => x.Number == "R1A-0001").Phone.ShouldBe("139****5678");

        var sheet = await SheetAsync("zhijian", $"/api/v1/cases/reports/ledger.xlsx?from=2026-03-01&to={Day}");
        sheet.Select(x => x["联系电话"]?.ToString()).ShouldAllBe(p => p != null && p.Contains("****"));
    }

    [Fact]
    public async Task A_technician_never_sees_another_units_case_in_any_report_or_export()
    {
        var jishu = await fx.App.ClientAsAsync("jishu");
        foreach (var url in new[]
        {
            $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}",
            $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}&unitId={fx.Units["ENG-R2"]}",
            $"/api/v1/cases/reports/technician-daily?date={Day}",
        })
        {
            var body = await jishu.GetStringAsync(url);
            body.ShouldNotContain(Canary);
            body.ShouldNotContain("R2-0003");
            body.ShouldNotContain("CSC-0004");
        }

        (await GetAsync<LedgerReport>("jishu", $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}&unitId={fx.Units["ENG-R2"]}")).Rows.ShouldBeEmpty();

        foreach (var url in new[] { $"/api/v1/cases/reports/ledger.xlsx?from=2026-03-01&to={Day}", $"/api/v1/cases/reports/ledger?from=2026-03-01&to={Day}&format=xlsx" })
        {
            var rows = await SheetAsync("jishu", url);
            rows.Select(x => x["工单编号"]).ShouldBe(["R1B-0002", "R1A-0001"]);
            rows.ShouldAllBe(x => !Equals(x["来电(访)人"], Canary));
        }

        (await SheetAsync("jishu", $"/api/v1/cases/reports/technician-daily.xlsx?date={Day}")).Select(x => x["工单编号"]).ShouldBe(["R1A-0001", "R1B-0002"], ignoreOrder: true);
    }

    [Fact]
    public async Task Workbooks_have_the_expected_rows_and_neutralized_cells()
    {
        var lines = await SheetAsync("jishu", $"/api/v1/cases/reports/technician-daily.xlsx?date={Day}", "技术员工作日报表");
        lines.Count.ShouldBe(2);
        var r1a = lines.Single(x => Equals(x["工单编号"], "R1A-0001"));
        Convert.ToDecimal(r1a["费用(元)"]).ShouldBe(120.00m);
        Convert.ToInt32(r1a["工时(分钟)"]).ShouldBe(90);
        r1a["收费类别"].ShouldBe("A 有费");
        r1a["配件"].ShouldBe("'@压缩机电容");
        r1a["客户"].ShouldBe("'=HYPERLINK(\"x\")");
        var totals = await SheetAsync("jishu", $"/api/v1/cases/reports/technician-daily?date={Day}&format=xlsx", "按收费类别合计");
        totals.Select(x => x["收费类别"]).ShouldBe(["A 有费", "B 合同", "C 免费", "D 行政", "合计"]);
        var sum = totals[^1];
        (Convert.ToInt32(sum["工时(分钟)"]), Convert.ToDecimal(sum["费用(元)"])).ShouldBe((120, 120.50m));

        var counts = await SheetAsync("zhuren", $"/api/v1/cases/reports/supervisor-daily.xlsx?date={Day}", "服务主任日报表");
        counts.ToDictionary(x => (string)x["项目"]!, x => Convert.ToInt32(x["件数"]))
            .ShouldBe(new Dictionary<string, int> { ["当日受理"] = 2, ["当日派工"] = 3, ["当日完工"] = 1, ["当日办结"] = 1, ["日终未办结"] = 2, ["当日超时"] = 1, ["日终挂起"] = 1 }, ignoreOrder: true);
        var people = await SheetAsync("zhuren", $"/api/v1/cases/reports/supervisor-daily.xlsx?date={Day}", "按技术员");
        people.Count.ShouldBe(2);

        var ledger = await SheetAsync("zhijian", $"/api/v1/cases/reports/ledger.xlsx?from=2026-03-01&to={Day}");
        ledger.Select(x => x["工单编号"]).ShouldBe(["R1B-0002", "R1A-0001", "R2-0003", "CSC-0004"]);
        ledger[0]["受理时间"].ShouldBe("2026-03-01 23:30");
        ledger[1]["来电(访)人"].ShouldBe("'=HYPERLINK(\"x\")");
        ledger[1]["当前状态"].ShouldBe("已办结");
        ledger[0]["渠道"].ShouldBe("来访");

        var empty = await SheetAsync("jishu", "/api/v1/cases/reports/ledger.xlsx?from=2025-01-01&to=2025-01-02");
        empty.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_ledger_range_over_92_days_or_reversed_is_a_400()
    {
        var client = await fx.App.ClientAsAsync("zhijian");
        var tooLong = await client.GetAsync("/api/v1/cases/reports/ledger?from=2026-01-01&to=2026-04-03"); // 31 + 28 + 31 + 3 = 93 days
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        tooLong.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await client.GetAsync("/api/v1/cases/reports/ledger.xlsx?from=2026-01-01&to=2026-04-03")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/v1/cases/reports/ledger?from=2026-01-01&to=2026-04-02")).StatusCode.ShouldBe(HttpStatusCode.OK); // exactly 92
        (await client.GetAsync("/api/v1/cases/reports/ledger?from=2026-03-02&to=2026-03-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_browser_downloads_need_a_sign_in_and_reports_need_cases_read()
    {
        var anonymous = fx.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await anonymous.GetAsync($"/cases/reports/ledger.xlsx?from={Day}&to={Day}");
        page.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await anonymous.GetAsync($"/api/v1/cases/reports/ledger?from={Day}&to={Day}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var options = await GetAsync<ReportOptions>("zhuren", "/api/v1/cases/reports/options");
        options.CanDispatch.ShouldBeTrue();
        options.People.Select(p => p.Id).ShouldContain(fx.Users["jishu"]);
        options.People.Select(p => p.Id).ShouldNotContain(fx.Users["kefu"]);
        var own = await GetAsync<ReportOptions>("jishu", "/api/v1/cases/reports/options");
        (own.CanDispatch, own.People.Count).ShouldBe((false, 1));
    }
}
