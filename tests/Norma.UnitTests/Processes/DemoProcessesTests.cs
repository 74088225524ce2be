using System.Text.Json;
using Norma.Modules.Organization.Domain;
using Norma.Rules.Calendars;
using Norma.Rules.Processes;

namespace Norma.UnitTests.Processes;

/// <summary>The demo process templates (src/Norma/Modules/Catalog/Setup/DemoProcesses.json, embedded in the app).</summary>
public class DemoProcessesTests
{
    private static readonly ProcessContext DemoOrganization = new(
        new HashSet<string>(SystemRoles.All, StringComparer.Ordinal),
        new HashSet<string>(StringComparer.Ordinal) { "NORMA", "OFFICE", "CSC", "CSC-WIN", "CSC-CALL", "ENG", "ENG-R1", "ENG-R2", "QIC", "MKT" });

    private sealed record Template(string Code, string Name, string Description, ProcessDefinition Definition);

    private static List<Template> Load()
    {
        using var stream = typeof(SystemRoles).Assembly.GetManifestResourceStream("Norma.DemoProcesses.json").ShouldNotBeNull();
        using var document = JsonDocument.Parse(stream);
        var templates = new List<Template>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var code = item.GetProperty("code").GetString()!;
            var parsed = ProcessJson.Parse(item.GetProperty("definition").GetRawText());
            parsed.Problems.ShouldBeEmpty(code);
            templates.Add(new Template(code, item.GetProperty("name").GetString()!, item.GetProperty("description").GetString()!, parsed.Definition!));
        }

        return templates;
    }

    private static Template Get(string code) => Load().Single(t => t.Code == code);

    [Fact]
    public void The_three_templates_parse_and_validate_against_the_demo_organization()
    {
        var templates = Load();
        templates.Select(t => t.Code).ShouldBe(["GAS-REPAIR", "ONE-WINDOW", "HOME-DECORATION"]);
        foreach (var t in templates)
        {
            ProcessValidator.Validate(t.Definition, DemoOrganization).ShouldBeEmpty(t.Code);
            t.Name.ShouldNotBeNullOrWhiteSpace();
            t.Description.ShouldContain("演示组织");
            Should.NotThrow(() => ProcessLayout.ToSvg(t.Definition, ProcessLayout.Compute(t.Definition)));
        }
    }

    [Fact]
    public void The_decoration_flow_keeps_the_seeds_28_numbered_steps_in_order()
    {
        var steps = Get("HOME-DECORATION").Definition.Steps;
        steps.Count.ShouldBe(28);
        steps.Select(s => s.Name[..3]).ShouldBe(Enumerable.Range(1, 28).Select(n => $"{n:00} "));
        steps[6].Name.ShouldBe("07 签定施工合同,客户交首期款");
        steps[27].Name.ShouldBe("28 保修期服务");
        var acceptance = steps.Single(s => s.Name == "24 保洁服务、竣工验收、客户评价");
        acceptance.SignOffs.ShouldBe(["客户", "工长", "质检员"]);
        acceptance.Checklist.ShouldNotBeNull().ShouldContain("《竣工验收单》");
        steps[9].Checklist.ShouldNotBeNull().ShouldContain("工程统计建立《在施工程一览表》");
        steps[9].Checklist.ShouldNotBeNull().ShouldContain("填写《工程资料明细单》");
        steps[24].TimeLimit.ShouldBe(new TimeLimit(3, LimitUnit.Days, TimeBasis.Natural));
    }

    [Fact]
    public void The_one_window_flow_splits_into_parallel_approvals_that_join()
    {
        var definition = Get("ONE-WINDOW").Definition;
        var graph = new ProcessGraph(definition);
        var accept = definition.Steps[0];
        accept.Name.ShouldBe("前台综合受理");
        accept.Next.Count.ShouldBeGreaterThanOrEqualTo(2);
        var approvals = accept.Next.Select(k => definition.Steps[graph.IndexOf(k)]).ToList();
        approvals.ShouldAllBe(a => a.Options != null && a.Options.AllowReject && a.Options.DeemedApprovedOnTimeout && a.TimeLimit != null);
        approvals.ShouldAllBe(a => a.Options!.AllowReturn && a.Options.ReturnTo!.Count == 1 && a.Options.ReturnTo[0] == "accept");
        var joins = approvals.SelectMany(a => a.Next).Distinct().ToList();
        var join = definition.Steps[graph.IndexOf(joins.ShouldHaveSingleItem())];
        join.Join.ShouldBeTrue();
        join.Name.ShouldBe("统一窗口出证");
        definition.Steps[^1].Options.ShouldNotBeNull().CompletionNotice.ShouldBeTrue();

        var layout = ProcessLayout.Compute(definition);
        layout.Nodes.Where(n => accept.Next.Contains(n.Key)).Select(n => n.Layer).Distinct().ShouldHaveSingleItem();
        layout.Nodes.Where(n => accept.Next.Contains(n.Key)).Select(n => n.Lane).Distinct().Count().ShouldBe(accept.Next.Count);
    }

    [Fact]
    public void The_gas_repair_flow_runs_from_acceptance_to_archiving_with_a_repair_record_and_a_customer_sign_off()
    {
        var steps = Get("GAS-REPAIR").Definition.Steps;
        steps.Select(s => s.Name).ShouldBe(["受理", "派工", "到场", "维修", "客户确认", "回访", "归档"]);
        steps[2].TimeLimit.ShouldBe(new TimeLimit(6, LimitUnit.Hours, TimeBasis.Natural));   // 一般故障 6 小时内处理 (seed 000, 2.2.4)
        steps[3].Form.ShouldNotBeNull().Select(f => f.Label).ShouldBe(["故障类型", "处理措施", "更换配件", "用时(分钟)"]);
        steps[4].SignOffs.ShouldBe(["客户"]);
        steps[5].Form.ShouldNotBeNull().Single(f => f.Key == "satisfaction").Type.ShouldBe(FieldType.Choice);
    }

    [Fact]
    public void The_file_is_in_the_process_json_format()
    {
        // Each definition serializes back to the same JSON (modulo whitespace): no property the format would drop.
        using var stream = typeof(SystemRoles).Assembly.GetManifestResourceStream("Norma.DemoProcesses.json").ShouldNotBeNull();
        using var document = JsonDocument.Parse(stream);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var raw = item.GetProperty("definition");
            var compact = JsonSerializer.Serialize(raw, ProcessJson.Options);
            ProcessJson.Serialize(ProcessJson.Deserialize(raw.GetRawText())).ShouldBe(compact);
        }
    }
}
