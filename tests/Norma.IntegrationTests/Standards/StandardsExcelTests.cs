using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Norma.Modules.Standards.Domain;
using Norma.Modules.Standards.Features.Excel;
using Norma.Modules.Standards.Features.Records;
using Norma.Modules.Standards.Features.Tree;
using Norma.Rules.Standards;

namespace Norma.IntegrationTests.Standards;

public sealed class StandardsExcelTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private static byte[] Sheet(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string name = "明细表.xlsx")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", name);
        return await client.PostAsync("/api/v1/standards/import", form);
    }

    private static Dictionary<string, object?> Row(string number, string title, string level, string node, object? issued, object? effective) => new()
    {
        ["序号"] = 1, ["标准编号"] = number, ["标准名称"] = title, ["级别"] = level, ["体系编码"] = node, ["发布日期"] = issued, ["实施日期"] = effective, ["备注"] = null,
    };

    [Fact]
    public async Task A_sheet_with_bad_rows_is_rejected_with_reasons_and_nothing_is_imported()
    {
        var admin = await app.ClientAsAsync("admin");
        var before = await app.WithStandardsAsync(db => db.Standards.CountAsync());
        var response = await UploadAsync(admin, Sheet(
        [
            Row("Q/NM-TG-70-2024", "窗口服务规范", "企业", "TG-FW", "2024-01-01", "2024-02-01"),
            Row("Q/NM-TG-71-2024", "", "省级", "TG-FW", "2024-01-01", "2024-02-01"),
            Row("Q/NM-TG-72-2024", "电话服务规范", "企业", "NOPE", "2024-03-01", "2024-02-01"),
            Row("Q/NM-TG-70-2024", "重复", "企业", "TG-FW", "2024-01-01", "not a date"),
        ]));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var result = await response.ReadAsync<ImportResult>();
        result.Imported.ShouldBe(0);
        result.Rejected.Select(r => r.Row).ShouldBe([3, 4, 5]);
        result.Rejected[0].Reasons.ShouldBe(["请填写标准名称。", "级别“省级”无效(应为 国家/行业/地方/团体/企业)"]);
        result.Rejected[1].Reasons.ShouldBe(["体系编码“NOPE”不存在或已停用", "实施日期不能早于发布日期。"]);
        result.Rejected[2].Reasons.ShouldBe(["标准编号“Q/NM-TG-70-2024”在文件中重复", "实施日期缺失或格式不正确(如 2024-01-01)"]);
        (await app.WithStandardsAsync(db => db.Standards.CountAsync())).ShouldBe(before);

        (await UploadAsync(admin, [1, 2, 3], "x.csv")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await UploadAsync(admin, [1, 2, 3])).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await UploadAsync(await app.ClientAsAsync("biaozhun"), Sheet([Row("Q/X", "x", "企业", "TG-FW", "2024-01-01", "2024-01-01")]))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Imported_standards_are_published_and_the_export_shows_them_cell_by_cell()
    {
        var admin = await app.ClientAsAsync("admin");
        var dzBefore = (await (await admin.GetAsync("/api/v1/standards/nodes")).ReadAsync<List<NodeDto>>()).Single(n => n.Code == "JC-DZ").StandardCount;
        var imported = await UploadAsync(admin, Sheet(
        [
            Row("GB/T 24421.1-2023", "服务业组织标准化工作指南 第1部分:基本要求", "国家", "JC-DZ", new DateTime(2009, 9, 30), new DateTime(2009, 12, 1)),
            Row("=HYPERLINK(\"x\")", "公式注入测试", "企业", "TG-FW", "2024/1/5", "2024年2月1日"),
        ]));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await imported.ReadAsync<ImportResult>()).Imported.ShouldBe(2);

        var export = await admin.GetAsync("/api/v1/standards/export.xlsx");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        export.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        await using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        stream.GetSheetNames().ShouldBe(["标准明细表", "标准体系表"]);

        var detail = stream.Query(useHeaderRow: true, sheetName: "标准明细表").Cast<IDictionary<string, object>>().ToList();
        detail[0].Keys.Take(8).ShouldBe(["序号", "标准编号", "标准名称", "级别", "发布日期", "实施日期", "状态", "备注"]);
        var gb = detail.Single(r => (string)r["标准编号"] == "GB/T 24421.1-2023");
        gb["标准名称"].ShouldBe("服务业组织标准化工作指南 第1部分:基本要求");
        gb["级别"].ShouldBe("国家标准");
        gb["发布日期"].ShouldBe("2009-09-30");
        gb["实施日期"].ShouldBe("2009-12-01");
        gb["状态"].ShouldBe("现行有效");
        gb["备注"].ShouldBe("采用标准");
        detail.Select(r => r["序号"]).ShouldBe(Enumerable.Range(1, detail.Count).Select(i => (object)(double)i));
        detail.ShouldContain(r => (string)r["标准编号"] == "'=HYPERLINK(\"x\")");   // neutralized, stays text

        stream.Position = 0;
        var system = stream.Query(useHeaderRow: true, sheetName: "标准体系表").Cast<IDictionary<string, object>>().ToList();
        system.Count.ShouldBe(GbT24421Tree.Nodes.Count);
        system[0]["体系名称"].ShouldBe("服务通用基础标准体系");
        var dz = system.Single(r => (string)r["体系编码"] == "JC-DZ");
        dz["层级"].ShouldBe(2d);
        dz["标准数"].ShouldBe((double)(dzBefore + 1));
        dz["现行有效数"].ShouldBe((double)(dzBefore + 1));

        // The imported standard carries its history.
        var list = await (await admin.GetAsync("/api/v1/standards?search=24421.1-2023")).ReadAsync<List<StandardSummaryDto>>();
        var d = await (await admin.GetAsync($"/api/v1/standards/{list.Single().Id}")).ReadAsync<StandardDetailDto>();
        d.Versions.Single().Status.ShouldBe(StandardStatus.Published);
        d.Events.Single().Action.ShouldBe("imported");
    }
}
