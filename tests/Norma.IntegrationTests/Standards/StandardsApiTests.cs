using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Standards.Domain;
using Norma.Modules.Standards.Features.Records;
using Norma.Modules.Standards.Features.Tree;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Standards;

namespace Norma.IntegrationTests.Standards;

public sealed class StandardsApiTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private async Task<Guid> NodeAsync(HttpClient client, string code) =>
        (await (await client.GetAsync("/api/v1/standards/nodes")).ReadAsync<List<NodeDto>>()).Single(n => n.Code == code).Id;

    private static CreateStandardRequest Draft(Guid node, string number, string title = "投诉处理规范") => new(
        number, title, StandardLevel.Enterprise, false, node, 36, null, "客户服务中心", "客户服务中心", "李静", "GB/T 19012-2019",
        "## 1 范围\n本标准规定了客户投诉的受理与处理。\n\n## 4 处理时限\n投诉应在 48 小时内答复。");

    private static async Task<StandardDetailDto> StepAsync(HttpClient client, StandardDetailDto d, StandardAction action, string? comment = null, DateOnly? effective = null)
    {
        var v = d.Versions[0];
        var response = await client.PostJsonAsync($"/api/v1/standards/versions/{v.Id}/transition", new TransitionRequest(action, comment, new DateOnly(2026, 1, 10), effective, null, v.Version));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<StandardDetailDto>();
    }

    [Fact]
    public async Task A_new_organization_starts_from_the_GB_T_24421_tree()
    {
        var nodes = await (await (await app.ClientAsAsync("kefu")).GetAsync("/api/v1/standards/nodes")).ReadAsync<List<NodeDto>>();
        nodes.Where(n => n.ParentId == null).Select(n => n.Name).ShouldBe(["服务通用基础标准体系", "服务保障标准体系", "服务提供标准体系"]);
        nodes.Count.ShouldBe(GbT24421Tree.Nodes.Count);
    }

    [Fact]
    public async Task Create_publish_revise_and_the_old_version_stays_in_force_until_the_new_one_takes_effect()
    {
        var officer = await app.ClientAsAsync("biaozhun");   // 编制 + 审核
        var leader = await app.ClientAsAsync("lingdao");     // 批准 + 发布
        var node = await NodeAsync(officer, "TG-FW");

        var created = await officer.PostJsonAsync("/api/v1/standards", Draft(node, "Q/NM-TG-90-2026"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var d = await created.ReadAsync<StandardDetailDto>();
        d.Versions.Single().Edition.ShouldBe("A/0");
        d.Versions[0].Status.ShouldBe(StandardStatus.Draft);

        d = await StepAsync(officer, d, StandardAction.StartConsultation);
        d = await StepAsync(officer, d, StandardAction.PassReview);
        d.Versions[0].ReviewedBy.ShouldBe("李静");

        // The officer cannot approve: 批准 belongs to the leader.
        var denied = await officer.PostJsonAsync($"/api/v1/standards/versions/{d.Versions[0].Id}/transition", new TransitionRequest(StandardAction.Approve));
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        d = await StepAsync(leader, d, StandardAction.Approve);
        d = await StepAsync(leader, d, StandardAction.Publish, effective: new DateOnly(2026, 2, 1));
        d.Versions[0].DisplayStatus.ShouldBe(DisplayStatus.Effective);   // today (2026-11) is after 2026-02-01
        d.InForceVersionId.ShouldBe(d.Versions[0].Id);

        // Published text is immutable.
        var edit = await officer.PutJsonAsync($"/api/v1/standards/versions/{d.Versions[0].Id}", new UpdateVersionRequest("改名", "x", null, null, null, null, null, null));
        edit.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Revise: B/0 starts as a draft; A/0 stays in force.
        var revised = await (await officer.PostJsonAsync($"/api/v1/standards/{d.Id}/revise", new ReviseRequest(true, "根据新规定修订"))).ReadAsync<StandardDetailDto>();
        revised.Versions.Select(v => v.Edition).ShouldBe(["B/0", "A/0"]);
        revised.InForceVersionId.ShouldBe(d.Versions[0].Id);
        (await officer.PostJsonAsync($"/api/v1/standards/{d.Id}/revise", new ReviseRequest(false))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        d = await StepAsync(officer, revised, StandardAction.PassReview);
        d = await StepAsync(leader, d, StandardAction.Approve);
        d = await StepAsync(leader, d, StandardAction.Publish, effective: new DateOnly(2030, 1, 1));
        d.Versions[0].DisplayStatus.ShouldBe(DisplayStatus.PublishedPending);
        d.InForceVersionId.ShouldBe(d.Versions[1].Id);   // still A/0 until 2030

        var onDate = await (await officer.GetAsync("/api/v1/standards?filter=inforce&onDate=2030-01-01&search=Q/NM-TG-90")).ReadAsync<List<StandardSummaryDto>>();
        onDate.Single().Edition.ShouldBe("B/0");
        var before = await (await officer.GetAsync("/api/v1/standards?filter=inforce&onDate=2026-01-31&search=Q/NM-TG-90")).ReadAsync<List<StandardSummaryDto>>();
        before.ShouldBeEmpty();

        // Every step is an event with actor and comment, and audited in the chain.
        d.Events.Select(e => e.Action).ShouldContain("revised");
        d.Events.Single(e => e.Action == "revised").Comment.ShouldBe("根据新规定修订");
        d.Events.Where(e => e.Action == "Approve").ShouldAllBe(e => e.ActorName == "周建国");
        var admin = await app.ClientAsAsync("admin");
        (await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync<AuditVerification>()).Intact.ShouldBeTrue();
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "standard_version.updated" && a.ActorName == "lingdao"))).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task Lifecycle_rules_say_why_in_plain_words()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var d = await (await officer.PostJsonAsync("/api/v1/standards", Draft(await NodeAsync(officer, "TG-ZL"), "Q/NM-TG-91-2026", "首问负责制"))).ReadAsync<StandardDetailDto>();
        var v = d.Versions[0];

        var skip = await officer.PostJsonAsync($"/api/v1/standards/versions/{v.Id}/transition", new TransitionRequest(StandardAction.Publish));
        skip.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await skip.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("当前状态“起草”下不能执行“发布”。");

        d = await StepAsync(officer, d, StandardAction.PassReview);
        var noComment = await officer.PostJsonAsync($"/api/v1/standards/versions/{d.Versions[0].Id}/transition", new TransitionRequest(StandardAction.ReturnToDraft));
        noComment.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noComment.Content.ReadAsStringAsync()).ShouldContain("“退回修改”须填写意见或说明。");
        d = await StepAsync(officer, d, StandardAction.ReturnToDraft, "条款 4 的时限与承诺不一致");
        d.Versions[0].Status.ShouldBe(StandardStatus.Draft);

        var leader = await app.ClientAsAsync("lingdao");
        d = await StepAsync(officer, d, StandardAction.PassReview);
        d = await StepAsync(leader, d, StandardAction.Approve);
        var early = await leader.PostJsonAsync($"/api/v1/standards/versions/{d.Versions[0].Id}/transition",
            new TransitionRequest(StandardAction.Publish, null, new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1)));
        (await early.Content.ReadAsStringAsync()).ShouldContain("实施日期不能早于发布日期。");

        var duplicate = await officer.PostJsonAsync("/api/v1/standards", Draft(await NodeAsync(officer, "TG-ZL"), "Q/NM-TG-91-2026"));
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await duplicate.Content.ReadAsStringAsync()).ShouldContain("标准编号“Q/NM-TG-91-2026”已存在。");
    }

    [Fact]
    public async Task Readers_see_only_published_standards_and_cannot_draft()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var draft = await (await officer.PostJsonAsync("/api/v1/standards", Draft(await NodeAsync(officer, "BZ-AQ"), "Q/NM-BZ-92-2026", "安全与应急管理"))).ReadAsync<StandardDetailDto>();

        var reader = await app.ClientAsAsync("jishu");
        var list = await (await reader.GetAsync("/api/v1/standards")).ReadAsync<List<StandardSummaryDto>>();
        list.ShouldNotContain(s => s.Id == draft.Id);
        (await reader.GetAsync($"/api/v1/standards/{draft.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await reader.PostJsonAsync("/api/v1/standards", Draft(draft.NodeId, "Q/NM-BZ-93-2026"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.PostJsonAsync("/api/v1/standards/nodes", new SaveNodeRequest(null, "X", "新节点"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.PostJsonAsync($"/api/v1/standards/versions/{draft.Versions[0].Id}/transition", new TransitionRequest(StandardAction.PassReview)))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Once published and in force, everyone with standards.read sees it.
        var leader = await app.ClientAsAsync("lingdao");
        var d = await StepAsync(officer, draft, StandardAction.PassReview);
        d = await StepAsync(leader, d, StandardAction.Approve);
        await StepAsync(leader, d, StandardAction.Publish, effective: new DateOnly(2026, 2, 1));
        (await (await reader.GetAsync("/api/v1/standards?filter=inforce")).ReadAsync<List<StandardSummaryDto>>()).ShouldContain(s => s.Id == draft.Id);
    }

    [Fact]
    public async Task Review_due_and_confirmation()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var leader = await app.ClientAsAsync("lingdao");
        var d = await (await officer.PostJsonAsync("/api/v1/standards", Draft(await NodeAsync(officer, "TG-PJ"), "Q/NM-TG-94-2022", "回访制度") with { ReviewCycleMonths = 36 })).ReadAsync<StandardDetailDto>();
        d = await StepAsync(officer, d, StandardAction.PassReview);
        d = await StepAsync(leader, d, StandardAction.Approve);
        var v = d.Versions[0];
        d = await (await leader.PostJsonAsync($"/api/v1/standards/versions/{v.Id}/transition",
            new TransitionRequest(StandardAction.Publish, null, new DateOnly(2022, 3, 1), new DateOnly(2022, 3, 1), null, v.Version))).ReadAsync<StandardDetailDto>();
        d.ReviewDueOn.ShouldBe(new DateOnly(2025, 3, 1));
        d.ReviewDue.ShouldBeTrue();
        (await (await officer.GetAsync("/api/v1/standards?filter=reviewdue")).ReadAsync<List<StandardSummaryDto>>()).ShouldContain(s => s.Id == d.Id);

        d = await StepAsync(officer, d, StandardAction.ConfirmReview, "复审:继续有效");
        d.ReviewDue.ShouldBeFalse();
        d.Versions[0].LastReviewedOn.ShouldNotBeNull();
        (await (await officer.GetAsync("/api/v1/standards?filter=reviewdue")).ReadAsync<List<StandardSummaryDto>>()).ShouldNotContain(s => s.Id == d.Id);

        d = await StepAsync(leader, d, StandardAction.Abolish, "被新标准代替");
        d.Versions[0].DisplayStatus.ShouldBe(DisplayStatus.Abolished);
        d.InForceVersionId.ShouldBeNull();
    }

    [Fact]
    public async Task Searching_for_a_word_finds_the_clauses_that_contain_it_and_versions_can_be_compared()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var leader = await app.ClientAsAsync("lingdao");
        var d = await (await officer.PostJsonAsync("/api/v1/standards", Draft(await NodeAsync(officer, "TG-TG"), "Q/NM-TG-95-2026", "回访与投诉闭环"))).ReadAsync<StandardDetailDto>();

        // Drafts: the officer finds the clause, a reader finds nothing yet.
        var hits = await (await officer.GetAsync("/api/v1/standards/search?q=" + Uri.EscapeDataString("小时内答复"))).ReadAsync<List<ClauseHit>>();
        var hit = hits.Single(h => h.StandardId == d.Id);
        (hit.ClauseNumber, hit.ClauseHeading, hit.Anchor).ShouldBe(("4", "处理时限", "clause-4"));
        hit.Snippet.ShouldContain("48 小时内答复");
        var reader = await app.ClientAsAsync("kefu");
        (await (await reader.GetAsync("/api/v1/standards/search?q=" + Uri.EscapeDataString("小时内答复"))).ReadAsync<List<ClauseHit>>())
            .ShouldNotContain(h => h.StandardId == d.Id);
        (await (await reader.GetAsync("/api/v1/standards?search=" + Uri.EscapeDataString("小时内答复"))).ReadAsync<List<StandardSummaryDto>>())
            .ShouldNotContain(x => x.Id == d.Id);

        d = await StepAsync(officer, d, StandardAction.PassReview);
        d = await StepAsync(leader, d, StandardAction.Approve);
        d = await StepAsync(leader, d, StandardAction.Publish, effective: new DateOnly(2026, 2, 1));
        (await (await reader.GetAsync("/api/v1/standards/search?q=" + Uri.EscapeDataString("投诉"))).ReadAsync<List<ClauseHit>>())
            .Where(h => h.StandardId == d.Id).Select(h => h.ClauseNumber).ShouldBe(["1", "4"]);

        // Revise and change one line: the comparison shows exactly that line removed and its replacement added.
        var revised = await (await officer.PostJsonAsync($"/api/v1/standards/{d.Id}/revise", new ReviseRequest(false))).ReadAsync<StandardDetailDto>();
        var draft = revised.Versions[0];
        var body = draft.Body.Replace("48 小时内答复", "24 小时内答复", StringComparison.Ordinal);
        var saved = await officer.PutJsonAsync($"/api/v1/standards/versions/{draft.Id}",
            new UpdateVersionRequest(draft.Title, body, draft.ProposingUnit, draft.InterpretingUnit, draft.DraftedBy, draft.References, null, null, draft.Version));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var diff = await (await officer.GetAsync($"/api/v1/standards/{d.Id}/diff?from={revised.Versions[1].Id}&to={draft.Id}")).ReadAsync<List<DiffLine>>();
        diff.Where(l => l.Kind != DiffKind.Same).ShouldBe([new DiffLine(DiffKind.Removed, "投诉应在 48 小时内答复。"), new DiffLine(DiffKind.Added, "投诉应在 24 小时内答复。")]);

        // A reader cannot compare against the draft.
        (await reader.GetAsync($"/api/v1/standards/{d.Id}/diff?from={revised.Versions[1].Id}&to={draft.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_standard_supersedes_an_old_one_and_the_record_can_be_reclassified()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var node = await NodeAsync(officer, "TG-YX");
        var old = await (await officer.PostJsonAsync("/api/v1/standards", Draft(node, "Q/NM-TG-97-2020", "旧版巡检规范"))).ReadAsync<StandardDetailDto>();
        var replacement = await (await officer.PostJsonAsync("/api/v1/standards", Draft(node, "Q/NM-TG-97-2026", "巡检规范") with { SupersedesId = old.Id })).ReadAsync<StandardDetailDto>();
        replacement.Supersedes!.Number.ShouldBe("Q/NM-TG-97-2020");
        var oldNow = await (await officer.GetAsync($"/api/v1/standards/{old.Id}")).ReadAsync<StandardDetailDto>();
        oldNow.SupersededBy.Single().Number.ShouldBe("Q/NM-TG-97-2026");

        // A loop is refused; reclassifying keeps the versions and is audited.
        var loop = await officer.PutJsonAsync($"/api/v1/standards/{old.Id}", new UpdateStandardRequest(StandardLevel.Enterprise, false, node, 36, replacement.Id, oldNow.Version));
        loop.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await loop.Content.ReadAsStringAsync()).ShouldContain("不能互相代替");
        var moved = await officer.PutJsonAsync($"/api/v1/standards/{replacement.Id}",
            new UpdateStandardRequest(StandardLevel.Group, true, await NodeAsync(officer, "TG-ZL"), 24, old.Id, replacement.Version));
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await moved.ReadAsync<StandardDetailDto>();
        (after.Level, after.IsAdopted, after.NodeName, after.ReviewCycleMonths).ShouldBe((StandardLevel.Group, true, "运行管理规范", 24));
        (await officer.PutJsonAsync($"/api/v1/standards/{replacement.Id}", new UpdateStandardRequest(StandardLevel.Group, true, node, 24, null, replacement.Version)))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);   // stale version

        // Nodes can be reordered and retired; a retired node takes no new standards.
        var tg = await NodeAsync(officer, "TG-ZL");
        var retired = await officer.PutJsonAsync($"/api/v1/standards/nodes/{tg}", new SaveNodeRequest(await NodeAsync(officer, "TG"), "TG-ZL", "运行管理规范", 99, true));
        retired.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retired.ReadAsync<NodeDto>()).SortOrder.ShouldBe(99);
        (await officer.PostJsonAsync("/api/v1/standards", Draft(tg, "Q/NM-TG-98-2026"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
