using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Organization.Features.Positions;
using Norma.Modules.Organization.Features.Staff;
using Norma.Modules.Organization.Features.Units;

namespace Norma.IntegrationTests.Organization;

/// <summary>
/// Every built-in role × every endpoint × own unit / another unit. A canary unit with a position and a staff
/// member is planted under 市场营销部, outside every demo account's unit; it must appear only for scope "all".
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Fixture fx) : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public NormaFactory App { get; } = new();
        public Guid CanaryUnit { get; private set; }
        public Guid CanaryPosition { get; private set; }
        public Guid CanaryStaff { get; private set; }
        public Guid JishuId { get; private set; }
        public Guid FieldStaffRole { get; private set; }
        public Dictionary<string, (Guid Id, Guid UnitId)> Users { get; } = [];
        public Guid CanaryDraftStandard { get; private set; }
        public Guid StandardsNode { get; private set; }
        public Guid CatalogItem { get; private set; }
        public Guid PublishedTemplateVersion { get; private set; }
        public Guid StandardCalendar { get; private set; }
        public Guid CanaryCase { get; private set; }
        public Guid OwnUnitCase { get; private set; }
        public Guid EvaluationScheme { get; private set; }

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            await using var scope = App.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<Norma.Modules.Platform.Data.PlatformDbContext>();
            var admin = await NormaFactory.ActorAsync(sp, "admin");
            var mkt = await db.Units.SingleAsync(u => u.Code == "MKT");
            CanaryUnit = (await sp.GetRequiredService<UnitService>().CreateAsync(admin, new SaveUnitRequest(mkt.Id, "CANARY", "金丝雀单位", null))).Id;
            CanaryPosition = (await sp.GetRequiredService<PositionService>().CreateAsync(admin, new SavePositionRequest(CanaryUnit, "金丝雀岗", null, null))).Id;
            FieldStaffRole = await db.Roles.Where(r => r.SystemKey == SystemRoles.FieldStaff).Select(r => r.Id).SingleAsync();
            CanaryStaff = (await sp.GetRequiredService<StaffService>().CreateAsync(admin, new CreateStaffRequest(
                "canary", "金丝雀", CanaryUnit, [CanaryPosition], [FieldStaffRole], "13900000000", null, "canary-pass-1"))).Id;
            foreach (var u in await db.Users.Select(u => new { u.UserName, u.Id, u.UnitId }).ToListAsync())
            {
                Users[u.UserName!] = (u.Id, u.UnitId!.Value);
            }

            JishuId = Users["jishu"].Id;

            var standards = sp.GetRequiredService<Norma.Modules.Standards.Data.StandardsDbContext>();
            StandardsNode = await standards.Nodes.Where(n => n.Code == "TG-FW").Select(n => n.Id).SingleAsync();
            CanaryDraftStandard = (await sp.GetRequiredService<Norma.Modules.Standards.Features.Records.StandardService>().CreateAsync(admin,
                new Norma.Modules.Standards.Features.Records.CreateStandardRequest("Q/NM-CANARY", "金丝雀草案", Norma.Modules.Standards.Domain.StandardLevel.Enterprise,
                    false, StandardsNode, null, null, null, null, null, null, "## 1 范围"))).Id;
            var catalog = sp.GetRequiredService<Norma.Modules.Catalog.Data.CatalogDbContext>();
            CatalogItem = await catalog.Items.Where(i => i.Code == "GAS-REPAIR").Select(i => i.Id).SingleAsync();
            PublishedTemplateVersion = await catalog.TemplateVersions.Where(v => v.Status == Norma.Modules.Catalog.Domain.TemplateVersionStatus.Published).Select(v => v.Id).FirstAsync();

            var calendars = sp.GetRequiredService<Norma.Modules.Calendars.Data.CalendarsDbContext>();
            StandardCalendar = await calendars.Calendars.Where(c => c.Code == "CN-STD").Select(c => c.Id).SingleAsync();

            // A case in the canary unit (only scope "all" reaches it) and one in 维修一班 (jishu's own unit).
            var intake = sp.GetRequiredService<Norma.Modules.Cases.Features.Intake.IntakeService>();
            var cases = sp.GetRequiredService<Norma.Modules.Cases.Data.CasesDbContext>();
            CanaryCase = (await intake.CreateAsync(admin, new Norma.Modules.Cases.Features.Intake.CreateCaseRequest(
                CatalogItem, Norma.Modules.Cases.Domain.CaseChannel.Phone, "金丝雀工单", CallerPhone: "13900001234"))).Id;
            OwnUnitCase = (await intake.CreateAsync(admin, new Norma.Modules.Cases.Features.Intake.CreateCaseRequest(
                await catalog.Items.Where(i => i.Code == "HOME-REPAIR").Select(i => i.Id).SingleAsync(), Norma.Modules.Cases.Domain.CaseChannel.Phone, "维修一班工单"))).Id;
            EvaluationScheme = await sp.GetRequiredService<Norma.Modules.Evaluation.Data.EvaluationDbContext>().Schemes
                .Where(x => x.Code == "YCYC-DC-04" && x.Status == Norma.Modules.Evaluation.Domain.SchemeStatus.Active).Select(x => x.Id).SingleAsync();
            var canaryPath = (await db.Units.SingleAsync(x => x.Id == CanaryUnit)).Path;
            await cases.Cases.Where(x => x.Id == CanaryCase).ExecuteUpdateAsync(x => x.SetProperty(y => y.UnitId, CanaryUnit).SetProperty(y => y.UnitPath, canaryPath));
        }

        public Task DisposeAsync() => App.DisposeAsync();
    }

    private static readonly string[] Everyone = ["admin", "biaozhun", "kefu", "zhuren", "jishu", "zhijian", "lingdao"];
    private static readonly string[] ScopeAll = ["admin", "biaozhun", "zhijian", "lingdao"];

    /// <summary>Expected status per case; a user not named gets the case's default.</summary>
    private static readonly Dictionary<string, (HttpStatusCode Default, Dictionary<string, HttpStatusCode> Except)> Expected = new()
    {
        ["units.list"] = (HttpStatusCode.OK, []),
        ["units.get.own"] = (HttpStatusCode.OK, []),
        ["units.get.other"] = (HttpStatusCode.NotFound, ScopeAll.ToDictionary(u => u, _ => HttpStatusCode.OK)),
        ["units.create.own"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created }),
        ["units.create.other"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created }),
        ["units.update.other"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK }),
        ["units.move.other"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK }),
        ["units.delete.other"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Conflict }), // still has staff
        ["positions.list"] = (HttpStatusCode.OK, []),
        ["positions.create.other"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created }),
        ["staff.list"] = (HttpStatusCode.OK, []),
        ["staff.get.self"] = (HttpStatusCode.OK, []),
        ["staff.get.other"] = (HttpStatusCode.NotFound, ScopeAll.ToDictionary(u => u, _ => HttpStatusCode.OK)),
        ["staff.reveal.other"] = (HttpStatusCode.NotFound, new()
        {
            ["admin"] = HttpStatusCode.OK, ["biaozhun"] = HttpStatusCode.Forbidden, ["zhijian"] = HttpStatusCode.Forbidden, ["lingdao"] = HttpStatusCode.Forbidden,
        }),
        ["staff.create.own"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created, ["zhuren"] = HttpStatusCode.Created }),
        ["staff.create.other"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created, ["zhuren"] = HttpStatusCode.BadRequest }),
        ["staff.update.other"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK, ["zhuren"] = HttpStatusCode.NotFound }),
        ["staff.reset.subordinate"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.NoContent, ["zhuren"] = HttpStatusCode.NoContent }),
        ["roles.list"] = (HttpStatusCode.OK, []),
        ["roles.create"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created }),
        ["audit.list"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK }),
        ["audit.verify"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK }),
        ["me"] = (HttpStatusCode.OK, []),
        ["standards.nodes.list"] = (HttpStatusCode.OK, []),
        ["standards.nodes.create"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created, ["biaozhun"] = HttpStatusCode.Created }),
        ["standards.list"] = (HttpStatusCode.OK, []),
        ["standards.get.draft"] = (HttpStatusCode.NotFound, new() { ["admin"] = HttpStatusCode.OK, ["biaozhun"] = HttpStatusCode.OK, ["lingdao"] = HttpStatusCode.OK }),
        ["standards.create"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created, ["biaozhun"] = HttpStatusCode.Created }),
        ["standards.approve.draft"] = (HttpStatusCode.NotFound, new()
        {
            // Visible to those with a duty; only approvers may approve, and a draft must pass review first.
            ["admin"] = HttpStatusCode.Conflict, ["biaozhun"] = HttpStatusCode.Conflict, ["lingdao"] = HttpStatusCode.Conflict,
        }),
        ["catalog.items.list"] = (HttpStatusCode.OK, []),
        ["catalog.items.get"] = (HttpStatusCode.OK, []),
        ["catalog.items.create"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created, ["biaozhun"] = HttpStatusCode.Created }),
        ["catalog.commitments.create"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created, ["biaozhun"] = HttpStatusCode.Created }),
        ["catalog.processes.list"] = (HttpStatusCode.OK, []),
        ["catalog.processes.create"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created, ["biaozhun"] = HttpStatusCode.Created }),
        // Editors pass the permission check and reach validation (400) or the published-is-immutable rule (409).
        ["catalog.items.update"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.BadRequest, ["biaozhun"] = HttpStatusCode.BadRequest }),
        ["catalog.items.citations"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.BadRequest, ["biaozhun"] = HttpStatusCode.BadRequest }),
        ["catalog.processes.validate"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK, ["biaozhun"] = HttpStatusCode.OK }),
        ["catalog.processes.publish"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Conflict, ["biaozhun"] = HttpStatusCode.Conflict }),
        ["catalog.processes.save"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Conflict, ["biaozhun"] = HttpStatusCode.Conflict }),
        ["calendars.list"] = (HttpStatusCode.OK, []),
        ["calendars.get"] = (HttpStatusCode.OK, []),
        ["calendars.versions"] = (HttpStatusCode.OK, []),
        ["calendars.export"] = (HttpStatusCode.OK, []),
        ["calendars.deadline"] = (HttpStatusCode.OK, []),
        ["calendars.elapsed"] = (HttpStatusCode.OK, []),
        ["calendars.units.list"] = (HttpStatusCode.OK, []),
        ["calendars.units.get.other"] = (HttpStatusCode.NotFound, ScopeAll.ToDictionary(u => u, _ => HttpStatusCode.OK)),
        ["calendars.units.assign.other"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK }),
        ["calendars.create"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created }),
        ["calendars.update"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.BadRequest }), // admin reaches validation: no definition
        ["calendars.notice"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.BadRequest }),
        ["calendars.import.preview"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.UnprocessableEntity }),
        ["calendars.default"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK }),
        ["cases.create"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created, ["kefu"] = HttpStatusCode.Created, ["zhuren"] = HttpStatusCode.Created }),
        ["cases.get.canary"] = (HttpStatusCode.NotFound, new() { ["admin"] = HttpStatusCode.OK, ["zhijian"] = HttpStatusCode.OK, ["lingdao"] = HttpStatusCode.OK, ["biaozhun"] = HttpStatusCode.Forbidden }),
        ["cases.get.own-unit"] = (HttpStatusCode.NotFound, new()
        {
            ["admin"] = HttpStatusCode.OK, ["zhijian"] = HttpStatusCode.OK, ["lingdao"] = HttpStatusCode.OK, ["zhuren"] = HttpStatusCode.OK, ["jishu"] = HttpStatusCode.OK,
            ["biaozhun"] = HttpStatusCode.Forbidden,
        }),
        ["cases.reveal.canary"] = (HttpStatusCode.NotFound, new() { ["admin"] = HttpStatusCode.OK, ["zhijian"] = HttpStatusCode.OK, ["lingdao"] = HttpStatusCode.OK, ["biaozhun"] = HttpStatusCode.Forbidden }),
        // Dispatchers who reach the case get to validation (no target given: 400); those who only read it get 403.
        ["cases.dispatch.canary"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.BadRequest, ["zhuren"] = HttpStatusCode.NotFound }),
        ["cases.dispatch.own-unit"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.BadRequest, ["zhuren"] = HttpStatusCode.BadRequest }),
        ["cases.note.canary"] = (HttpStatusCode.NotFound, new()
        {
            ["admin"] = HttpStatusCode.BadRequest, ["zhijian"] = HttpStatusCode.Forbidden, ["lingdao"] = HttpStatusCode.Forbidden, ["biaozhun"] = HttpStatusCode.Forbidden,
        }),
        ["cases.dispatch-choices"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK, ["zhuren"] = HttpStatusCode.OK }),
        ["customers.search"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK, ["kefu"] = HttpStatusCode.OK, ["zhuren"] = HttpStatusCode.OK }),
        ["evaluation.schemes.list"] = (HttpStatusCode.Forbidden, new()
        {
            ["admin"] = HttpStatusCode.OK, ["biaozhun"] = HttpStatusCode.OK, ["zhijian"] = HttpStatusCode.OK, ["lingdao"] = HttpStatusCode.OK, ["zhuren"] = HttpStatusCode.OK,
        }),
        ["evaluation.schemes.import"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.Created, ["biaozhun"] = HttpStatusCode.Created, ["zhijian"] = HttpStatusCode.Created }),
        ["evaluation.schemes.activate.missing"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.NotFound, ["biaozhun"] = HttpStatusCode.NotFound, ["zhijian"] = HttpStatusCode.NotFound }),
        ["evaluation.field-checks.list"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK, ["zhijian"] = HttpStatusCode.OK }),
        ["evaluation.runs.get.missing"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.NotFound, ["zhijian"] = HttpStatusCode.NotFound, ["lingdao"] = HttpStatusCode.NotFound }),
        ["evaluation.runs.publish.missing"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.NotFound, ["lingdao"] = HttpStatusCode.NotFound }),
        ["evaluation.team-results"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.OK, ["zhijian"] = HttpStatusCode.OK, ["lingdao"] = HttpStatusCode.OK, ["zhuren"] = HttpStatusCode.OK }),
        ["evaluation.my-results"] = (HttpStatusCode.OK, []),
        ["evaluation.manual-scores.no-note"] = (HttpStatusCode.Forbidden, new() { ["admin"] = HttpStatusCode.BadRequest, ["zhijian"] = HttpStatusCode.BadRequest }),
    };

    private static readonly string[] SeesDrafts = ["admin", "biaozhun", "lingdao"];

    private static readonly Norma.Rules.Processes.ProcessDefinition MatrixDefinition = new([
        new Norma.Rules.Processes.ProcessStep("a", "受理", new Norma.Rules.Processes.StepAssignee(Norma.Rules.Processes.AssigneeKind.Role, "FrontDesk"), null, []),
    ]);

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var user in Everyone)
        {
            foreach (var c in Expected.Keys)
            {
                data.Add(user, c);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Role_gets_exactly_what_its_scope_allows(string user, string caseName)
    {
        var client = await fx.App.ClientAsAsync(user);
        var response = await SendAsync(client, user, caseName);
        var (fallback, except) = Expected[caseName];
        var expected = except.GetValueOrDefault(user, fallback);
        response.StatusCode.ShouldBe(expected, $"{user} {caseName}: {await response.Content.ReadAsStringAsync()}");
        if (expected is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }

        await AssertNoLeakAsync(user, caseName, response);
    }

    public static TheoryData<string> Endpoints() => new(Expected.Keys);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Anonymous_callers_get_401_everywhere(string caseName)
    {
        var response = await SendAsync(fx.App.CreateClient(), "anonymous", caseName);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_or_forged_token_is_refused()
    {
        var client = fx.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "nrm_forged_token_value_that_does_not_exist");
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task AssertNoLeakAsync(string user, string caseName, HttpResponseMessage response)
    {
        var seesAll = ScopeAll.Contains(user);
        switch (caseName)
        {
            case "standards.list":
                var standards = await response.ReadAsync<List<Norma.Modules.Standards.Features.Records.StandardSummaryDto>>();
                standards.Any(x => x.Id == fx.CanaryDraftStandard).ShouldBe(SeesDrafts.Contains(user));
                break;
            case "units.list":
                var units = await response.ReadAsync<List<UnitDto>>();
                units.Any(u => u.Id == fx.CanaryUnit).ShouldBe(seesAll);
                if (user == "zhuren")
                {
                    units.Select(u => u.Code).Order().ShouldBe(["ENG", "ENG-R1", "ENG-R2"], ignoreOrder: true);
                }

                break;
            case "calendars.units.list":
                var calendarUnits = await response.ReadAsync<List<Norma.Modules.Calendars.Features.Units.UnitCalendarDto>>();
                calendarUnits.Any(x => x.UnitId == fx.CanaryUnit).ShouldBe(seesAll);
                calendarUnits.ShouldContain(x => x.UnitId == fx.Users[user].UnitId);
                break;
            case "positions.list":
                (await response.ReadAsync<List<PositionDto>>()).Any(p => p.Id == fx.CanaryPosition).ShouldBe(seesAll);
                break;
            case "staff.list":
                var staff = await response.ReadAsync<Paged<StaffDto>>();
                staff.Items.Any(s => s.Id == fx.CanaryStaff).ShouldBe(seesAll);
                staff.Items.ShouldAllBe(s => s.PhoneMasked && (s.Phone == null || s.Phone.Contains("****")));
                if (user == "jishu")
                {
                    staff.Items.Select(s => s.UserName).ShouldBe(["jishu"]);
                    staff.Total.ShouldBe(1);
                }

                break;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient c, string user, string caseName)
    {
        var ownUnit = fx.Users.TryGetValue(user, out var u) ? u.UnitId : fx.Users["admin"].UnitId;
        var self = fx.Users.TryGetValue(user, out var me) ? me.Id : fx.JishuId;
        var name = $"m{Guid.NewGuid():N}"[..20];
        return caseName switch
        {
            "units.list" => await c.GetAsync("/api/v1/org/units"),
            "units.get.own" => await c.GetAsync($"/api/v1/org/units/{ownUnit}"),
            "units.get.other" => await c.GetAsync($"/api/v1/org/units/{fx.CanaryUnit}"),
            "units.create.own" => await c.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(ownUnit, name, "矩阵测试单位", null)),
            "units.create.other" => await c.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(fx.CanaryUnit, name, "矩阵测试单位", null)),
            "units.update.other" => await c.PutJsonAsync($"/api/v1/org/units/{fx.CanaryUnit}", new SaveUnitRequest(null, "CANARY", "金丝雀单位", null)),
            "units.move.other" => await c.PostJsonAsync($"/api/v1/org/units/{fx.CanaryUnit}/move",
                new MoveUnitRequest(await fx.App.WithDbAsync(db => db.Units.Where(x => x.Code == "MKT").Select(x => x.Id).SingleAsync()))),
            "units.delete.other" => await c.DeleteAsync($"/api/v1/org/units/{fx.CanaryUnit}"),
            "positions.list" => await c.GetAsync("/api/v1/org/positions"),
            "positions.create.other" => await c.PostJsonAsync("/api/v1/org/positions", new SavePositionRequest(fx.CanaryUnit, name, null, null)),
            "staff.list" => await c.GetAsync("/api/v1/org/staff?pageSize=200"),
            "staff.get.self" => await c.GetAsync($"/api/v1/org/staff/{self}"),
            "staff.get.other" => await c.GetAsync($"/api/v1/org/staff/{fx.CanaryStaff}"),
            "staff.reveal.other" => await c.GetAsync($"/api/v1/org/staff/{fx.CanaryStaff}?reveal=true"),
            "staff.create.own" => await c.PostJsonAsync("/api/v1/org/staff",
                new CreateStaffRequest(name, "矩阵人员", ownUnit, [], [fx.FieldStaffRole], null, null, "matrix-pass-1")),
            "staff.create.other" => await c.PostJsonAsync("/api/v1/org/staff",
                new CreateStaffRequest(name, "矩阵人员", fx.CanaryUnit, [], [fx.FieldStaffRole], null, null, "matrix-pass-1")),
            "staff.update.other" => await c.PutJsonAsync($"/api/v1/org/staff/{fx.CanaryStaff}",
                new UpdateStaffRequest("金丝雀", fx.CanaryUnit, [fx.CanaryPosition], [fx.FieldStaffRole], "13900000000", null)),
            "staff.reset.subordinate" => await c.PostJsonAsync($"/api/v1/org/staff/{fx.JishuId}/reset-password", new ResetPasswordRequest("reset-pass-2026")),
            "roles.list" => await c.GetAsync("/api/v1/org/roles"),
            "roles.create" => await c.PostJsonAsync("/api/v1/org/roles", new Norma.Modules.Organization.Features.Roles.SaveRoleRequest(name, null, [])),
            "audit.list" => await c.GetAsync("/api/v1/audit"),
            "audit.verify" => await c.GetAsync("/api/v1/audit/verify"),
            "me" => await c.GetAsync("/api/v1/me"),
            "standards.nodes.list" => await c.GetAsync("/api/v1/standards/nodes"),
            "standards.nodes.create" => await c.PostJsonAsync("/api/v1/standards/nodes",
                new Norma.Modules.Standards.Features.Tree.SaveNodeRequest(fx.StandardsNode, name, "矩阵节点")),
            "standards.list" => await c.GetAsync("/api/v1/standards"),
            "standards.get.draft" => await c.GetAsync($"/api/v1/standards/{fx.CanaryDraftStandard}"),
            "standards.create" => await c.PostJsonAsync("/api/v1/standards", new Norma.Modules.Standards.Features.Records.CreateStandardRequest(
                "Q/" + name, "矩阵标准", Norma.Modules.Standards.Domain.StandardLevel.Enterprise, false, fx.StandardsNode, null, null, null, null, null, null, null)),
            "standards.approve.draft" => await c.PostJsonAsync($"/api/v1/standards/versions/{await fx.App.WithStandardsAsync(db => db.Versions.Where(v => v.StandardId == fx.CanaryDraftStandard).Select(v => v.Id).SingleAsync())}/transition",
                new Norma.Modules.Standards.Features.Records.TransitionRequest(Norma.Rules.Standards.StandardAction.Approve)),
            "catalog.items.list" => await c.GetAsync("/api/v1/catalog/items"),
            "catalog.items.get" => await c.GetAsync($"/api/v1/catalog/items/{fx.CatalogItem}"),
            "catalog.items.create" => await c.PostJsonAsync("/api/v1/catalog/items", new Norma.Modules.Catalog.Features.Items.SaveItemRequest(
                name, "矩阵事项", Norma.Modules.Catalog.Domain.ItemCategory.Consultation, fx.CanaryUnit)),
            "catalog.commitments.create" => await c.PostJsonAsync($"/api/v1/catalog/items/{fx.CatalogItem}/commitments",
                new Norma.Modules.Catalog.Features.Items.SaveCommitmentRequest("矩阵承诺", Norma.Modules.Catalog.Domain.CommitmentMetric.Reply, "24h")),
            "catalog.processes.list" => await c.GetAsync("/api/v1/catalog/processes"),
            "catalog.items.update" => await c.PutJsonAsync($"/api/v1/catalog/items/{fx.CatalogItem}", new Norma.Modules.Catalog.Features.Items.SaveItemRequest(
                "bad code!", "矩阵事项", Norma.Modules.Catalog.Domain.ItemCategory.Repair, fx.CanaryUnit)),
            "catalog.items.citations" => await c.PutJsonAsync($"/api/v1/catalog/items/{fx.CatalogItem}/citations",
                new Norma.Modules.Catalog.Features.Items.SetItemCitationsRequest([new Norma.Modules.Standards.Contracts.CitationTarget(Guid.NewGuid(), null)])),
            "catalog.processes.validate" => await c.PostJsonAsync("/api/v1/catalog/processes/validate", MatrixDefinition),
            "catalog.processes.publish" => await c.PostJsonAsync($"/api/v1/catalog/processes/versions/{fx.PublishedTemplateVersion}/publish",
                new Norma.Modules.Catalog.Features.Processes.PublishRequest()),
            "catalog.processes.save" => await c.PutJsonAsync($"/api/v1/catalog/processes/versions/{fx.PublishedTemplateVersion}",
                new Norma.Modules.Catalog.Features.Processes.SaveDraftRequest(MatrixDefinition)),
            "catalog.processes.create" => await c.PostJsonAsync("/api/v1/catalog/processes", new Norma.Modules.Catalog.Features.Processes.CreateTemplateRequest(name, "矩阵流程")),
            "calendars.list" => await c.GetAsync("/api/v1/calendars"),
            "calendars.get" => await c.GetAsync($"/api/v1/calendars/{fx.StandardCalendar}"),
            "calendars.versions" => await c.GetAsync($"/api/v1/calendars/{fx.StandardCalendar}/versions"),
            "calendars.export" => await c.GetAsync($"/api/v1/calendars/{fx.StandardCalendar}/export"),
            "calendars.deadline" => await c.PostJsonAsync($"/api/v1/calendars/{fx.StandardCalendar}/deadline", new { start = "2025-09-30T17:00", limit = "3wd" }),
            "calendars.elapsed" => await c.PostJsonAsync($"/api/v1/calendars/{fx.StandardCalendar}/elapsed", new { from = "2025-09-30T09:00", to = "2025-10-09T10:00" }),
            "calendars.units.list" => await c.GetAsync("/api/v1/calendars/units"),
            "calendars.units.get.other" => await c.GetAsync($"/api/v1/calendars/units/{fx.CanaryUnit}"),
            "calendars.units.assign.other" => await c.PutJsonAsync($"/api/v1/calendars/units/{fx.CanaryUnit}",
                new Norma.Modules.Calendars.Features.Units.AssignCalendarRequest(fx.StandardCalendar)),
            "calendars.create" => await c.PostJsonAsync("/api/v1/calendars", new Norma.Modules.Calendars.Features.Calendars.CreateCalendarRequest(
                name, "矩阵日历", null, null, new DateOnly(2026, 1, 1), Norma.Modules.Calendars.Setup.CalendarSeeder.AlwaysOpen())),
            "calendars.update" => await c.PutJsonAsync($"/api/v1/calendars/{fx.StandardCalendar}",
                new Norma.Modules.Calendars.Features.Calendars.UpdateCalendarRequest("中国大陆标准工作日历", null, null, new DateOnly(2026, 1, 1), null)),
            "calendars.notice" => await c.PostJsonAsync($"/api/v1/calendars/{fx.StandardCalendar}/notice",
                new Norma.Modules.Calendars.Features.Calendars.HolidayNoticeRequest(2027, [], null)),
            "calendars.import.preview" => await c.PostAsync($"/api/v1/calendars/{fx.StandardCalendar}/import?preview=true", CalendarFile("{\"year\":2027,\"days\":[{\"name\":\"元旦\",\"date\":\"2027-02-30\",\"isOffDay\":true}]}")),
            "calendars.default" => await c.PostAsync($"/api/v1/calendars/{fx.StandardCalendar}/default", null),
            "cases.create" => await c.PostJsonAsync("/api/v1/cases", new Norma.Modules.Cases.Features.Intake.CreateCaseRequest(
                fx.CatalogItem, Norma.Modules.Cases.Domain.CaseChannel.Phone, "矩阵测试")),
            "cases.get.canary" => await c.GetAsync($"/api/v1/cases/{fx.CanaryCase}"),
            "cases.get.own-unit" => await c.GetAsync($"/api/v1/cases/{fx.OwnUnitCase}"),
            "cases.reveal.canary" => await c.PostJsonAsync($"/api/v1/cases/{fx.CanaryCase}/reveal-phone", new { }),
            "cases.dispatch.canary" => await c.PostJsonAsync($"/api/v1/cases/{fx.CanaryCase}/dispatch", new Norma.Modules.Cases.Features.Handling.DispatchRequest()),
            "cases.dispatch.own-unit" => await c.PostJsonAsync($"/api/v1/cases/{fx.OwnUnitCase}/dispatch", new Norma.Modules.Cases.Features.Handling.DispatchRequest()),
            "cases.note.canary" => await c.PostJsonAsync($"/api/v1/cases/{fx.CanaryCase}/notes", new Norma.Modules.Cases.Features.Handling.CaseNoteRequest()),
            "cases.dispatch-choices" => await c.GetAsync("/api/v1/cases/dispatch-choices"),
            "customers.search" => await c.GetAsync("/api/v1/customers?search=139"),
            "evaluation.schemes.list" => await c.GetAsync("/api/v1/evaluation/schemes"),
            "evaluation.schemes.import" => await c.PostAsync("/api/v1/evaluation/schemes/import",
                new StringContent(Norma.Rules.Evaluation.ShippedSchemes.Text("dept-100"), System.Text.Encoding.UTF8, "application/json")),
            "evaluation.schemes.activate.missing" => await c.PostAsync($"/api/v1/evaluation/schemes/{Guid.NewGuid()}/activate", null),
            "evaluation.field-checks.list" => await c.GetAsync($"/api/v1/evaluation/schemes/{fx.EvaluationScheme}/periods/2026-H1/field-checks"),
            "evaluation.runs.get.missing" => await c.GetAsync($"/api/v1/evaluation/runs/{Guid.NewGuid()}"),
            "evaluation.runs.publish.missing" => await c.PostAsync($"/api/v1/evaluation/runs/{Guid.NewGuid()}/publish", null),
            "evaluation.team-results" => await c.GetAsync("/api/v1/evaluation/team-results"),
            "evaluation.my-results" => await c.GetAsync("/api/v1/evaluation/my-results"),
            "evaluation.manual-scores.no-note" => await c.PutJsonAsync($"/api/v1/evaluation/schemes/{fx.EvaluationScheme}/periods/2026-H1/manual-scores",
                new Norma.Modules.Evaluation.Features.Entry.SetManualScoreRequest(fx.JishuId, "standard", 10, null)),
            _ => throw new ArgumentOutOfRangeException(nameof(caseName), caseName, null),
        };
    }

    private static MultipartFormDataContent CalendarFile(string json)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "2027.json");
        return form;
    }
}
