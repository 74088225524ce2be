using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Lists;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Platform.Data;
using Norma.Rules.Cases;
using Case = Norma.Modules.Cases.Domain.Case;

namespace Norma.IntegrationTests.Cases;

/// <summary>
/// Case lists through HTTP on a real database. Cases are written straight into the cases context (intake is another
/// feature); each test files its cases under an item id of its own so that tests sharing the database do not see each other.
/// </summary>
public sealed class CaseListTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private static readonly DateTime Base = new(2026, 3, 1, 16, 30, 0, DateTimeKind.Utc);   // 2026-03-02 00:30 in Shanghai
    private static int seq;

    private sealed record UnitRef(Guid Id, string Path);

    private sealed record Person(Guid Id, string Name);

    private async Task<(Dictionary<string, UnitRef> Units, Dictionary<string, Person> People)> OrgAsync() =>
        await app.WithDbAsync(async db => (
            await db.Units.ToDictionaryAsync(u => u.Code, u => new UnitRef(u.Id, u.Path)),
            await db.Users.ToDictionaryAsync(u => u.UserName!, u => new Person(u.Id, u.FullName))));

    private static Case NewCase(Guid item, UnitRef unit, Person owner, DateTime createdAt, string? title = null, string? number = null)
    {
        var n = Interlocked.Increment(ref seq);
        return new Case
        {
            Id = Guid.CreateVersion7(), Number = number ?? $"T{n:D6}-{Guid.NewGuid():N}"[..20], ItemId = item, ItemCode = "TEST", ItemName = "测试事项",
            Handling = HandlingKind.Promised, Channel = CaseChannel.Phone, Title = title ?? $"测试工单 {n}", Priority = Priority.Normal, Status = CaseStatus.Open,
            UnitId = unit.Id, UnitPath = unit.Path, OwnerId = owner.Id, OwnerName = owner.Name, CreatedById = owner.Id, CreatedByName = owner.Name,
            CreatedAt = createdAt, UpdatedAt = createdAt, CallerName = "李先生", CallerPhone = $"139{n:D8}",
        };
    }

    private async Task InsertAsync(params Case[] cases)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        db.Cases.AddRange(cases);
        await db.SaveChangesAsync();
    }

    private static async Task<CasePage> PageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/cases?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<CasePage>();
    }

    private static async Task<List<CaseRow>> WalkAsync(HttpClient client, string query, int pageSize)
    {
        var all = new List<CaseRow>();
        string? cursor = null;
        for (var i = 0; i < 1000; i++)
        {
            var page = await PageAsync(client, $"{query}&pageSize={pageSize}" + (cursor is null ? "" : $"&cursor={cursor}"));
            page.Rows.Count.ShouldBeLessThanOrEqualTo(pageSize);
            all.AddRange(page.Rows);
            page.HasMore.ShouldBe(page.NextCursor is not null);
            if (!page.HasMore)
            {
                return all;
            }

            cursor = page.NextCursor;
        }

        throw new InvalidOperationException("paging does not end");
    }

    [Fact]
    public async Task Keyset_paging_walks_every_row_exactly_once_in_order_for_each_sort()
    {
        var (units, people) = await OrgAsync();
        var item = Guid.NewGuid();
        var cases = new List<Case>();
        for (var i = 0; i < 23; i++)
        {
            // Ties: three cases share each creation instant; due instants tie in pairs; every fourth case has no running clock.
            var c = NewCase(item, units["ENG-R1"], people["kefu"], Base.AddMinutes(i / 3));
            c.NextDueAt = i % 4 == 0 ? null : Base.AddHours(10 + (i / 2));
            cases.Add(c);
        }

        await InsertAsync([.. cases]);
        var client = await app.ClientAsAsync("admin");
        foreach (var sort in Enum.GetValues<CaseSort>())
        {
            var everything = (await PageAsync(client, $"itemId={item}&sort={sort}&pageSize=100")).Rows;
            everything.Count.ShouldBe(23);
            foreach (var size in new[] { 1, 4, 7 })
            {
                var walked = await WalkAsync(client, $"itemId={item}&sort={sort}", size);
                walked.Select(r => r.Id).ShouldBe(everything.Select(r => r.Id), $"{sort} by {size}");
            }

            var times = everything.Select(r => r.CreatedAt).ToList();
            switch (sort)
            {
                case CaseSort.Newest:
                    times.ShouldBe(times.OrderDescending().ToList());
                    break;
                case CaseSort.Oldest:
                    times.ShouldBe(times.Order().ToList());
                    break;
                default:
                    var due = everything.Select(r => r.NextDueAt).ToList();
                    due.Take(17).ShouldAllBe(d => d != null);
                    due.Skip(17).ShouldAllBe(d => d == null);
                    due.Take(17).ShouldBe(due.Take(17).Order().ToList());
                    break;
            }
        }
    }

    [Fact]
    public async Task Each_filter_narrows_the_list()
    {
        var (units, people) = await OrgAsync();
        var item = Guid.NewGuid();
        var now = DateTime.UtcNow;
        var a = NewCase(item, units["ENG-R1"], people["kefu"], Base, "燃气表漏气 检修", "GEN-FILTER-A1");
        a.Status = CaseStatus.Dispatched;
        a.AssigneeId = people["jishu"].Id;
        a.AssigneeName = people["jishu"].Name;
        a.NextDueAt = now.AddHours(2);
        a.ClockFlag = 1;
        a.CallerPhone = "13911112222";
        var b = NewCase(item, units["ENG-R2"], people["zhuren"], Base.AddDays(1), "空调不制冷", "GEN-FILTER-B2");
        b.Status = CaseStatus.Closed;
        b.ClockFlag = 3;
        b.Channel = CaseChannel.Hotline;
        b.ExternalNumber = "12345-2026-0001";
        b.Priority = Priority.Urgent;
        var c = NewCase(item, units["ENG"], people["zhuren"], Base.AddDays(2), "=HYPERLINK(\"x\") 水管破裂", "GEN-FILTER-C3");
        c.NextDueAt = now.AddHours(10);
        c.ClockFlag = 2;
        c.Channel = CaseChannel.WeChat;
        var d = NewCase(item, units["CSC-WIN"], people["kefu"], Base.AddMinutes(-31), "门锁维修", "GEN-FILTER-D4");   // 2026-03-01 23:59 local
        d.Status = CaseStatus.Cancelled;
        await InsertAsync(a, b, c, d);

        var admin = await app.ClientAsAsync("admin");
        async Task<string[]> Numbers(string query) =>
            [.. (await PageAsync(admin, $"itemId={item}&{query}")).Rows.Select(r => r.Number).Order(StringComparer.Ordinal)];

        (await Numbers("")).ShouldBe(["GEN-FILTER-A1", "GEN-FILTER-B2", "GEN-FILTER-C3", "GEN-FILTER-D4"]);
        (await Numbers("status=Dispatched&status=Closed")).ShouldBe(["GEN-FILTER-A1", "GEN-FILTER-B2"]);
        (await Numbers("status=Closed")).ShouldBe(["GEN-FILTER-B2"]);
        (await Numbers("openOnly=true")).ShouldBe(["GEN-FILTER-A1", "GEN-FILTER-C3"]);
        (await Numbers($"unitId={units["ENG"].Id}")).ShouldBe(["GEN-FILTER-C3"]);
        (await Numbers($"unitId={units["ENG"].Id}&includeSubunits=true")).ShouldBe(["GEN-FILTER-A1", "GEN-FILTER-B2", "GEN-FILTER-C3"]);
        (await Numbers($"ownerId={people["zhuren"].Id}")).ShouldBe(["GEN-FILTER-B2", "GEN-FILTER-C3"]);
        (await Numbers($"assigneeId={people["jishu"].Id}")).ShouldBe(["GEN-FILTER-A1"]);
        (await Numbers("channel=Hotline")).ShouldBe(["GEN-FILTER-B2"]);
        (await Numbers("channel=WeChat")).ShouldBe(["GEN-FILTER-C3"]);
        (await Numbers("priority=Urgent")).ShouldBe(["GEN-FILTER-B2"]);
        (await Numbers("clock=DueSoon")).ShouldBe(["GEN-FILTER-A1"]);
        (await Numbers("clock=DueSoon&dueWithinHours=12")).ShouldBe(["GEN-FILTER-A1", "GEN-FILTER-C3"]);
        (await Numbers("clock=Warning")).ShouldBe(["GEN-FILTER-C3"]);
        (await Numbers("clock=Breached")).ShouldBe(["GEN-FILTER-B2"]);
        (await Numbers("createdFrom=2026-03-02&createdTo=2026-03-02")).ShouldBe(["GEN-FILTER-A1"]);     // local days in Asia/Shanghai
        (await Numbers("createdTo=2026-03-01")).ShouldBe(["GEN-FILTER-D4"]);
        (await Numbers("createdFrom=2026-03-03")).ShouldBe(["GEN-FILTER-B2", "GEN-FILTER-C3"]);
        (await Numbers("text=GEN-FILTER-C3")).ShouldBe(["GEN-FILTER-C3"]);
        (await Numbers("text=GEN-FILTER-")).ShouldBe(["GEN-FILTER-A1", "GEN-FILTER-B2", "GEN-FILTER-C3", "GEN-FILTER-D4"]);
        (await Numbers("text=12345-2026-0001")).ShouldBe(["GEN-FILTER-B2"]);
        (await Numbers("text=13911112222")).ShouldBe(["GEN-FILTER-A1"]);
        (await Numbers("text=1391111")).ShouldBeEmpty();   // phones match exactly, never by part
        (await Numbers("text=水管")).ShouldBe(["GEN-FILTER-C3"]);
        (await Numbers("text=FILTER-C3")).ShouldBeEmpty(); // numbers match from the start

        var jishu = await app.ClientAsAsync("jishu");
        (await PageAsync(jishu, $"itemId={item}&mine=true")).Rows.Select(r => r.Number).ShouldBe(["GEN-FILTER-A1"]);

        // Lists never show a whole phone.
        var row = (await PageAsync(admin, $"itemId={item}&text=13911112222")).Rows.Single();
        row.CallerPhone.ShouldBe("139****2222");
        row.UnitName.ShouldBe("维修一班");

        var count = await (await admin.GetAsync($"/api/v1/cases/count?itemId={item}&openOnly=true")).ReadAsync<CaseCount>();
        count.ShouldBe(new CaseCount(2, false));
    }

    [Fact]
    public async Task A_technician_never_sees_another_crews_case_but_sees_one_assigned_to_him()
    {
        var (units, people) = await OrgAsync();
        var item = Guid.NewGuid();
        var canary = NewCase(item, units["ENG-R2"], people["huanglei"], Base, "CANARYZQ 金丝雀漏水", "GEN-CANARY-ZQ7");
        canary.CallerPhone = "13977778888";
        canary.ClockFlag = 3;
        canary.NextDueAt = DateTime.UtcNow.AddHours(1);
        var assigned = NewCase(item, units["ENG-R2"], people["huanglei"], Base.AddMinutes(1), "CANARYZQ 指派给赵强", "GEN-CANARY-AS8");
        assigned.AssigneeId = people["jishu"].Id;
        assigned.AssigneeName = people["jishu"].Name;
        var own = NewCase(item, units["ENG-R1"], people["kefu"], Base.AddMinutes(2), "CANARYZQ 一班工单", "GEN-CANARY-R19");
        await InsertAsync(canary, assigned, own);

        var jishu = await app.ClientAsAsync("jishu");
        async Task<string[]> Seen(HttpClient client, string query)
        {
            var rows = await WalkAsync(client, query, 100);
            return [.. rows.Select(r => r.Number).Where(n => n.StartsWith("GEN-CANARY", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        }

        (await Seen(jishu, "sort=Newest")).ShouldBe(["GEN-CANARY-AS8", "GEN-CANARY-R19"]);
        (await Seen(jishu, $"itemId={item}")).ShouldBe(["GEN-CANARY-AS8", "GEN-CANARY-R19"]);
        (await Seen(jishu, "text=GEN-CANARY-ZQ7")).ShouldBeEmpty();
        (await Seen(jishu, "text=GEN-CANARY")).ShouldBe(["GEN-CANARY-AS8", "GEN-CANARY-R19"]);
        (await Seen(jishu, "text=金丝雀")).ShouldBeEmpty();
        (await Seen(jishu, "text=13977778888")).ShouldBeEmpty();
        (await Seen(jishu, "clock=Breached")).ShouldBeEmpty();
        (await Seen(jishu, "sort=DueSoonest")).ShouldBe(["GEN-CANARY-AS8", "GEN-CANARY-R19"]);
        (await Seen(jishu, $"unitId={units["ENG-R2"].Id}")).ShouldBe(["GEN-CANARY-AS8"]);
        foreach (var view in new[] { CaseViewService.MyOpen, CaseViewService.UnitOverdue, CaseViewService.DueSoon })
        {
            (await Seen(jishu, $"view={view}")).ShouldNotContain("GEN-CANARY-ZQ7");
        }

        var saved = await (await jishu.PostJsonAsync("/api/v1/cases/views", new SaveCaseViewRequest("二班的", new CaseQuery(UnitId: units["ENG-R2"].Id))))
            .ReadAsync<CaseViewDto>();
        (await Seen(jishu, $"view={saved.Id}")).ShouldBe(["GEN-CANARY-AS8"]);
        var count = await (await jishu.GetAsync($"/api/v1/cases/count?itemId={item}")).ReadAsync<CaseCount>();
        count.Count.ShouldBe(2);

        var export = await jishu.GetAsync("/api/v1/cases/export.xlsx");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var numbers = MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>()
            .Select(r => r[CaseExportService.ColNumber]?.ToString()).ToList();
        numbers.ShouldContain("GEN-CANARY-AS8");
        numbers.ShouldNotContain("GEN-CANARY-ZQ7");

        // The other crew and their supervisor do see it; the front desk of another unit sees none of them.
        (await Seen(await app.ClientAsAsync("huanglei"), $"itemId={item}")).ShouldBe(["GEN-CANARY-AS8", "GEN-CANARY-ZQ7"]);
        (await Seen(await app.ClientAsAsync("zhuren"), $"itemId={item}")).ShouldBe(["GEN-CANARY-AS8", "GEN-CANARY-R19", "GEN-CANARY-ZQ7"]);
        (await Seen(await app.ClientAsAsync("zhijian"), $"itemId={item}")).ShouldBe(["GEN-CANARY-AS8", "GEN-CANARY-R19", "GEN-CANARY-ZQ7"]);
        (await Seen(await app.ClientAsAsync("kefu"), "text=GEN-CANARY")).ShouldBe(["GEN-CANARY-R19"]);   // kefu registered it: 首问负责
    }

    [Fact]
    public async Task A_bad_cursor_is_a_400_problem()
    {
        var client = await app.ClientAsAsync("admin");
        foreach (var cursor in new[] { "not-a-cursor", "AAAA", Convert.ToBase64String("1|0|abc|x"u8.ToArray()) })
        {
            var response = await client.GetAsync($"/api/v1/cases?cursor={Uri.EscapeDataString(cursor)}");
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = await response.ReadAsync<JsonElement>();
            problem.GetProperty("errors").TryGetProperty("cursor", out _).ShouldBeTrue();
        }

        // A cursor of another sort is refused too, and so are page sizes outside 1–100.
        var (units, people) = await OrgAsync();
        var item = Guid.NewGuid();
        await InsertAsync(NewCase(item, units["ENG"], people["zhuren"], Base), NewCase(item, units["ENG"], people["zhuren"], Base.AddMinutes(1)));
        var first = await PageAsync(client, $"itemId={item}&pageSize=1");
        first.NextCursor.ShouldNotBeNull();
        (await client.GetAsync($"/api/v1/cases?itemId={item}&sort=Oldest&cursor={first.NextCursor}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/v1/cases?pageSize=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/v1/cases?pageSize=101")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Saved_views_belong_to_their_owner()
    {
        var jishu = await app.ClientAsAsync("jishu");
        var huanglei = await app.ClientAsAsync("huanglei");
        var views = await (await jishu.GetAsync("/api/v1/cases/views")).ReadAsync<List<CaseViewDto>>();
        views.Where(v => v.BuiltIn).Select(v => v.Key).ShouldBe([CaseViewService.MyOpen, CaseViewService.UnitOverdue, CaseViewService.DueSoon]);

        var created = await jishu.PostJsonAsync("/api/v1/cases/views", new SaveCaseViewRequest("我的紧急", new CaseQuery(Priority: Priority.Urgent, Mine: true, Cursor: "x")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var view = await created.ReadAsync<CaseViewDto>();
        view.Query.Priority.ShouldBe(Priority.Urgent);
        view.Query.Cursor.ShouldBeNull();

        // Saving under the same name replaces it.
        var replaced = await (await jishu.PostJsonAsync("/api/v1/cases/views", new SaveCaseViewRequest("我的紧急", new CaseQuery(Priority: Priority.High))))
            .ReadAsync<CaseViewDto>();
        replaced.Id.ShouldBe(view.Id);
        (await (await jishu.GetAsync("/api/v1/cases/views")).ReadAsync<List<CaseViewDto>>()).Single(v => v.Id == view.Id).Query.Priority.ShouldBe(Priority.High);

        (await (await huanglei.GetAsync("/api/v1/cases/views")).ReadAsync<List<CaseViewDto>>()).ShouldNotContain(v => v.Id == view.Id);
        (await huanglei.GetAsync($"/api/v1/cases?view={view.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await huanglei.DeleteAsync($"/api/v1/cases/views/{view.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await jishu.PostJsonAsync("/api/v1/cases/views", new SaveCaseViewRequest(" ", null))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await jishu.DeleteAsync($"/api/v1/cases/views/{view.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await jishu.GetAsync("/api/v1/cases/views")).ReadAsync<List<CaseViewDto>>()).ShouldNotContain(v => v.Id == view.Id);
    }

    [Fact]
    public async Task The_export_neutralizes_formulas_and_masks_phones()
    {
        var (units, people) = await OrgAsync();
        var item = Guid.NewGuid();
        var c = NewCase(item, units["ENG-R1"], people["kefu"], Base, "=cmd|' /C calc'!A0", "GEN-EXPORT-1");
        c.CallerPhone = "13955556666";
        await InsertAsync(c, NewCase(item, units["ENG-R1"], people["kefu"], Base.AddMinutes(1), "+SUM(1,2)", "GEN-EXPORT-2"));
        var response = await (await app.ClientAsAsync("zhijian")).GetAsync($"/api/v1/cases/export.xlsx?itemId={item}&sort=Oldest");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(CaseListEndpoints.ExcelType);
        var rows = MiniExcel.Query(await response.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.Select(r => r[CaseExportService.ColTitle]?.ToString()).ShouldBe(["'=cmd|' /C calc'!A0", "'+SUM(1,2)"]);
        rows[0][CaseExportService.ColPhone]?.ToString().ShouldBe("139****6666");
        rows[0][CaseExportService.ColCreated]?.ToString().ShouldBe("2026-03-02 00:30");
    }
}
