using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Standards.Contracts;
using Norma.Modules.Standards.Features.Attachments;
using Norma.Modules.Standards.Features.Records;
using Norma.Modules.Standards.Features.Traceability;
using Norma.Modules.Standards.Features.Tree;
using Norma.Rules.Standards;

namespace Norma.IntegrationTests.Standards;

public sealed class TraceabilityAndAttachmentTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private async Task<Guid> StandardIdAsync(HttpClient c, string number) =>
        (await (await c.GetAsync("/api/v1/standards?search=" + Uri.EscapeDataString(number))).ReadAsync<List<StandardSummaryDto>>()).Single(s => s.Number == number).Id;

    [Fact]
    public async Task Citations_show_on_the_standard_and_the_uncited_report_lists_what_nothing_implements()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var uncited = await (await officer.GetAsync("/api/v1/standards?filter=uncited")).ReadAsync<List<StandardSummaryDto>>();
        var inForce = await (await officer.GetAsync("/api/v1/standards?filter=inforce")).ReadAsync<List<StandardSummaryDto>>();
        uncited.Count.ShouldBe(inForce.Count);   // the demo starts with nothing implemented

        var ycyc = await StandardIdAsync(officer, "YCYC-DC-04");
        var put = await officer.PutJsonAsync("/api/v1/standards/citations", new SetCitationsRequest("indicator", "ind-42", "测评指标 送货及时率", [new CitationTarget(ycyc, "5.3")]));
        put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var cites = await (await (await app.ClientAsAsync("kefu")).GetAsync($"/api/v1/standards/{ycyc}/citations")).ReadAsync<List<CitationDto>>();
        cites.ShouldBe([new CitationDto("indicator", "ind-42", "测评指标 送货及时率", "5.3")]);
        (await (await officer.GetAsync("/api/v1/standards?filter=uncited")).ReadAsync<List<StandardSummaryDto>>()).ShouldNotContain(s => s.Id == ycyc);

        // Other capabilities use the contract; setting again replaces, an empty list removes.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var actor = await NormaFactory.ActorAsync(scope.ServiceProvider, "biaozhun");
            await scope.ServiceProvider.GetRequiredService<IStandardCitations>().SetAsync(actor, "indicator", "ind-42", "测评指标 送货及时率", []);
        }

        (await (await officer.GetAsync($"/api/v1/standards/{ycyc}/citations")).ReadAsync<List<CitationDto>>()).ShouldBeEmpty();
        (await (await app.ClientAsAsync("kefu")).PutJsonAsync("/api/v1/standards/citations", new SetCitationsRequest("x", "1", "x", [])))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.PutJsonAsync("/api/v1/standards/citations", new SetCitationsRequest("x", "1", "x", [new CitationTarget(Guid.NewGuid(), null)])))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static MultipartFormDataContent File(byte[] content, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return form;
    }

    [Fact]
    public async Task Attachments_are_checked_frozen_on_publication_and_served_as_downloads()
    {
        var officer = await app.ClientAsAsync("biaozhun");
        var node = (await (await officer.GetAsync("/api/v1/standards/nodes")).ReadAsync<List<NodeDto>>()).Single(n => n.Code == "BZ-HT").Id;
        var d = await (await officer.PostJsonAsync("/api/v1/standards", new CreateStandardRequest("Q/NM-BZ-96-2026", "服务合同管理", Norma.Modules.Standards.Domain.StandardLevel.Enterprise,
            false, node, 36, null, null, null, null, null, "## 1 范围"))).ReadAsync<StandardDetailDto>();
        var version = d.Versions[0].Id;
        var pdf = "%PDF-1.7\n签章原件\n%%EOF"u8.ToArray();

        var ok = await officer.PostAsync($"/api/v1/standards/versions/{version}/attachments", File(pdf, "签发稿.pdf"));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var attachment = await ok.ReadAsync<AttachmentDto>();
        attachment.ContentType.ShouldBe("application/pdf");

        (await officer.PostAsync($"/api/v1/standards/versions/{version}/attachments", File("<script>alert(1)</script>"u8.ToArray(), "x.html")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var disguised = await officer.PostAsync($"/api/v1/standards/versions/{version}/attachments", File("<html>"u8.ToArray(), "fake.pdf"));
        disguised.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await disguised.Content.ReadAsStringAsync()).ShouldContain("文件内容与扩展名 .pdf 不符。");

        var download = await officer.GetAsync($"/api/v1/standards/attachments/{attachment.Id}");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);

        // Readers cannot fetch a draft's documents; after publication they can, and nobody can change them.
        var reader = await app.ClientAsAsync("jishu");
        (await reader.GetAsync($"/api/v1/standards/attachments/{attachment.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var leader = await app.ClientAsAsync("lingdao");
        foreach (var (client, action) in new[] { (officer, StandardAction.PassReview), (leader, StandardAction.Approve), (leader, StandardAction.Publish) })
        {
            d = await (await client.PostJsonAsync($"/api/v1/standards/versions/{version}/transition",
                new TransitionRequest(action, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)))).ReadAsync<StandardDetailDto>();
        }

        (await reader.GetAsync($"/api/v1/standards/attachments/{attachment.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.DeleteAsync($"/api/v1/standards/attachments/{attachment.Id}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await officer.PostAsync($"/api/v1/standards/versions/{version}/attachments", File(pdf, "补充.pdf"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The audit log records the upload by its hash, never the bytes.
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "standard_attachment.created").Select(a => a.Details).SingleAsync());
        audit.ShouldContain("Sha256");
        audit.ShouldNotContain("\"Content\"");
        audit.ShouldNotContain(Convert.ToBase64String(pdf));
    }
}
