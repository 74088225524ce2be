using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Organization.Features.Positions;
using Norma.Modules.Organization.Features.Roles;
using Norma.Modules.Organization.Features.Staff;
using Norma.Modules.Organization.Features.Units;
using Norma.Rules.Access;

namespace Norma.IntegrationTests.Organization;

public sealed class OrganizationApiTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private Task<Guid> UnitIdAsync(string code) => app.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    private Task<Guid> RoleIdAsync(string key) => app.WithDbAsync(db => db.Roles.Where(r => r.SystemKey == key).Select(r => r.Id).SingleAsync());

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Moving_a_unit_moves_its_subtree_and_the_scopes_follow()
    {
        var admin = await app.ClientAsAsync("admin");
        // QIC gets a child team; then QIC moves under ENG. The supervisor of ENG (subtree scope) now sees both.
        var team = await (await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(await UnitIdAsync("QIC"), "QIC-T1", "质检一组", null))).ReadAsync<UnitDto>();
        var move = await admin.PostJsonAsync($"/api/v1/org/units/{await UnitIdAsync("QIC")}/move", new MoveUnitRequest(await UnitIdAsync("ENG")));
        move.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await move.ReadAsync<UnitDto>()).Depth.ShouldBe(2);

        var paths = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "ENG" || u.Code == "QIC" || u.Code == "QIC-T1").ToDictionaryAsync(u => u.Code, u => u.Path));
        paths["QIC"].ShouldStartWith(paths["ENG"]);
        paths["QIC-T1"].ShouldStartWith(paths["QIC"]);

        var zhuren = await app.ClientAsAsync("zhuren");
        var visible = await (await zhuren.GetAsync("/api/v1/org/units")).ReadAsync<List<UnitDto>>();
        visible.Select(u => u.Code).ShouldContain("QIC-T1");
        var staff = await (await zhuren.GetAsync("/api/v1/org/staff?pageSize=200")).ReadAsync<Paged<StaffDto>>();
        staff.Items.Select(s => s.UserName).ShouldContain("zhijian");

        // Moving a unit under its own descendant is refused, and nothing changes.
        var loop = await admin.PostJsonAsync($"/api/v1/org/units/{await UnitIdAsync("ENG")}/move", new MoveUnitRequest(team.Id));
        loop.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemAsync(loop)).GetProperty("detail").GetString().ShouldBe("不能把单位移到它自己或它的下级单位之下。");

        // Put things back for the other tests of this class.
        (await admin.PostJsonAsync($"/api/v1/org/units/{await UnitIdAsync("QIC")}/move", new MoveUnitRequest(await UnitIdAsync(DemoCode)))).EnsureSuccessStatusCode();
    }

    private const string DemoCode = "NORMA";

    [Fact]
    public async Task A_unit_with_children_or_staff_cannot_be_deleted_and_says_why_in_the_callers_language()
    {
        var admin = await app.ClientAsAsync("admin");
        var withChildren = await admin.DeleteAsync($"/api/v1/org/units/{await UnitIdAsync("ENG")}");
        withChildren.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemAsync(withChildren)).GetProperty("detail").GetString().ShouldBe("单位“工程部”下还有 2 个下级单位,不能删除。请先删除或移走下级单位。");

        var r1 = await UnitIdAsync("ENG-R1");
        var staffInR1 = await app.WithDbAsync(db => db.Users.CountAsync(u => u.UnitId == r1));
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/org/units/{r1}");
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        var withStaff = await admin.SendAsync(request);
        withStaff.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemAsync(withStaff)).GetProperty("detail").GetString().ShouldBe($"Unit '维修一班' still has {staffInR1} staff members and cannot be deleted. Move them to another unit first.");

        // An empty unit goes, together with its unheld positions.
        var empty = await (await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(await UnitIdAsync("MKT"), "MKT-TMP", "临时组", null))).ReadAsync<UnitDto>();
        (await admin.PostJsonAsync("/api/v1/org/positions", new SavePositionRequest(empty.Id, "临时岗", null, null))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.DeleteAsync($"/api/v1/org/units/{empty.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.WithDbAsync(db => db.Positions.CountAsync(p => p.UnitId == empty.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Invalid_input_gets_a_validation_problem_with_field_messages()
    {
        var admin = await app.ClientAsAsync("admin");
        var response = await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(null, "bad code!", "", null));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        errors.GetProperty("Code")[0].GetString().ShouldBe("编码只能包含字母、数字、下划线和连字符,最长 32 位。");
        errors.GetProperty("Name")[0].GetString().ShouldBe("请填写名称。");

        var taken = await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(null, "ENG", "重复", null));
        (await ProblemAsync(taken)).GetProperty("errors").GetProperty("Code")[0].GetString().ShouldBe("编码“ENG”已被其他单位使用。");

        var malformed = await admin.PostAsync("/api/v1/org/units", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ProblemAsync(malformed);
    }

    [Fact]
    public async Task A_stale_version_gets_409_instead_of_overwriting()
    {
        var admin = await app.ClientAsAsync("admin");
        var unit = await (await admin.GetAsync($"/api/v1/org/units/{await UnitIdAsync("CSC-CALL")}")).ReadAsync<UnitDto>();
        var first = await admin.PutJsonAsync($"/api/v1/org/units/{unit.Id}", new SaveUnitRequest(null, unit.Code, "呼叫中心(一)", null, 0, unit.Version));
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await admin.PutJsonAsync($"/api/v1/org/units/{unit.Id}", new SaveUnitRequest(null, unit.Code, "呼叫中心(二)", null, 0, unit.Version));
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemAsync(second)).GetProperty("detail").GetString()!.ShouldContain("已被他人修改");
        (await app.WithDbAsync(db => db.Units.Where(u => u.Id == unit.Id).Select(u => u.Name).SingleAsync())).ShouldBe("呼叫中心(一)");
    }

    [Fact]
    public async Task A_rejected_staff_creation_leaves_nothing_behind()
    {
        var admin = await app.ClientAsAsync("admin");
        var unit = await UnitIdAsync("CSC-WIN");
        var weak = await admin.PostJsonAsync("/api/v1/org/staff", new CreateStaffRequest("weak.pw", "弱密码", unit, [], [], null, null, "short"));
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var messages = (await ProblemAsync(weak)).GetProperty("errors").GetProperty("Password").EnumerateArray().Select(e => e.GetString()).ToList();
        messages.ShouldContain("密码至少需要 10 位。");
        messages.ShouldContain("密码须包含数字。");

        // A position of another unit is refused after validation; the account must not be half-created.
        var otherPosition = await app.WithDbAsync(db => db.Positions.Where(p => p.Unit!.Code == "MKT").Select(p => p.Id).FirstAsync());
        var wrong = await admin.PostJsonAsync("/api/v1/org/staff", new CreateStaffRequest("half.made", "半成品", unit, [otherPosition], [], null, null, "good-pass-123"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == "weak.pw" || u.UserName == "half.made"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_supervisor_cannot_escalate_privileges()
    {
        var zhuren = await app.ClientAsAsync("zhuren");
        var r1 = await UnitIdAsync("ENG-R1");
        var adminRole = await RoleIdAsync(SystemRoles.Administrator);

        var grantAdmin = await zhuren.PostJsonAsync("/api/v1/org/staff", new CreateStaffRequest("sneaky", "偷偷", r1, [], [adminRole], null, null, "sneaky-pass-1"));
        grantAdmin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "sneaky"))).ShouldBeFalse();

        // An administrator who sits inside the supervisor's subtree still cannot be managed by the supervisor.
        var admin = await app.ClientAsAsync("admin");
        var boss = await (await admin.PostJsonAsync("/api/v1/org/staff", new CreateStaffRequest("eng.admin", "工程部管理员", r1, [], [adminRole], null, null, "boss-pass-123"))).ReadAsync<StaffDto>();
        var reset = await zhuren.PostJsonAsync($"/api/v1/org/staff/{boss.Id}/reset-password", new ResetPasswordRequest("taken-over-1"));
        reset.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProblemAsync(reset)).GetProperty("title").GetString().ShouldBe("无权操作");

        // Nor can anyone change their own roles or grant a custom role wider than they hold.
        var self = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhuren").Select(u => u.Id).SingleAsync());
        var own = await zhuren.PutJsonAsync($"/api/v1/org/staff/{self}", new UpdateStaffRequest("陈刚", await UnitIdAsync("ENG"), [], [], null, null));
        own.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var wide = await admin.PostJsonAsync("/api/v1/org/roles", new SaveRoleRequest("宽角色", null, [new GrantDto("org.read", DataScope.All)]));
        wide.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Deactivating_an_account_ends_its_api_access()
    {
        var admin = await app.ClientAsAsync("admin");
        var unit = await UnitIdAsync("MKT");
        var created = await (await admin.PostJsonAsync("/api/v1/org/staff", new CreateStaffRequest("leaver", "离职人员", unit, [], [await RoleIdAsync(SystemRoles.FieldStaff)], "13700000000", "leaver@example.com", "leaver-pass-1"))).ReadAsync<StaffDto>();
        created.Phone.ShouldBe("137****0000");
        created.Email.ShouldBe("l***@example.com");
        var leaver = await app.ClientAsAsync("leaver");
        (await leaver.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var update = await admin.PutJsonAsync($"/api/v1/org/staff/{created.Id}", new UpdateStaffRequest("离职人员", unit, [], [await RoleIdAsync(SystemRoles.FieldStaff)], "13700000000", null, IsActive: false, Version: created.Version));
        update.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await leaver.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Roles_list_shows_builtin_roles_with_localized_names_and_grants()
    {
        var admin = await app.ClientAsAsync("admin");
        var roles = await (await admin.GetAsync("/api/v1/org/roles")).ReadAsync<List<RoleDto>>();
        roles.Where(r => r.SystemKey != null).Select(r => r.Name).Take(7).ShouldBe(["系统管理员", "标准化管理员", "窗口/客服人员", "服务主任/部门负责人", "现场人员", "质检员/督察考评", "领导"]);
        roles.Single(r => r.SystemKey == SystemRoles.Supervisor).Grants.ShouldContain(new GrantDto("org.staff.manage", DataScope.UnitSubtree));

        var edit = await admin.PutJsonAsync($"/api/v1/org/roles/{await RoleIdAsync(SystemRoles.Administrator)}", new SaveRoleRequest("x", null, []));
        edit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Editing_only_a_roles_grants_bumps_its_version_once_and_a_stale_edit_is_refused()
    {
        var admin = await app.ClientAsAsync("admin");
        var role = await (await admin.PostJsonAsync("/api/v1/org/roles", new SaveRoleRequest("值班长", null, [new GrantDto("org.read", DataScope.OwnUnit)]))).ReadAsync<RoleDto>();
        var edited = await admin.PutJsonAsync($"/api/v1/org/roles/{role.Id}", new SaveRoleRequest("值班长", null, [new GrantDto("org.read", DataScope.UnitSubtree)], role.Version));
        edited.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await edited.ReadAsync<RoleDto>();
        after.Version.ShouldBe(role.Version + 1);
        after.Grants.ShouldBe([new GrantDto("org.read", DataScope.UnitSubtree)]);
        var stale = await admin.PutJsonAsync($"/api/v1/org/roles/{role.Id}", new SaveRoleRequest("值班长", null, [new GrantDto("org.read", DataScope.All)], role.Version));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
