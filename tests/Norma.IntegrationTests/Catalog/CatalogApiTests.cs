using System.Net;
using System.Text.Json;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Catalog.Features.Items;
using Norma.Modules.Catalog.Features.Processes;
using Norma.Modules.Organization.Features.Units;
using Norma.Modules.Standards.Contracts;
using Norma.Modules.Standards.Features.Records;
using Norma.Modules.Standards.Features.Traceability;
using Norma.Rules.Processes;

namespace Norma.IntegrationTests.Catalog;

public sealed class CatalogApiTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private static readonly string[] DemoItems =
        ["CONSULT-ONLINE", "CONSULT-POLICY", "DECOR-PROJECT", "EQUIP-SERVICE", "GAS-COMPLAINT", "GAS-NETWORK", "GAS-REPAIR", "HOME-REPAIR", "LIC-GTH"];

    private static string Tail(string log) => log.Length <= 3000 ? log : log[^3000..];

    private async Task<Guid> UnitAsync(HttpClient client, string code) =>
        (await (await client.GetAsync("/api/v1/org/units")).ReadAsync<List<UnitDto>>()).Single(u => u.Code == code).Id;

    private static async Task<ItemDto> ItemAsync(HttpClient client, string code) =>
        await (await client.GetAsync($"/api/v1/catalog/items/by-code/{code}")).ReadAsync<ItemDto>();

    private static SaveItemRequest NewItem(Guid unit, string code) => new(
        code, "不动产登记咨询", ItemCategory.AdministrativeApproval, unit, "不动产登记的政策咨询与受理", "《不动产登记暂行条例》", "20wd", "5wd", "不收费",
        Channels.Visit | Channels.Online, true, HandlingKind.Promised, "{unit}{yyyy}{MM}{dd}{seq:3}", "BD", null, false,
        [new MaterialDto("不动产登记申请书", MaterialForm.Original, 1, true, null), new MaterialDto("身份证明", MaterialForm.OriginalAndCopy, 1, true, "核验后退还")]);

    [Fact]
    public async Task The_demo_catalog_holds_every_seed_commitment()
    {
        var client = await app.ClientAsAsync("kefu");
        var items = await (await client.GetAsync("/api/v1/catalog/items")).ReadAsync<List<ItemSummaryDto>>();
        // Other tests of this class add items to the same database: the demo's nine are a subset.
        DemoItems.ShouldBeSubsetOf(items.Select(i => i.Code));

        string Row(CommitmentDto c) => $"{c.Metric}:{c.Milestone}:{c.Limit}:{string.Join('+', c.Priorities)}:{c.Area}";
        (await ItemAsync(client, "GAS-REPAIR")).Commitments.Select(Row).ShouldBe(["Arrival::6h::", "Resolution::24h::"]);
        (await ItemAsync(client, "GAS-NETWORK")).Commitments.Select(Row).ShouldBe(["Resolution::4h:Low+Normal+High:", "Resolution::24h:Urgent:"]);
        (await ItemAsync(client, "GAS-COMPLAINT")).Commitments.Select(Row).ShouldBe(["Reply::48h::"]);
        (await ItemAsync(client, "CONSULT-ONLINE")).Commitments.Select(Row).ShouldBe(["Reply::24h::"]);
        (await ItemAsync(client, "HOME-REPAIR")).Commitments.Select(Row).ShouldBe(["Arrival::6wh::市区", "Arrival::7wh::郊区"]);
        var equipment = await ItemAsync(client, "EQUIP-SERVICE");
        equipment.Commitments.Select(Row).ShouldBe(["FirstResponse::15wmin::", "Arrival::2h::", "Custom:备件更换:2h::", "Custom:备件发出:8h::"]);
        var calendars = await (await client.GetAsync("/api/v1/calendars")).ReadAsync<List<JsonElement>>();
        Guid CalendarId(string code) => calendars.Single(c => c.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
        equipment.Commitments[0].CalendarId.ShouldBe(CalendarId("7X24"));
        equipment.Commitments.Skip(1).ShouldAllBe(c => c.CalendarId == null);   // natural hours: no calendar needed
        var alwaysOpen = CalendarId("7X24");
        (await ItemAsync(client, "GAS-NETWORK")).Commitments.ShouldAllBe(c => c.CalendarId == alwaysOpen);
        (await ItemAsync(client, "LIC-GTH")).Commitments.Single().CalendarId.ShouldBe(CalendarId("CN-STD"));

        var license = await ItemAsync(client, "LIC-GTH");
        license.Materials.Count.ShouldBe(5);
        license.LegalLimit.ShouldBe("3wd");       // 市场主体登记管理条例 §19
        license.CommittedLimit.ShouldBe("1wd");
        license.ProcessTemplate!.Code.ShouldBe("ONE-WINDOW");

        // The seed's own numbering example: A = 设计室, yy MM dd, the day's sequence.
        var decoration = await ItemAsync(client, "DECOR-PROJECT");
        decoration.NumberingPattern.ShouldBe("{unit}{yy}{MM}{dd}{seq:2}");
        decoration.NumberExample.ShouldMatch(@"^A\d{6}01$");
    }

    [Fact]
    public async Task The_three_seed_processes_are_published_and_the_decoration_flow_has_28_steps()
    {
        var client = await app.ClientAsAsync("jishu");
        var templates = await (await client.GetAsync("/api/v1/catalog/processes")).ReadAsync<List<TemplateSummaryDto>>();
        var demo = templates.Where(t => t.Code is "HOME-DECORATION" or "GAS-REPAIR" or "ONE-WINDOW").ToList();
        demo.Count.ShouldBe(3);
        demo.ShouldAllBe(t => t.PublishedNumber == 1);
        templates.Single(t => t.Code == "HOME-DECORATION").StepCount.ShouldBe(28);

        var window = templates.Single(t => t.Code == "ONE-WINDOW");
        var detail = await (await client.GetAsync($"/api/v1/catalog/processes/{window.Id}")).ReadAsync<TemplateDto>();
        var versionResponse = await client.GetAsync($"/api/v1/catalog/processes/versions/{detail.Versions[0].Id}");
        var versionJson = await versionResponse.Content.ReadAsStringAsync();
        versionResponse.StatusCode.ShouldBe(HttpStatusCode.OK, versionJson + Tail(app.Logs.All));
        var version = await versionResponse.ReadAsync<TemplateVersionDto>();
        version.Definition.ShouldNotBeNull(versionJson);
        version.Definition.Steps.ShouldContain(s => s.Next.Count >= 2);   // 后台分类审批 in parallel
        version.Definition.Steps.ShouldContain(s => s.Join);
        version.Definition.Steps.ShouldContain(s => s.Options != null && s.Options.CompletionNotice);   // 办结告知

        var svg = await client.GetAsync($"/api/v1/catalog/processes/versions/{detail.Versions[0].Id}/diagram.svg");
        svg.StatusCode.ShouldBe(HttpStatusCode.OK);
        svg.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await svg.Content.ReadAsStringAsync()).ShouldContain(version.Definition.Steps[0].Name);
    }

    [Fact]
    public async Task An_officer_records_an_item_with_materials_and_a_commitment_and_others_can_only_read_it()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var unit = await UnitAsync(officer, "CSC-WIN");
        var response = await officer.PostJsonAsync("/api/v1/catalog/items", NewItem(unit, "BDC-ZX"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var item = await response.ReadAsync<ItemDto>();
        item.Materials.Select(m => m.Name).ShouldBe(["不动产登记申请书", "身份证明"]);
        item.NumberExample.ShouldMatch(@"^BD\d{8}001$");
        item.UnitName.ShouldBe("服务窗口");

        var commitment = await officer.PostJsonAsync($"/api/v1/catalog/items/{item.Id}/commitments",
            new SaveCommitmentRequest("承诺 5 个工作日办结", CommitmentMetric.Resolution, "5wd", WarnAtPercent: 60));
        commitment.StatusCode.ShouldBe(HttpStatusCode.Created, await commitment.Content.ReadAsStringAsync());

        var frontDesk = await app.ClientAsAsync("kefu");
        var read = await frontDesk.GetAsync($"/api/v1/catalog/items/{item.Id}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        var seen = await read.ReadAsync<ItemDto>();
        seen.Commitments.Single().WarnAtPercent.ShouldBe(60);
        (await frontDesk.PostJsonAsync("/api/v1/catalog/items", NewItem(unit, "BDC-ZX2"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await frontDesk.PostJsonAsync($"/api/v1/catalog/items/{item.Id}/commitments", new SaveCommitmentRequest("x", CommitmentMetric.Reply, "1h")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Reordering the materials replaces the list; a stale version is refused, not overwritten.
        var update = NewItem(unit, "BDC-ZX") with { Materials = [new MaterialDto("身份证明", MaterialForm.Copy, 2, true, null)], Version = item.Version };
        var put = await officer.PutJsonAsync($"/api/v1/catalog/items/{item.Id}", update);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync() + Tail(app.Logs.All));
        var updated = await put.ReadAsync<ItemDto>();
        updated.Materials.Single().Copies.ShouldBe(2);
        (await officer.PutJsonAsync($"/api/v1/catalog/items/{item.Id}", update)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_items_and_commitments_are_refused_with_field_messages()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var unit = await UnitAsync(officer, "CSC-WIN");
        var bad = NewItem(unit, "bad code!") with
        {
            CommittedLimit = "30wd", NumberingPattern = "{yyyy}{MM}", Channels = Channels.None,
            Materials = [new MaterialDto(" ", MaterialForm.Original, 1, true, null), new MaterialDto("x", MaterialForm.Copy, 500, true, null)],
        };
        var response = await officer.PostJsonAsync("/api/v1/catalog/items", bad);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "Code", "CommittedLimit", "NumberingPattern", "Channels", "Materials[0].Name", "Materials[1].Copies" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        (await officer.PostJsonAsync("/api/v1/catalog/items", NewItem(unit, "GAS-REPAIR"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);   // code taken

        var item = await ItemAsync(officer, "CONSULT-POLICY");
        var c = await officer.PostJsonAsync($"/api/v1/catalog/items/{item.Id}/commitments",
            new SaveCommitmentRequest("", CommitmentMetric.Custom, "0h", null, Guid.NewGuid(), WarnAtPercent: 100));
        c.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var cErrors = (await c.ReadAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "Name", "Milestone", "Limit", "CalendarId", "WarnAtPercent" })
        {
            cErrors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        (await officer.GetAsync($"/api/v1/catalog/items/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_template_is_designed_as_a_draft_checked_published_and_versioned()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var created = await officer.PostJsonAsync("/api/v1/catalog/processes", new CreateTemplateRequest("TEST-PAR", "并联测试流程"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var template = await created.ReadAsync<TemplateDto>();
        var draft = template.Versions.Single();
        draft.Status.ShouldBe(TemplateVersionStatus.Draft);

        StepAssignee Role(string r) => new(AssigneeKind.Role, r);
        // Broken: "b" is never reached, "c" joins a single branch and names a role that does not exist.
        var broken = new ProcessDefinition([
            new ProcessStep("a", "受理", Role("FrontDesk"), null, ["c"]),
            new ProcessStep("b", "审批", Role("Supervisor"), null, ["c"]),
            new ProcessStep("c", "办结", Role("NoSuchRole"), null, [], Join: true),
        ]);
        var saved = await (await officer.PutJsonAsync($"/api/v1/catalog/processes/versions/{draft.Id}", new SaveDraftRequest(broken))).ReadAsync<TemplateVersionDto>();
        saved.Problems.Select(p => p.Code).ShouldContain(ProcessProblemCodes.UnreachableStep);
        saved.Problems.Select(p => p.Code).ShouldContain(ProcessProblemCodes.UnknownRole);
        var refused = await officer.PostJsonAsync($"/api/v1/catalog/processes/versions/{draft.Id}/publish", new PublishRequest());
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var good = new ProcessDefinition([
            new ProcessStep("a", "受理", Role("FrontDesk"), null, ["b1", "b2"]),
            new ProcessStep("b1", "工程部审批", new StepAssignee(AssigneeKind.Unit, "ENG"), null, ["c"]),
            new ProcessStep("b2", "质检审批", new StepAssignee(AssigneeKind.Unit, "QIC"), null, ["c"]),
            new ProcessStep("c", "办结", Role("FrontDesk"), null, [], Join: true),
        ]);
        saved = await (await officer.PutJsonAsync($"/api/v1/catalog/processes/versions/{draft.Id}", new SaveDraftRequest(good, "首版"))).ReadAsync<TemplateVersionDto>();
        saved.Problems.ShouldBeEmpty();
        var published = await officer.PostJsonAsync($"/api/v1/catalog/processes/versions/{draft.Id}/publish", new PublishRequest(saved.Version));
        published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());

        // Published text is immutable; the next version starts as a copy; publishing it supersedes v1.
        (await officer.PutJsonAsync($"/api/v1/catalog/processes/versions/{draft.Id}", new SaveDraftRequest(good))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var v2 = await (await officer.PostJsonAsync($"/api/v1/catalog/processes/{template.Id}/drafts", new { })).ReadAsync<TemplateVersionDto>();
        v2.Number.ShouldBe(2);
        v2.Definition.Steps.Count.ShouldBe(4);
        (await officer.PostJsonAsync($"/api/v1/catalog/processes/{template.Id}/drafts", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await officer.PostJsonAsync($"/api/v1/catalog/processes/versions/{v2.Id}/publish", new PublishRequest())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var versions = (await (await officer.GetAsync($"/api/v1/catalog/processes/{template.Id}")).ReadAsync<TemplateDto>()).Versions;
        versions.Select(v => (v.Number, v.Status)).ShouldBe([(2, TemplateVersionStatus.Published), (1, TemplateVersionStatus.Superseded)]);

        // Only holders of catalog.edit with scope All design templates.
        var supervisor = await app.ClientAsAsync("zhuren");
        (await supervisor.PostJsonAsync("/api/v1/catalog/processes", new CreateTemplateRequest("X1", "x"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_item_cites_standard_clauses_and_the_standard_lists_the_item()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var item = await ItemAsync(officer, "GAS-COMPLAINT");
        var standard = (await (await officer.GetAsync("/api/v1/standards?filter=inforce")).ReadAsync<List<StandardSummaryDto>>()).First();
        var response = await officer.PutJsonAsync($"/api/v1/catalog/items/{item.Id}/citations", new SetItemCitationsRequest([new CitationTarget(standard.Id, "4.2")]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var cited = (await response.ReadAsync<ItemDto>()).Citations.Single();
        (cited.Number, cited.Clause).ShouldBe((standard.Number, "4.2"));

        var back = await (await officer.GetAsync($"/api/v1/standards/{standard.Id}/citations")).ReadAsync<List<CitationDto>>();
        back.ShouldContain(c => c.SourceType == ItemService.CitationSource && c.SourceLabel == "GAS-COMPLAINT 燃气服务投诉");

        // Renaming the item renames it in the standard's list of what cites it.
        var current = await ItemAsync(officer, "GAS-COMPLAINT");
        var renamed = new SaveItemRequest(current.Code, "燃气服务投诉受理", current.Category, current.UnitId, current.Description, current.LegalBasis, current.LegalLimit,
            current.CommittedLimit, current.FeeRule, current.Channels, current.IsPublic, current.Handling, current.NumberingPattern, current.NumberingUnitCode,
            current.ProcessTemplate?.Id, current.IsRetired, current.Materials, current.Version);
        (await officer.PutJsonAsync($"/api/v1/catalog/items/{current.Id}", renamed)).StatusCode.ShouldBe(HttpStatusCode.OK);
        back = await (await officer.GetAsync($"/api/v1/standards/{standard.Id}/citations")).ReadAsync<List<CitationDto>>();
        back.ShouldContain(c => c.SourceType == ItemService.CitationSource && c.SourceLabel == "GAS-COMPLAINT 燃气服务投诉受理");
    }

    [Fact]
    public async Task Malformed_definitions_and_lists_are_refused_with_400_and_nothing_is_stored()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var template = await (await officer.PostJsonAsync("/api/v1/catalog/processes", new CreateTemplateRequest("TEST-BAD", "坏输入测试"))).ReadAsync<TemplateDto>();
        var draft = template.Versions.Single();
        var before = await (await officer.GetAsync($"/api/v1/catalog/processes/versions/{draft.Id}")).ReadAsync<TemplateVersionDto>();

        foreach (var body in new[]
        {
            """{"definition":{"steps":[null]}}""",
            """{"definition":{"steps":null}}""",
            """{"definition":{"steps":[{"key":"a","name":"受理","assignee":{"kind":"role","code":"FrontDesk"},"next":[null]}]}}""",
            """{"definition":{"steps":[{"key":"a","name":"受理","assignee":{"kind":"role","code":"FrontDesk"},"form":[{"key":"f","label":"x","type":99}]}]}}""",
            """{"definition":{"steps":[{"key":"a","name":"受理","assignee":{"kind":"role","code":"FrontDesk"},"surprise":1}]}}""",
        })
        {
            var response = await officer.PutAsync($"/api/v1/catalog/processes/versions/{draft.Id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }

        var after = await (await officer.GetAsync($"/api/v1/catalog/processes/versions/{draft.Id}")).ReadAsync<TemplateVersionDto>();
        after.Version.ShouldBe(before.Version);
        after.Definition.Steps.Select(x => x.Key).ShouldBe(before.Definition.Steps.Select(x => x.Key));

        (await officer.PostAsync("/api/v1/catalog/processes/validate", new StringContent("""{"steps":[null]}""", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Checking a design is for designers, not for every reader.
        var frontDesk = await app.ClientAsAsync("kefu");
        (await frontDesk.PostJsonAsync("/api/v1/catalog/processes/validate", before.Definition)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var unit = await UnitAsync(officer, "CSC-WIN");
        var nullMaterial = await officer.PostAsync("/api/v1/catalog/items", new StringContent(
            $$"""{"code":"NULL-MAT","name":"空材料","category":"Consultation","unitId":"{{unit}}","channels":"Phone","materials":[null]}""", System.Text.Encoding.UTF8, "application/json"));
        nullMaterial.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await nullMaterial.Content.ReadAsStringAsync());
        var item = await ItemAsync(officer, "CONSULT-POLICY");
        (await officer.PutAsync($"/api/v1/catalog/items/{item.Id}/citations", new StringContent("""{"targets":[null]}""", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_draft_only_standard_cannot_be_cited_by_a_reader_and_never_shows_on_an_item()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var node = (await (await officer.GetAsync("/api/v1/standards/nodes")).ReadAsync<List<Norma.Modules.Standards.Features.Tree.NodeDto>>()).First(n => n.Code == "TG-FW").Id;
        var draft = await (await officer.PostJsonAsync("/api/v1/standards", new CreateStandardRequest(
            "Q/NM-DRAFT-CITE", "未发布的草案", Norma.Modules.Standards.Domain.StandardLevel.Enterprise, false, node, null, null, null, null, null, null, "## 1 范围"))).ReadAsync<StandardDetailDto>();

        // The officer (who sees drafts) may cite it, but the item shows only public standards.
        var item = await ItemAsync(officer, "GAS-REPAIR");
        var cited = await officer.PutJsonAsync($"/api/v1/catalog/items/{item.Id}/citations", new SetItemCitationsRequest([new CitationTarget(draft.Id, "1")]));
        cited.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cited.ReadAsync<ItemDto>()).Citations.ShouldBeEmpty();
        var seen = await (await (await app.ClientAsAsync("kefu")).GetAsync($"/api/v1/catalog/items/{item.Id}")).Content.ReadAsStringAsync();
        seen.ShouldNotContain("Q/NM-DRAFT-CITE");
        seen.ShouldNotContain("未发布的草案");
        (await officer.PutJsonAsync($"/api/v1/catalog/items/{item.Id}/citations", new SetItemCitationsRequest([]))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
