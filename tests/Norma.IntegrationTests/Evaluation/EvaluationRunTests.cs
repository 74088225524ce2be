using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Evaluation.Features.Entry;
using Norma.Modules.Evaluation.Features.Runs;
using Norma.Modules.Evaluation.Features.Schemes;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Evaluation;

namespace Norma.IntegrationTests.Evaluation;

public sealed class EvaluationRunTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private const string Schemes = "/api/v1/evaluation/schemes";

    /// <summary>A one-indicator scheme for 客户经理: a manual score out of 100.</summary>
    private static readonly EvaluationScheme ReviewScheme = new("T-REVIEW", "客户经理评议", "1", PeriodType.Month,
        [new Position("manager", "客户经理", [new Section("main", "评议", [new Indicator("review", "综合评议", 100, "manual", new ManualRule())])])]);

    private async Task<Guid> StaffIdAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IOrgDirectory>().StaffAsync()).Single(s => s.UserName == userName).Id;
    }

    private async Task<Guid> ActiveReviewSchemeAsync()
    {
        var designer = await app.ClientAsAsync("biaozhun");
        var imported = await designer.PostAsync($"{Schemes}/import", new StringContent(SchemeJson.Serialize(ReviewScheme), Encoding.UTF8, "application/json"));
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var id = (await imported.ReadAsync<SchemeDto>()).Id;
        (await designer.PostAsync($"{Schemes}/{id}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task A_run_is_confidential_until_published_then_the_staff_member_sees_their_own_result_and_a_recomputation_shows_the_difference()
    {
        var scheme = await ActiveReviewSchemeAsync();
        var manager = await StaffIdAsync("zhengwei");
        var inspector = await app.ClientAsAsync("zhijian");
        var period = $"{Schemes}/{scheme}/periods/2026-03";
        (await inspector.PutJsonAsync($"{period}/manual-scores", new SetManualScoreRequest(manager, "review", 88, "服务规范，客户评价好"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var computed = await inspector.PostAsync($"{period}/runs", null);
        computed.StatusCode.ShouldBe(HttpStatusCode.Created, await computed.Content.ReadAsStringAsync());
        var run = await computed.ReadAsync<RunDto>();
        (run.Run.Status, run.Run.CanPublish).ShouldBe((RunStatus.Draft, true));
        var mine = run.Result.Subjects.ShouldHaveSingleItem();
        (mine.Key, mine.Name, mine.Total).ShouldBe((manager.ToString(), "郑伟", 88m));

        // Confidential while a draft: field staff cannot read it and see nothing of their own yet.
        var staff = await app.ClientAsAsync("zhengwei");
        (await staff.GetAsync($"/api/v1/evaluation/runs/{run.Run.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await staff.GetAsync("/api/v1/evaluation/my-results")).ReadAsync<List<MyResultDto>>()).Where(r => r.SchemeCode == "T-REVIEW").ShouldBeEmpty();
        (await inspector.PostAsync($"/api/v1/evaluation/runs/{run.Run.Id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var executive = await app.ClientAsAsync("lingdao");
        var published = await (await executive.PostAsync($"/api/v1/evaluation/runs/{run.Run.Id}/publish", null)).ReadAsync<RunDto>();
        published.Run.Status.ShouldBe(RunStatus.Published);
        published.Events.Select(e => (e.Action, e.Actor)).ShouldBe([("computed", "zhijian"), ("published", "lingdao")]);
        (await executive.PostAsync($"/api/v1/evaluation/runs/{run.Run.Id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var results = await (await staff.GetAsync("/api/v1/evaluation/my-results")).ReadAsync<List<MyResultDto>>();
        var result = results.Where(r => r.SchemeCode == "T-REVIEW").ShouldHaveSingleItem();
        (result.SchemeCode, result.PeriodCode, result.Total, result.PositionName).ShouldBe(("T-REVIEW", "2026-03", 88m, "客户经理"));
        result.Explanation.ShouldNotBeNullOrWhiteSpace();
        result.Indicators.ShouldHaveSingleItem().ShouldNotBeNullOrWhiteSpace();
        var team = await (await executive.GetAsync("/api/v1/evaluation/team-results")).ReadAsync<List<TeamResultDto>>();
        team.ShouldContain(t => t.SubjectKey == manager.ToString() && t.SchemeCode == "T-REVIEW" && t.Total == 88m && t.UnitName == "市场营销部");
        (await staff.GetAsync("/api/v1/evaluation/team-results")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await (await app.ClientAsAsync("hetao")).GetAsync("/api/v1/evaluation/my-results")).ReadAsync<List<MyResultDto>>()).Where(r => r.SchemeCode == "T-REVIEW").ShouldBeEmpty();

        // A correction after publication is a new draft, compared with the published run.
        await inspector.PutJsonAsync($"{period}/manual-scores", new SetManualScoreRequest(manager, "review", 92, "复核后上调"));
        var again = await (await inspector.PostAsync($"{period}/runs", null)).ReadAsync<RunDto>();
        again.Run.Status.ShouldBe(RunStatus.Draft);
        var comparison = await (await inspector.GetAsync($"/api/v1/evaluation/runs/{again.Run.Id}/comparison")).ReadAsync<RunComparisonDto>();
        comparison.PublishedRunId.ShouldBe(run.Run.Id);
        comparison.Staff.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            d => d.PublishedTotal.ShouldBe(88m), d => d.NewTotal.ShouldBe(92m),
            d => d.Indicators.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
                i => (i.Key, i.PublishedScore, i.NewScore).ShouldBe(("review", 88m, 92m)), i => i.NewText!.ShouldContain("复核后上调")));
        (await (await staff.GetAsync("/api/v1/evaluation/my-results")).ReadAsync<List<MyResultDto>>()).Where(r => r.SchemeCode == "T-REVIEW").ShouldHaveSingleItem().Total.ShouldBe(88m);
        (await (await inspector.GetAsync($"{period}/runs")).ReadAsync<List<RunSummaryDto>>()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_run_with_missing_data_cannot_be_published()
    {
        var inspector = await app.ClientAsAsync("zhijian");
        var ycyc = (await (await inspector.GetAsync(Schemes)).ReadAsync<List<SchemeSummaryDto>>()).Single(s => s.Code == "YCYC-DC-04" && s.Status == SchemeStatus.Active);
        var computed = await inspector.PostAsync($"{Schemes}/{ycyc.Id}/periods/2025-H1/runs", null);
        computed.StatusCode.ShouldBe(HttpStatusCode.Created, await computed.Content.ReadAsStringAsync());
        var run = await computed.ReadAsync<RunDto>();
        run.Result.Subjects.Select(s => s.PositionName).ShouldBe(["客户经理", "专管员", "送货员"], ignoreOrder: true);
        run.Run.CanPublish.ShouldBeFalse();
        (await (await app.ClientAsAsync("lingdao")).PostAsync($"/api/v1/evaluation/runs/{run.Run.Id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
