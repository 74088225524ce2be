using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Norma.UnitTests.Platform;

public partial class ResourceTests
{
    private static string ResourceFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Norma.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "src", "Norma", "Resources");
    }

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(ResourceFolder(), file)).Root!.Elements("data")
            .ToDictionary(e => e.Attribute("name")!.Value, e => e.Element("value")!.Value);

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void English_has_exactly_the_keys_of_Chinese_with_the_same_placeholders()
    {
        var zh = Load("SharedResource.resx");
        var en = Load("SharedResource.en-US.resx");
        zh.Keys.Except(en.Keys).ShouldBeEmpty("keys missing in en-US");
        en.Keys.Except(zh.Keys).ShouldBeEmpty("keys missing in zh-CN");
        foreach (var key in zh.Keys)
        {
            var zp = Placeholder().Matches(zh[key]).Select(m => m.Value).Order().ToList();
            var ep = Placeholder().Matches(en[key]).Select(m => m.Value).Order().ToList();
            ep.ShouldBe(zp, $"placeholders of {key}");
        }
    }

    [Fact]
    public void Every_key_the_code_asks_for_exists()
    {
        var zh = Load("SharedResource.resx");
        var src = Path.GetDirectoryName(ResourceFolder())!;
        var used = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\b(?:T|text)\[""([A-Za-z.]+)""").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        used.Count.ShouldBeGreaterThan(100);
        used.Where(k => !zh.ContainsKey(k)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_permission_scope_and_builtin_role_has_a_name()
    {
        var zh = Load("SharedResource.resx");
        foreach (var p in Norma.Shared.Access.Permissions.All)
        {
            zh.ShouldContainKey($"Permission.{p}");
        }

        foreach (var s in Enum.GetNames<Norma.Rules.Access.DataScope>())
        {
            zh.ShouldContainKey($"Scope.{s}");
        }

        foreach (var r in Norma.Modules.Organization.Domain.SystemRoles.All)
        {
            zh.ShouldContainKey($"Role.{r}");
        }
    }

    /// <summary>Names the catalog pages look up by value (T[$"Category.{c}"] …), which the key scan above cannot see.</summary>
    [Fact]
    public void Every_catalog_value_and_process_problem_has_a_name()
    {
        var zh = Load("SharedResource.resx");
        static IEnumerable<string> Names<T>(string prefix) where T : struct, Enum => Enum.GetNames<T>().Select(n => $"{prefix}.{n}");
        var keys = Names<Norma.Modules.Catalog.Domain.ItemCategory>("Category")
            .Concat(Names<Norma.Modules.Catalog.Domain.HandlingKind>("Handling"))
            .Concat(Names<Norma.Modules.Catalog.Domain.Channels>("Channel").Where(k => k != "Channel.None"))
            .Concat(Names<Norma.Modules.Catalog.Domain.MaterialForm>("MaterialForm"))
            .Concat(Names<Norma.Modules.Catalog.Domain.CommitmentMetric>("Metric"))
            .Concat(Names<Norma.Modules.Catalog.Domain.Priority>("Priority"))
            .Concat(Names<Norma.Modules.Catalog.Domain.TemplateVersionStatus>("TemplateStatus"))
            .Concat(Names<Norma.Rules.Processes.FieldType>("FieldType"))
            .Concat(Names<Norma.Rules.Calendars.LimitUnit>("Limit.Unit"))
            .Concat(Names<Norma.Rules.Calendars.TimeBasis>("Limit.Basis"))
            .Concat(from b in Enum.GetNames<Norma.Rules.Calendars.TimeBasis>() from u in Enum.GetNames<Norma.Rules.Calendars.LimitUnit>() select $"Limit.{b}.{u}")
            .Concat(typeof(Norma.Rules.Processes.ProcessProblemCodes).GetFields().Select(f => $"ProcProblem.{f.GetValue(null)}"));
        foreach (var key in keys)
        {
            zh.ShouldContainKey(key);
        }
    }

    private static readonly string[] StepOutcomes = ["completed", "returned", "rejected", "deemed", "dropped"];

    /// <summary>Names the case pages look up by value (T[$"CaseEvent.{type}"], T[$"ClockState.{state}"] …).</summary>
    [Fact]
    public void Every_case_event_clock_state_and_case_value_has_a_name()
    {
        var zh = Load("SharedResource.resx");
        static IEnumerable<string> Names<T>(string prefix) where T : struct, Enum => Enum.GetNames<T>().Select(n => $"{prefix}.{n}");
        var keys = Norma.Modules.Cases.Domain.CaseEvents.All.Select(e => $"CaseEvent.{e}")
            .Concat(Names<Norma.Rules.Cases.ClockState>("ClockState"))
            .Concat(Names<Norma.Rules.Cases.PauseReason>("PauseReason"))
            .Concat(Names<Norma.Modules.Cases.Domain.TransferStatus>("TransferStatus"))
            .Concat(Names<Norma.Modules.Cases.Domain.ExtensionStatus>("ExtensionStatus"))
            .Concat(Names<Norma.Modules.Cases.Domain.CaseLinkKind>("CaseLinkKind"))
            .Concat(Names<Norma.Rules.Cases.ProcessOutcome>("ProcessOutcome"))
            .Concat(Names<Norma.Rules.Cases.CaseStatus>("CaseStatus"))
            .Concat(Names<Norma.Modules.Cases.Domain.CaseChannel>("Channel"))
            .Concat(Names<Norma.Modules.Cases.Domain.ChargeType>("Charge"))
            .Concat(Norma.Components.Pages.Cases.CaseDetail.AllPanels.Select(a => $"CaseUi.Act.{a}"))
            .Concat(StepOutcomes.Select(o => $"CaseUi.StepOutcome.{o}"))
            .Concat(Enumerable.Range(1, 3).Select(n => $"CaseUi.Sheet.Part{n}"))
            .Concat(Enumerable.Range(0, 4).Select(n => $"CaseUi.List.Flag.{n}"));
        foreach (var key in keys)
        {
            zh.ShouldContainKey(key);
        }
    }
}
