using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Evaluation.Features.Entry;
using Norma.Modules.Evaluation.Features.Schemes;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Evaluation;

namespace Norma.IntegrationTests.Evaluation;

public sealed class EvaluationApiTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private const string Schemes = "/api/v1/evaluation/schemes";

    private static Task<SchemeSummaryDto> ActiveAsync(HttpClient client, string code) => client.ActiveSchemeAsync(code);

    private Task<StaffInfo> StaffAsync(string userName) => app.StaffAsync(userName);

    private Task<UnitInfo> UnitAsync(string code) => app.UnitAsync(code);

    private static Task<HttpResponseMessage> PostTextAsync(HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, byte[] file, string name)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/octet-stream");
        form.Add(content, "file", name);
        return client.PostAsync(url, form);
    }

    [Fact]
    public async Task The_demo_organization_has_the_three_shipped_schemes_active()
    {
        var client = await app.ClientAsAsync("zhijian");
        var schemes = await (await client.GetAsync(Schemes)).ReadAsync<List<SchemeSummaryDto>>();
        schemes.Where(s => s.Number == 1).Select(s => s.Code).Order().ShouldBe(["DEPT-100", "PROPERTY-10X10", "YCYC-DC-04"]);
        schemes.Where(s => s.Number == 1).ShouldAllBe(s => s.CanPublish && s.Errors == 0);
    }

    [Fact]
    public async Task A_malformed_file_is_refused_with_every_problem_located_and_nothing_stored()
    {
        var client = await app.ClientAsAsync("biaozhun");
        var before = (await (await client.GetAsync(Schemes)).ReadAsync<List<SchemeSummaryDto>>()).Count;

        var syntax = await PostTextAsync(client, $"{Schemes}/import", "{\n  \"code\": \"T\",\n  \"name\": 测试\n}");
        syntax.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        syntax.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await syntax.ReadAsync<JsonElement>();
        body.GetProperty("title").GetString().ShouldBe("测评方案文件无法读取，请按问题列表逐项修改后重新导入。");
        var problem = body.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem();
        (problem.GetProperty("code").GetString(), problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetInt32()).ShouldBe((SchemeJson.Codes.Syntax, 3, 11));

        // A well-formed file with a wrong value: the JSONPath, line and column of the value, in Chinese.
        var text = ShippedSchemes.Text("ycyc-dc-04");
        var line = text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("\"period\"", StringComparison.Ordinal)).i + 1;
        var wrong = await PostTextAsync(client, $"{Schemes}/import", text.Replace("\"halfYear\"", "\"weekly\"", StringComparison.Ordinal));
        wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var p = (await wrong.ReadAsync<JsonElement>()).GetProperty("problems").EnumerateArray().ShouldHaveSingleItem();
        (p.GetProperty("path").GetString(), p.GetProperty("line").GetInt32(), p.GetProperty("column").GetInt32()).ShouldBe(("$.period", line, 3));
        p.GetProperty("message").GetString()!.ShouldContain("\"halfYear\"");

        (await (await client.GetAsync(Schemes)).ReadAsync<List<SchemeSummaryDto>>()).Count.ShouldBe(before);
    }

    [Fact]
    public async Task Importing_YCYC_DC_04_reports_the_120_and_110_point_trees_and_its_activation_retires_the_previous_version()
    {
        var client = await app.ClientAsAsync("biaozhun");
        var previous = await ActiveAsync(client, "YCYC-DC-04");
        var response = await PostTextAsync(client, $"{Schemes}/import", ShippedSchemes.Text("ycyc-dc-04"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var draft = await response.ReadAsync<SchemeDto>();
        (draft.Code, draft.Status, draft.CanPublish, draft.Period).ShouldBe(("YCYC-DC-04", SchemeStatus.Draft, true, PeriodType.HalfYear));
        draft.Number.ShouldBeGreaterThan(previous.Number);
        var sums = draft.Problems.Where(x => x.Code == SchemeProblemCodes.MaximaNot100).ToList();
        sums.Count.ShouldBe(2);
        sums.ShouldAllBe(x => x.Severity == ProblemSeverity.Warning);
        sums.ShouldContain(x => x.Message.Contains("120"));
        sums.ShouldContain(x => x.Message.Contains("110"));
        (await client.GetAsync($"{Schemes}/{draft.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var export = await client.GetAsync($"{Schemes}/{draft.Id}/export");
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        export.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        SchemeJson.Parse(await export.Content.ReadAsStringAsync()).Scheme!.Code.ShouldBe("YCYC-DC-04");

        (await (await client.PostAsync($"{Schemes}/{draft.Id}/activate", null)).ReadAsync<SchemeDto>()).Status.ShouldBe(SchemeStatus.Active);
        (await (await client.GetAsync($"{Schemes}/{previous.Id}")).ReadAsync<SchemeDto>()).Status.ShouldBe(SchemeStatus.Retired);
        (await ActiveAsync(client, "YCYC-DC-04")).Id.ShouldBe(draft.Id);
        // Active versions are immutable: no second activation, no reactivation of the retired one.
        (await client.PostAsync($"{Schemes}/{draft.Id}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await client.PostAsync($"{Schemes}/{previous.Id}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_version_with_errors_is_stored_but_cannot_be_activated()
    {
        var client = await app.ClientAsAsync("biaozhun");
        var text = ShippedSchemes.Text("ycyc-dc-04").Replace("\"normalizeTo100\"", "\"none\"", StringComparison.Ordinal);
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "ycyc.json" } };
        var response = await client.PostAsync($"{Schemes}/import", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var draft = await response.ReadAsync<SchemeDto>();
        draft.CanPublish.ShouldBeFalse();
        draft.Problems.Where(x => x.Code == SchemeProblemCodes.MaximaNot100).ShouldAllBe(x => x.Severity == ProblemSeverity.Error);
        var refused = await client.PostAsync($"{Schemes}/{draft.Id}/activate", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.ReadAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("不能启用");
    }

    [Theory]
    [InlineData("jishu", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("kefu", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("lingdao", HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData("zhijian", HttpStatusCode.OK, HttpStatusCode.Created)]
    public async Task Reading_and_importing_schemes_follow_the_evaluation_permissions(string user, HttpStatusCode read, HttpStatusCode import)
    {
        var client = await app.ClientAsAsync(user);
        (await client.GetAsync(Schemes)).StatusCode.ShouldBe(read);
        (await PostTextAsync(client, $"{Schemes}/import", ShippedSchemes.Text("dept-100"))).StatusCode.ShouldBe(import);
    }

    [Fact]
    public async Task Field_checks_are_recorded_listed_and_deleted_for_field_check_indicators_only()
    {
        var client = await app.ClientAsAsync("zhijian");
        var scheme = await ActiveAsync(client, "YCYC-DC-04");
        var manager = await StaffAsync("zhengwei");
        var url = $"{Schemes}/{scheme.Id}/periods/2025-H2/field-checks";

        var created = await client.PostJsonAsync(url, new RecordFieldCheckRequest(manager.Id, "standard", "张记烟酒店", ItemCounts: new Dictionary<string, decimal> { ["price-tags"] = 2 }, Note: "价签缺失"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var check = await created.ReadAsync<FieldCheckDto>();
        (check.SubjectId, check.IndicatorKey, check.Household, check.CheckedBy).ShouldBe((manager.Id, "standard", "张记烟酒店", "zhijian"));
        check.ItemCounts!["price-tags"].ShouldBe(2m);
        (await client.PostJsonAsync(url, new RecordFieldCheckRequest(manager.Id, "format-accuracy", "李家便利店", Count: 1))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Refused: an unknown check item, an imported indicator, neither count nor items, a month in a half-year scheme.
        (await client.PostJsonAsync(url, new RecordFieldCheckRequest(manager.Id, "standard", "王家", ItemCounts: new Dictionary<string, decimal> { ["nope"] = 1 }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync(url, new RecordFieldCheckRequest(manager.Id, "gross-margin", "王家", Count: 1))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync(url, new RecordFieldCheckRequest(manager.Id, "standard", "王家"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync($"{Schemes}/{scheme.Id}/periods/2026-03/field-checks", new RecordFieldCheckRequest(manager.Id, "standard", "王家", Count: 1)))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var listed = await (await client.GetAsync($"{url}?staffId={manager.Id}")).ReadAsync<List<FieldCheckDto>>();
        listed.Select(c => c.Household).ShouldBe(["张记烟酒店", "李家便利店"], ignoreOrder: true);
        (await client.DeleteAsync($"{url}/{check.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await client.GetAsync($"{url}?staffId={manager.Id}")).ReadAsync<List<FieldCheckDto>>()).ShouldHaveSingleItem().Household.ShouldBe("李家便利店");

        var staff = await app.ClientAsAsync("jishu");
        (await staff.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await staff.PostJsonAsync(url, new RecordFieldCheckRequest(manager.Id, "standard", "王家", Count: 1))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_manual_score_needs_a_note_and_a_second_score_replaces_the_first()
    {
        var client = await app.ClientAsAsync("zhijian");
        var scheme = await ActiveAsync(client, "DEPT-100");
        var unit = await UnitAsync("MKT");
        var url = $"{Schemes}/{scheme.Id}/periods/2026-03/manual-scores";

        var noNote = await client.PutJsonAsync(url, new SetManualScoreRequest(unit.Id, "basic", 36, "  "));
        noNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noNote.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Note", out _).ShouldBeTrue();
        (await client.PutJsonAsync(url, new SetManualScoreRequest(unit.Id, "basic", 41, "超过满分"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var first = await (await client.PutJsonAsync(url, new SetManualScoreRequest(unit.Id, "basic", 36, "制度建设基本完成"))).ReadAsync<ManualScoreDto>();
        var second = await (await client.PutJsonAsync(url, new SetManualScoreRequest(unit.Id, "basic", 38.5m, "复核后调整"))).ReadAsync<ManualScoreDto>();
        second.Id.ShouldBe(first.Id);
        (second.SubjectKind, second.Score, second.Note, second.By).ShouldBe((FigureSubjectKind.Unit, 38.5m, "复核后调整", "zhijian"));
        (await (await client.GetAsync(url)).ReadAsync<List<ManualScoreDto>>()).ShouldHaveSingleItem().Score.ShouldBe(38.5m);
        (await (await app.ClientAsAsync("lingdao")).PutJsonAsync(url, new SetManualScoreRequest(unit.Id, "basic", 30, "无权"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_figures_file_with_bad_rows_is_refused_row_by_row_and_nothing_is_saved()
    {
        var client = await app.ClientAsAsync("zhijian");
        var scheme = await ActiveAsync(client, "YCYC-DC-04");
        var url = $"{Schemes}/{scheme.Id}/periods/2025-H1/figures";
        const string Csv = "\uFEFF对象编码,指标项,数值\nzhengwei,grossMargin,0.12\nnobody,grossMargin,1\nzhengwei,unknownFigure,1\n\nhetao,purificationRate,abc\nzhengwei,grossMargin,0.2\n";

        var response = await UploadAsync(client, $"{url}/import", Encoding.UTF8.GetBytes(Csv), "figures.csv");
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var rows = (await response.ReadAsync<JsonElement>()).GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString())).ToList();
        rows.ShouldBe([(3, "对象编码"), (4, "指标项"), (6, "数值"), (7, "对象编码")]);
        (await (await client.GetAsync(url)).ReadAsync<List<ImportedFigureDto>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Good_figures_are_imported_from_CSV_and_Excel_and_a_reimport_replaces_them()
    {
        var client = await app.ClientAsAsync("zhijian");
        var scheme = await ActiveAsync(client, "YCYC-DC-04");
        var url = $"{Schemes}/{scheme.Id}/periods/2025-H2/figures";

        var csv = await UploadAsync(client, $"{url}/import", Encoding.UTF8.GetBytes("subject,figure,value\r\nzhengwei,grossMargin,0.12\r\nzhengwei,stock,\"1,200\"\r\nmachao,safety,1\r\n"), "f.csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK, await csv.Content.ReadAsStringAsync());
        (await csv.ReadAsync<FigureImportResult>()).ShouldSatisfyAllConditions(r => r.Imported.ShouldBe(3), r => r.Replaced.ShouldBe(0));

        using var sheet = new MemoryStream();
        sheet.SaveAs(new[] { new Dictionary<string, object> { ["对象编码"] = "zhengwei", ["指标项"] = "grossMargin", ["数值"] = 0.15 } });
        var excel = await UploadAsync(client, $"{url}/import", sheet.ToArray(), "f.xlsx");
        excel.StatusCode.ShouldBe(HttpStatusCode.OK, await excel.Content.ReadAsStringAsync());
        (await excel.ReadAsync<FigureImportResult>()).ShouldSatisfyAllConditions(r => r.Imported.ShouldBe(1), r => r.Replaced.ShouldBe(1));

        var figures = await (await client.GetAsync(url)).ReadAsync<List<ImportedFigureDto>>();
        figures.Select(f => (f.SubjectCode, f.Name, f.Value)).ShouldBe([("machao", "safety", 1m), ("zhengwei", "grossMargin", 0.15m), ("zhengwei", "stock", 1200m)]);
    }
}
