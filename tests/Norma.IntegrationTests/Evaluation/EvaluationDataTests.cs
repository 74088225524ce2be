using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Evaluation.Features.Entry;
using Norma.Modules.Evaluation.Features.Runs;
using Norma.Modules.Evaluation.Features.Schemes;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Evaluation;

namespace Norma.IntegrationTests.Evaluation;

/// <summary>Rate indicators fed by field checks, unit schemes, figures for capabilities not registered yet, and the demo's published results.</summary>
public sealed class EvaluationDataTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private const string Schemes = EvaluationLookups.Schemes;

    private static Task<SchemeSummaryDto> ActiveAsync(HttpClient client, string code) => client.ActiveSchemeAsync(code);

    private async Task<Guid> StaffAsync(string userName) => (await app.StaffAsync(userName)).Id;

    private Task<UnitInfo> UnitAsync(string code) => app.UnitAsync(code);

    [Fact]
    public async Task A_rate_indicator_takes_observed_and_conforming_counts_from_field_checks_and_scores_their_sum()
    {
        var client = await app.ClientAsAsync("zhijian");
        var scheme = await ActiveAsync(client, "YCYC-DC-04");
        var specialist = await StaffAsync("hetao");
        var url = $"{Schemes}/{scheme.Id}/periods/2024-H2/field-checks";

        // 明码实价执行率: not below 90 %, 2 points per point short, max 6. Two visits: 45 of 50 and 44 of 50 = 89 / 100 = 89 %.
        var first = await client.PostJsonAsync(url, new RecordFieldCheckRequest(null, "price-compliance", "H1 东门副食店", SubjectId: specialist, Observed: 50, Conforming: 45));
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        (await first.ReadAsync<FieldCheckDto>()).ShouldSatisfyAllConditions(
            c => (c.SubjectKind, c.SubjectId, c.Observed, c.Conforming, c.Count).ShouldBe((FigureSubjectKind.Staff, specialist, 50m, 45m, (decimal?)null)));
        (await client.PostJsonAsync(url, new RecordFieldCheckRequest(specialist, "price-compliance", "H2 新华超市", Observed: 50, Conforming: 44))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Refused: more conforming than observed, a count on a rate, observed on a deduction; nothing added.
        var tooMany = await client.PostJsonAsync(url, new RecordFieldCheckRequest(specialist, "price-compliance", "H3", Observed: 5, Conforming: 6));
        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooMany.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Conforming", out _).ShouldBeTrue();
        (await client.PostJsonAsync(url, new RecordFieldCheckRequest(specialist, "price-compliance", "H3", Count: 1))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync(url, new RecordFieldCheckRequest(specialist, "law-abiding", "H3", Count: 1, Observed: 2, Conforming: 1))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await client.GetAsync($"{url}?subjectId={specialist}")).ReadAsync<List<FieldCheckDto>>()).Count.ShouldBe(2);

        var run = await (await client.PostAsync($"{Schemes}/{scheme.Id}/periods/2024-H2/runs", null)).ReadAsync<RunDto>();
        var indicator = run.Result.Subjects.Single(s => s.Key == specialist.ToString()).Sections.SelectMany(s => s.Indicators).Single(i => i.Key == "price-compliance");
        (indicator.Status, indicator.Score).ShouldBe((IndicatorStatus.Scored, 4m));   // 1 point short × 2 = 2 off
        ExplanationText.Chinese(indicator).ShouldContain("89");
        indicator.Evidence.ShouldBe("实地检查 2 户");
    }

    [Fact]
    public async Task Complaints_and_satisfaction_come_in_as_imported_figures_until_the_feedback_capability_registers_them()
    {
        var client = await app.ClientAsAsync("zhijian");
        var scheme = await ActiveAsync(client, "YCYC-DC-04");
        var url = $"{Schemes}/{scheme.Id}/periods/2024-H1/figures/import";
        var form = new MultipartFormDataContent { { new ByteArrayContent("对象,指标,数值\nzhengwei,complaints,2\nzhengwei,satisfaction,88\n"u8.ToArray()), "file", "f.csv" } };
        var imported = await client.PostAsync(url, form);
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());

        var run = await (await client.PostAsync($"{Schemes}/{scheme.Id}/periods/2024-H1/runs", null)).ReadAsync<RunDto>();
        var key = (await StaffAsync("zhengwei")).ToString();
        var manager = run.Result.Subjects.Single(s => s.Key == key).Sections.SelectMany(s => s.Indicators).ToDictionary(i => i.Key);
        (manager["complaints"].Score, manager["complaints"].Evidence).ShouldBe((16m, "导入数据"));   // 20 − 2 × 2
        manager["satisfaction"].Score.ShouldBe(26m);                                                  // 90 % target: 2 points short × 2 = 4 off 30
    }

    [Fact]
    public async Task A_unit_scheme_scores_the_units_with_data_or_the_units_asked_for()
    {
        var client = await app.ClientAsAsync("zhijian");
        var scheme = await ActiveAsync(client, "DEPT-100");
        var (office, qic) = (await UnitAsync("OFFICE"), await UnitAsync("QIC"));
        var period = $"{Schemes}/{scheme.Id}/periods/2024-05";
        foreach (var (unit, key, score) in new[] { (office, "basic", 36m), (office, "plan", 38m), (office, "support", 18m), (qic, "basic", 30m), (qic, "plan", 30m), (qic, "support", 20m) })
        {
            (await client.PutJsonAsync($"{period}/manual-scores", new SetManualScoreRequest(unit.Id, key, score, "月度考核记录"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var computed = await client.PostAsync($"{period}/runs", null);
        computed.StatusCode.ShouldBe(HttpStatusCode.Created, await computed.Content.ReadAsStringAsync());
        var run = await computed.ReadAsync<RunDto>();
        run.Result.Subjects.Select(s => (s.Name, s.Total, s.BelowLine)).ShouldBe([("综合办公室", 92m, 0m), ("督察考评中心", 80m, 5m)], ignoreOrder: true);
        run.Run.CanPublish.ShouldBeTrue();
        // Both are overseen by the demo's 副总经理 孙立: his score is their average, (92 + 80) / 2.
        run.Result.Overseers.ShouldHaveSingleItem().ShouldSatisfyAllConditions(o => o.Name.ShouldBe("孙立"), o => o.Average.ShouldBe(86m), o => o.Units.Count.ShouldBe(2));

        var one = await (await client.PostJsonAsync($"{period}/runs", new ComputeRunRequest([qic.Id]))).ReadAsync<RunDto>();
        one.Result.Subjects.ShouldHaveSingleItem().Name.ShouldBe("督察考评中心");
        var unknown = await client.PostJsonAsync($"{period}/runs", new ComputeRunRequest([Guid.NewGuid()]));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_demo_ships_a_published_half_year_of_YCYC_results_every_point_explained_and_varied()
    {
        var client = await app.ClientAsAsync("lingdao");
        var team = await (await client.GetAsync("/api/v1/evaluation/team-results")).ReadAsync<List<TeamResultDto>>();
        var ycyc = team.Where(t => t.SchemeCode == "YCYC-DC-04").ToList();
        ycyc.Select(t => t.PositionName).Distinct().ShouldBe(["客户经理", "专管员", "送货员"], ignoreOrder: true);
        var run = await (await client.GetAsync($"/api/v1/evaluation/runs/{ycyc[0].RunId}")).ReadAsync<RunDto>();
        run.Run.Status.ShouldBe(RunStatus.Published);
        var indicators = run.Result.Subjects.SelectMany(s => s.Sections).SelectMany(s => s.Indicators).ToList();
        indicators.ShouldAllBe(i => i.Status == IndicatorStatus.Scored);
        indicators.Select(ExplanationText.Chinese).ShouldAllBe(t => t.Length > 10);
        indicators.Count(i => i.Score < i.Max).ShouldBeGreaterThan(3);   // findings somewhere, not all full marks
        run.Result.Subjects.Select(s => s.Total).Distinct().Count().ShouldBe(run.Result.Subjects.Count);
        team.ShouldContain(t => t.SchemeCode == "DEPT-100");

        var mine = await (await (await app.ClientAsAsync("zhengwei")).GetAsync("/api/v1/evaluation/my-results")).ReadAsync<List<MyResultDto>>();
        mine.ShouldContain(m => m.SchemeCode == "YCYC-DC-04" && m.Indicators.Count == 9);
    }

    [Fact]
    public async Task A_check_is_entered_against_the_subjects_own_position_where_positions_share_an_indicator_key()
    {
        var client = await app.ClientAsAsync("zhijian");
        var scheme = await ActiveAsync(client, "YCYC-DC-04");
        var url = $"{Schemes}/{scheme.Id}/periods/2024-H2/field-checks";
        var (specialist, driver) = (await StaffAsync("hetao"), await StaffAsync("machao"));

        // 标准服务 is "standard" for all three positions, with each position's own check items.
        var ok = await client.PostJsonAsync(url, new RecordFieldCheckRequest(specialist, "standard", "H1", ItemCounts: new Dictionary<string, decimal> { ["license"] = 1, ["policy-awareness"] = 0 }));
        ok.StatusCode.ShouldBe(HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
        (await client.PostJsonAsync(url, new RecordFieldCheckRequest(driver, "standard", "H1", ItemCounts: new Dictionary<string, decimal> { ["code-match"] = 1 }))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var managersItem = await client.PostJsonAsync(url, new RecordFieldCheckRequest(specialist, "standard", "H2", ItemCounts: new Dictionary<string, decimal> { ["display-order"] = 1 }));
        managersItem.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // 送货及时率 belongs to the 送货员 only.
        (await client.PostJsonAsync(url, new RecordFieldCheckRequest(specialist, "on-time", "H2", Observed: 4, Conforming: 4))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Someone who holds none of the scheme's positions.
        var outsider = await client.PostJsonAsync(url, new RecordFieldCheckRequest(await StaffAsync("jishu"), "standard", "H1", Count: 1));
        outsider.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await outsider.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("SubjectId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Units_are_asked_for_only_in_unit_schemes_and_a_run_of_one_unit_leaves_the_others_published_results_standing()
    {
        var inspector = await app.ClientAsAsync("zhijian");
        var executive = await app.ClientAsAsync("lingdao");
        var ycyc = await ActiveAsync(inspector, "YCYC-DC-04");
        (await inspector.PostJsonAsync($"{Schemes}/{ycyc.Id}/periods/2024-H1/runs", new ComputeRunRequest([Guid.NewGuid()]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var dept = await ActiveAsync(inspector, "DEPT-100");
        var period = $"{Schemes}/{dept.Id}/periods/2024-07";
        (await inspector.PostJsonAsync($"{period}/runs", new ComputeRunRequest([]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var (office, qic) = (await UnitAsync("OFFICE"), await UnitAsync("QIC"));
        foreach (var (unit, score) in new[] { (office, 36m), (qic, 30m) })
        {
            foreach (var (key, value) in new[] { ("basic", score), ("plan", 40m), ("support", 20m) })
            {
                await inspector.PutJsonAsync($"{period}/manual-scores", new SetManualScoreRequest(unit.Id, key, value, "月度考核"));
            }
        }

        var both = await (await inspector.PostAsync($"{period}/runs", null)).ReadAsync<RunDto>();
        (await executive.PostAsync($"/api/v1/evaluation/runs/{both.Run.Id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await inspector.PutJsonAsync($"{period}/manual-scores", new SetManualScoreRequest(qic.Id, "basic", 38, "复核"));
        var one = await (await inspector.PostJsonAsync($"{period}/runs", new ComputeRunRequest([qic.Id]))).ReadAsync<RunDto>();
        (await executive.PostAsync($"/api/v1/evaluation/runs/{one.Run.Id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var team = (await (await executive.GetAsync("/api/v1/evaluation/team-results")).ReadAsync<List<TeamResultDto>>())
            .Where(t => t.SchemeCode == "DEPT-100" && t.PeriodCode == "2024-07").ToList();
        team.Select(t => (t.Name, t.Total, t.RunId)).ShouldBe([("综合办公室", 96m, both.Run.Id), ("督察考评中心", 98m, one.Run.Id)], ignoreOrder: true);
    }

    [Fact]
    public async Task A_unit_head_reads_the_published_results_of_their_unit_only_and_cannot_open_runs()
    {
        var head = await app.ClientAsAsync("zhuren");   // 陈刚, 服务主任 of 工程部
        var team = await (await head.GetAsync("/api/v1/evaluation/team-results")).ReadAsync<List<TeamResultDto>>();
        team.ShouldContain(t => t.SchemeCode == "DEPT-100" && t.Name == "工程部");
        team.ShouldAllBe(t => t.Name == "工程部" || t.UnitName == "工程部" || t.UnitName == "维修一班" || t.UnitName == "维修二班");
        team.ShouldNotContain(t => t.SchemeCode == "YCYC-DC-04");
        (await head.GetAsync($"/api/v1/evaluation/runs/{team[0].RunId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
