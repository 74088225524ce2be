using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Organization.Features.Staff;
using Norma.Modules.Organization.Features.Units;

namespace Norma.IntegrationTests.Organization;

/// <summary>分管领导: a unit names the staff member who oversees it (the department assessment averages per overseer).</summary>
public sealed class UnitOverseerTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private Task<Guid> UnitIdAsync(string code) => app.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    private Task<Guid> StaffIdAsync(string userName) => app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<Guid?> StoredOverseerAsync(Guid unit) => app.WithDbAsync(db => db.Units.Where(u => u.Id == unit).Select(u => u.OverseerId).SingleAsync());

    private async Task<UnitInfo> DirectoryUnitAsync(Guid unit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IOrgDirectory>().UnitsAsync()).Single(u => u.Id == unit);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static SaveUnitRequest Edit(UnitDto unit, Guid? overseer) =>
        new(unit.ParentId, unit.Code, unit.Name, unit.Description, unit.SortOrder, unit.Version, overseer);

    [Fact]
    public async Task The_demo_names_two_deputy_general_managers_as_overseers()
    {
        var admin = await app.ClientAsAsync("admin");
        var units = await (await admin.GetAsync("/api/v1/org/units")).ReadAsync<List<UnitDto>>();
        var byCode = units.ToDictionary(u => u.Code);
        byCode["CSC"].OverseerName.ShouldBe("钱文");
        byCode["ENG"].OverseerName.ShouldBe("钱文");
        byCode["OFFICE"].OverseerName.ShouldBe("孙立");
        byCode["QIC"].OverseerName.ShouldBe("孙立");
        byCode["MKT"].OverseerName.ShouldBe("孙立");
        byCode["ENG-R1"].OverseerId.ShouldBeNull();
        byCode[DemoSeederCode].OverseerId.ShouldBeNull();

        (await DirectoryUnitAsync(byCode["ENG"].Id)).OverseerId.ShouldBe(await StaffIdAsync("fuzong1"));
    }

    private const string DemoSeederCode = "NORMA";

    [Fact]
    public async Task An_administrator_sets_reads_back_and_clears_an_overseer_and_the_change_is_audited()
    {
        var admin = await app.ClientAsAsync("admin");
        var lingdao = await StaffIdAsync("lingdao");
        var created = await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(await UnitIdAsync("MKT"), "MKT-OV", "渠道组", null, OverseerId: lingdao));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var unit = await created.ReadAsync<UnitDto>();
        (unit.OverseerId, unit.OverseerName).ShouldBe((lingdao, "周建国"));

        var fuzong2 = await StaffIdAsync("fuzong2");
        var set = await admin.PutJsonAsync($"/api/v1/org/units/{unit.Id}", Edit(unit, fuzong2));
        set.StatusCode.ShouldBe(HttpStatusCode.OK);
        unit = await set.ReadAsync<UnitDto>();
        (unit.OverseerId, unit.OverseerName).ShouldBe((fuzong2, "孙立"));
        var read = await (await admin.GetAsync($"/api/v1/org/units/{unit.Id}")).ReadAsync<UnitDto>();
        read.OverseerId.ShouldBe(fuzong2);
        // Other modules see it through the directory at once (the cache follows the save).
        (await DirectoryUnitAsync(unit.Id)).OverseerId.ShouldBe(fuzong2);

        var cleared = await admin.PutJsonAsync($"/api/v1/org/units/{unit.Id}", Edit(unit, null));
        cleared.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cleared.ReadAsync<UnitDto>()).ShouldSatisfyAllConditions(u => u.OverseerId.ShouldBeNull(), u => u.OverseerName.ShouldBeNull());
        (await StoredOverseerAsync(unit.Id)).ShouldBeNull();
        (await DirectoryUnitAsync(unit.Id)).OverseerId.ShouldBeNull();

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "unit.updated" && a.EntityId == unit.Id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Details).ToListAsync());
        audit.Count.ShouldBe(2);
        audit[0].ShouldContain("OverseerId");
        audit[0].ShouldContain(fuzong2.ToString());
        audit[1].ShouldContain("OverseerId");
    }

    [Fact]
    public async Task An_unknown_or_inactive_overseer_is_refused_with_a_field_message_and_nothing_changes()
    {
        var admin = await app.ClientAsAsync("admin");
        var qic = await (await admin.GetAsync($"/api/v1/org/units/{await UnitIdAsync("QIC")}")).ReadAsync<UnitDto>();
        var before = qic.OverseerId;
        before.ShouldNotBeNull();

        var unknown = await admin.PutJsonAsync($"/api/v1/org/units/{qic.Id}", Edit(qic, Guid.CreateVersion7()) with { Name = "改名不应生效" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(unknown)).GetProperty("errors").GetProperty("OverseerId")[0].GetString().ShouldBe("分管领导必须是在职的员工账号。");

        // An account that exists but was deactivated is refused too, in the caller's language.
        var mkt = await UnitIdAsync("MKT");
        var leaver = await (await admin.PostJsonAsync("/api/v1/org/staff", new CreateStaffRequest("ov.leaver", "离任副总", mkt, [], [], null, null, "leaver-pass-42"))).ReadAsync<StaffDto>();
        (await admin.PutJsonAsync($"/api/v1/org/staff/{leaver.Id}", new UpdateStaffRequest("离任副总", mkt, [], [], null, null, IsActive: false, Version: leaver.Version))).EnsureSuccessStatusCode();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/org/units/{qic.Id}") { Content = JsonContent.Create(Edit(qic, leaver.Id), options: NormaFactory.Json) };
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        var inactive = await admin.SendAsync(request);
        inactive.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(inactive)).GetProperty("errors").GetProperty("OverseerId")[0].GetString().ShouldBe("The overseer must be an active staff account.");

        var created = await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(mkt, "MKT-BAD", "不应创建", null, OverseerId: leaver.Id));
        created.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var after = await app.WithDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == qic.Id));
        (after.OverseerId, after.Name, after.Version).ShouldBe((before, qic.Name, qic.Version));
        (await app.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "MKT-BAD"))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_deactivated_overseer_is_reported_as_none_but_stays_stored()
    {
        var admin = await app.ClientAsAsync("admin");
        var office = await UnitIdAsync("OFFICE");
        var person = await (await admin.PostJsonAsync("/api/v1/org/staff", new CreateStaffRequest("ov.temp", "临时分管", office, [], [], null, null, "temp-pass-4242"))).ReadAsync<StaffDto>();
        var unit = await (await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(office, "OFFICE-OV", "档案室", null, OverseerId: person.Id))).ReadAsync<UnitDto>();
        (await DirectoryUnitAsync(unit.Id)).OverseerId.ShouldBe(person.Id);

        (await admin.PutJsonAsync($"/api/v1/org/staff/{person.Id}", new UpdateStaffRequest("临时分管", office, [], [], null, null, IsActive: false, Version: person.Version))).EnsureSuccessStatusCode();

        (await DirectoryUnitAsync(unit.Id)).OverseerId.ShouldBeNull();
        var dto = await (await admin.GetAsync($"/api/v1/org/units/{unit.Id}")).ReadAsync<UnitDto>();
        (dto.OverseerId, dto.OverseerName).ShouldBe((null, null));
        (await StoredOverseerAsync(unit.Id)).ShouldBe(person.Id);
    }

    [Theory]
    [InlineData("zhuren")]
    [InlineData("lingdao")]
    [InlineData("fuzong1")]
    public async Task Only_unit_managers_may_name_an_overseer(string userName)
    {
        var client = await app.ClientAsAsync(userName);
        var admin = await app.ClientAsAsync("admin");
        var eng = await (await admin.GetAsync($"/api/v1/org/units/{await UnitIdAsync("ENG")}")).ReadAsync<UnitDto>();
        var before = eng.OverseerId;

        var response = await client.PutJsonAsync($"/api/v1/org/units/{eng.Id}", Edit(eng, await StaffIdAsync(userName)));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await ProblemAsync(response);
        (await StoredOverseerAsync(eng.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task The_deputy_general_managers_are_executives_without_demo_logins()
    {
        var roles = await app.WithDbAsync(db => (from ur in db.UserRoles
                                                 join u in db.Users on ur.UserId equals u.Id
                                                 join r in db.Roles on ur.RoleId equals r.Id
                                                 where u.UserName == "fuzong1" || u.UserName == "fuzong2"
                                                 select r.SystemKey).ToListAsync());
        roles.ShouldBe([SystemRoles.Executive, SystemRoles.Executive]);
        Norma.Modules.Platform.Setup.DemoSeeder.Logins().Select(l => l.UserName).ShouldNotContain("fuzong1");
    }
}
