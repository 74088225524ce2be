using Norma.Modules.Standards.Features.Records;
using Norma.Modules.Standards.Features.Tree;
using Norma.Modules.Standards.Setup;

namespace Norma.IntegrationTests.Standards;

/// <summary>The demo organization ships a believable standard system drawn from the seeds.</summary>
public sealed class DemoStandardsTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    [Fact]
    public async Task The_demo_has_a_standard_system_across_all_three_sub_systems()
    {
        var reader = await app.ClientAsAsync("kefu");
        var all = await (await reader.GetAsync("/api/v1/standards")).ReadAsync<List<StandardSummaryDto>>();
        all.Count.ShouldBe(DemoStandardsSeeder.Count);
        all.Count.ShouldBeGreaterThanOrEqualTo(25);
        foreach (var family in new[] { "JC", "BZ", "TG" })
        {
            all.Count(s => s.NodeCode.StartsWith(family + "-", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(5, family);
        }

        var titles = string.Join("|", all.Select(s => s.Title));
        foreach (var required in new[] { "服务质量测评管理办法", "客户服务标准", "投诉", "回访", "首问负责", "一次性告知", "限时办结", "超时默认", "服务质量检查管理办法" })
        {
            titles.ShouldContain(required);
        }

        var ycyc = all.Single(s => s.Number == "YCYC-DC-04");
        (ycyc.Title, ycyc.Edition, ycyc.IssuedOn, ycyc.EffectiveOn).ShouldBe(("服务质量测评管理办法", "A/0", new DateOnly(2007, 12, 31), new DateOnly(2008, 1, 1)));
        var detail = await (await reader.GetAsync($"/api/v1/standards/{ycyc.Id}")).ReadAsync<StandardDetailDto>();
        detail.Versions[0].Body.ShouldContain("每发生一起有理投诉扣2分");
        (detail.Versions[0].DraftedBy, detail.Versions[0].ReviewedBy, detail.Versions[0].ApprovedBy).ShouldBe(("孙洁", "李静", "周建国"));

        (await (await reader.GetAsync("/api/v1/standards/search?q=" + Uri.EscapeDataString("投诉"))).ReadAsync<List<ClauseHit>>()).Count.ShouldBeGreaterThan(10);
        (await (await reader.GetAsync("/api/v1/standards?filter=reviewdue")).ReadAsync<List<StandardSummaryDto>>()).ShouldNotBeEmpty();
        var nodes = await (await reader.GetAsync("/api/v1/standards/nodes")).ReadAsync<List<NodeDto>>();
        nodes.Sum(n => n.StandardCount).ShouldBe(all.Count);
    }
}
