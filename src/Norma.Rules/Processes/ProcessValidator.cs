using System.Text.RegularExpressions;

namespace Norma.Rules.Processes;

/// <summary>What a definition may refer to: the organization's role keys and unit codes (the caller picks the comparer).</summary>
public sealed record ProcessContext(IReadOnlySet<string> RoleKeys, IReadOnlySet<string> UnitCodes);

/// <summary>A broken rule: <see cref="Code"/> is stable English (see <see cref="ProcessProblemCodes"/>), <see cref="Message"/> Chinese.</summary>
public sealed record ProcessProblem(string Code, string? StepKey, string Message);

/// <summary>The codes <see cref="ProcessValidator"/> reports, in the order it checks them for a step.</summary>
public static class ProcessProblemCodes
{
    public const string NoSteps = "no-steps";
    public const string EmptyKey = "empty-key";
    public const string InvalidKey = "invalid-key";
    public const string DuplicateKey = "duplicate-key";
    public const string EmptyName = "empty-name";
    public const string MissingAssignee = "missing-assignee";
    public const string UnknownRole = "unknown-role";
    public const string UnknownUnit = "unknown-unit";
    public const string NonPositiveTimeLimit = "non-positive-time-limit";
    public const string TimeoutWithoutLimit = "timeout-without-limit";
    public const string UnknownNext = "unknown-next";
    public const string SelfLoop = "self-loop";
    public const string DuplicateNext = "duplicate-next";
    public const string JoinWithoutBranches = "join-without-branches";
    public const string AmbiguousMerge = "ambiguous-merge";
    public const string UnclosedSplit = "unclosed-split";
    public const string ReturnWithoutAllow = "return-without-allow";
    public const string UnknownReturnTarget = "unknown-return-target";
    public const string ReturnNotEarlier = "return-not-earlier";
    public const string ReturnWithoutTarget = "return-without-target";
    public const string InvalidFieldKey = "invalid-field-key";
    public const string DuplicateFieldKey = "duplicate-field-key";
    public const string EmptyFieldLabel = "empty-field-label";
    public const string ChoiceWithoutOptions = "choice-without-options";
    public const string OptionsOnNonChoice = "options-on-non-choice";
    public const string DuplicateChoiceOption = "duplicate-choice-option";
    public const string BlankChecklistItem = "blank-checklist-item";
    public const string BlankSignOff = "blank-sign-off";
    public const string UnreachableStep = "unreachable-step";
    public const string Cycle = "cycle";
    public const string NoEndStep = "no-end-step";
}

/// <summary>
/// Checks a <see cref="ProcessDefinition"/> before it is saved or published. Problems come in a fixed order:
/// step by step in definition order (each step's rules in the order of <see cref="ProcessProblemCodes"/>),
/// then the whole-graph rules (cycles, no end step). The rules are listed in docs/processes.md.
/// <para>
/// Parallel work: every next step of a step is started (a step with several next steps is a split), and a step
/// with several incoming edges must be a <see cref="ProcessStep.Join"/>, which waits for all of them. Every split
/// must be closed: all paths from the split to an end must pass through one common step (which then has several
/// incoming edges, so it is a join). Branches may not end separately.
/// </para>
/// </summary>
public static partial class ProcessValidator
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex StepKeyPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldKeyPattern();

    /// <summary>Step keys: lower-case letters, digits and '-', starting with a letter or digit, at most 40 characters.</summary>
    public static bool IsValidStepKey(string? key) => key is not null && StepKeyPattern().IsMatch(key);

    /// <summary>Form field keys: ASCII letters, digits, '_' and '-', starting with a letter, at most 40 characters.</summary>
    public static bool IsValidFieldKey(string? key) => key is not null && FieldKeyPattern().IsMatch(key);

    public static IReadOnlyList<ProcessProblem> Validate(ProcessDefinition definition, ProcessContext context)
    {
        var problems = new List<ProcessProblem>();
        var steps = definition.Steps ?? [];
        if (steps.Count == 0)
        {
            problems.Add(new(ProcessProblemCodes.NoSteps, null, "流程至少需要一个步骤"));
            return problems;
        }

        var graph = new ProcessGraph(definition);
        var reachableFromStart = graph.ReachableFrom(0);
        var cycles = graph.Cycles();
        var postDominators = cycles.Count == 0 ? PostDominators(graph) : null;
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var key = step.Key;
            var label = Label(step, i);
            void Add(string code, string message) => problems.Add(new(code, key, message));

            if (string.IsNullOrWhiteSpace(key))
            {
                Add(ProcessProblemCodes.EmptyKey, $"第 {i + 1} 个步骤缺少标识(key)");
            }
            else if (!IsValidStepKey(key))
            {
                Add(ProcessProblemCodes.InvalidKey, $"步骤{label}的标识“{key}”无效:只能用小写字母、数字和连字符(-),以字母或数字开头,最长 40 个字符");
            }

            if (!string.IsNullOrWhiteSpace(key) && !seenKeys.Add(key))
            {
                Add(ProcessProblemCodes.DuplicateKey, $"步骤标识“{key}”重复(第 {graph.IndexOf(key) + 1} 个和第 {i + 1} 个步骤)");
            }

            if (string.IsNullOrWhiteSpace(step.Name))
            {
                Add(ProcessProblemCodes.EmptyName, $"第 {i + 1} 个步骤({key})缺少名称");
            }

            CheckAssignee(step, label, context, Add);
            CheckTimeLimit(step, label, Add);
            CheckNext(step, label, graph, Add);

            var incoming = graph.Previous[i].Count;
            if (step.Join && incoming < 2)
            {
                Add(ProcessProblemCodes.JoinWithoutBranches, $"步骤{label}标记为汇合(并联办理结束),但只有 {incoming} 个前序步骤;汇合步骤至少要有两个并行分支汇入");
            }
            else if (!step.Join && incoming >= 2)
            {
                Add(ProcessProblemCodes.AmbiguousMerge, $"步骤{label}有 {incoming} 个前序步骤({Names(graph, graph.Previous[i])}),但未标记为汇合;并行分支汇合处须标记为汇合步骤(等待所有分支完成)");
            }

            if (postDominators is not null && graph.Next[i].Count >= 2 && postDominators[i] < 0)
            {
                Add(ProcessProblemCodes.UnclosedSplit, $"步骤{label}之后分为 {graph.Next[i].Count} 个并行分支({Names(graph, graph.Next[i])}),但这些分支没有在同一个汇合步骤会合;每个并行分支都必须汇入同一个汇合步骤后再继续或结束");
            }

            CheckReturns(step, i, label, graph, Add);
            CheckForm(step, label, Add);
            CheckItems(step.Checklist, ProcessProblemCodes.BlankChecklistItem, $"步骤{label}的检查清单有空白项", Add);
            CheckItems(step.SignOffs, ProcessProblemCodes.BlankSignOff, $"步骤{label}的签字确认人有空白项", Add);

            if (!reachableFromStart[i])
            {
                Add(ProcessProblemCodes.UnreachableStep, $"步骤{label}从第一个步骤出发无法到达");
            }
        }

        foreach (var cycle in cycles)
        {
            problems.Add(new(ProcessProblemCodes.Cycle, steps[cycle[0]].Key, $"步骤之间形成循环:{Names(graph, cycle)};“下一步”不能回到之前的步骤,退回请使用“允许退回”选项"));
        }

        if (steps.All(s => s.Next is { Count: > 0 }))
        {
            problems.Add(new(ProcessProblemCodes.NoEndStep, null, "流程没有结束步骤:至少要有一个步骤没有下一步"));
        }

        return problems;
    }

    private static void CheckAssignee(ProcessStep step, string label, ProcessContext context, Action<string, string> add)
    {
        var assignee = step.Assignee;
        if (assignee is null || string.IsNullOrWhiteSpace(assignee.Code) || !Enum.IsDefined(assignee.Kind))
        {
            add(ProcessProblemCodes.MissingAssignee, $"步骤{label}没有指定办理人(角色或部门)");
        }
        else if (assignee.Kind == AssigneeKind.Role && !context.RoleKeys.Contains(assignee.Code))
        {
            add(ProcessProblemCodes.UnknownRole, $"步骤{label}的办理角色“{assignee.Code}”不存在");
        }
        else if (assignee.Kind == AssigneeKind.Unit && !context.UnitCodes.Contains(assignee.Code))
        {
            add(ProcessProblemCodes.UnknownUnit, $"步骤{label}的办理部门“{assignee.Code}”不存在");
        }
    }

    private static void CheckTimeLimit(ProcessStep step, string label, Action<string, string> add)
    {
        if (step.TimeLimit is { } limit && (limit.Amount <= 0 || !Enum.IsDefined(limit.Unit) || !Enum.IsDefined(limit.Basis)))
        {
            add(ProcessProblemCodes.NonPositiveTimeLimit, $"步骤{label}的时限必须是正数(当前为 {limit.Amount})");
        }

        if (step.Options?.DeemedApprovedOnTimeout == true && step.TimeLimit is null)
        {
            add(ProcessProblemCodes.TimeoutWithoutLimit, $"步骤{label}设置了超时默认(超时视为同意),但没有设定时限");
        }
    }

    private static void CheckNext(ProcessStep step, string label, ProcessGraph graph, Action<string, string> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var next in step.Next ?? [])
        {
            if (next is null || graph.IndexOf(next) < 0)
            {
                add(ProcessProblemCodes.UnknownNext, $"步骤{label}的下一步“{next}”不存在");
            }
            else if (next == step.Key)
            {
                add(ProcessProblemCodes.SelfLoop, $"步骤{label}的下一步不能是它自己");
            }
            else if (!seen.Add(next))
            {
                add(ProcessProblemCodes.DuplicateNext, $"步骤{label}的下一步“{next}”重复列出");
            }
        }
    }

    private static void CheckReturns(ProcessStep step, int index, string label, ProcessGraph graph, Action<string, string> add)
    {
        var options = step.Options;
        var targets = options?.ReturnTo ?? [];
        if (targets.Count > 0 && options?.AllowReturn != true)
        {
            add(ProcessProblemCodes.ReturnWithoutAllow, $"步骤{label}列出了退回目标,但没有开启“允许退回”");
        }

        foreach (var target in targets)
        {
            var to = target is null ? -1 : graph.IndexOf(target);
            if (to < 0)
            {
                add(ProcessProblemCodes.UnknownReturnTarget, $"步骤{label}的退回目标“{target}”不存在");
            }
            else if (to == index || !graph.ReachableFrom(to)[index])
            {
                add(ProcessProblemCodes.ReturnNotEarlier, $"步骤{label}只能退回到它之前的步骤,“{graph.Steps[to].Name}”不在它之前");
            }
        }

        if (options?.AllowReturn == true && targets.Count == 0 && graph.Previous[index].Count == 0)
        {
            add(ProcessProblemCodes.ReturnWithoutTarget, $"步骤{label}允许退回,但它没有前序步骤可退回;请指定退回目标或关闭“允许退回”");
        }
    }

    private static void CheckForm(ProcessStep step, string label, Action<string, string> add)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in step.Form ?? [])
        {
            var name = string.IsNullOrWhiteSpace(field.Label) ? field.Key : field.Label;
            if (!IsValidFieldKey(field.Key))
            {
                add(ProcessProblemCodes.InvalidFieldKey, $"步骤{label}的表单字段“{name}”的标识“{field.Key}”无效:只能用英文字母、数字、下划线和连字符,以字母开头,最长 40 个字符");
            }
            else if (!keys.Add(field.Key))
            {
                add(ProcessProblemCodes.DuplicateFieldKey, $"步骤{label}的表单字段标识“{field.Key}”重复");
            }

            if (string.IsNullOrWhiteSpace(field.Label))
            {
                add(ProcessProblemCodes.EmptyFieldLabel, $"步骤{label}的表单字段“{field.Key}”缺少显示名称");
            }

            var options = field.Options ?? [];
            if (field.Type == FieldType.Choice)
            {
                if (options.Count == 0 || options.All(string.IsNullOrWhiteSpace))
                {
                    add(ProcessProblemCodes.ChoiceWithoutOptions, $"步骤{label}的选择字段“{name}”没有可选项");
                }
                else if (options.Where(o => !string.IsNullOrWhiteSpace(o)).Distinct(StringComparer.Ordinal).Count() != options.Count)
                {
                    add(ProcessProblemCodes.DuplicateChoiceOption, $"步骤{label}的选择字段“{name}”的可选项有重复或空白");
                }
            }
            else if (options.Count > 0)
            {
                add(ProcessProblemCodes.OptionsOnNonChoice, $"步骤{label}的字段“{name}”不是选择字段,不能设置可选项");
            }
        }
    }

    private static void CheckItems(IReadOnlyList<string>? items, string code, string message, Action<string, string> add)
    {
        if (items is not null && items.Any(string.IsNullOrWhiteSpace))
        {
            add(code, message);
        }
    }

    /// <summary>
    /// For an acyclic graph, per step its immediate post-dominator: the first step that every path from it to an end
    /// passes through, or -1 when its paths end separately. Built in reverse topological order as a tree whose
    /// root (-1) stands for "the end"; a step's post-dominator is the common ancestor of its next steps.
    /// </summary>
    private static int[] PostDominators(ProcessGraph graph)
    {
        var count = graph.Steps.Count;
        var parent = new int[count];
        var depth = new int[count];
        int Depth(int n) => n < 0 ? 0 : depth[n];
        int Common(int a, int b)
        {
            while (a != b)
            {
                while (Depth(a) > Depth(b))
                {
                    a = parent[a];
                }

                while (Depth(b) > Depth(a))
                {
                    b = parent[b];
                }

                if (a != b)
                {
                    a = parent[a];
                    b = parent[b];
                }
            }

            return a;
        }

        foreach (var node in ReverseTopological(graph))
        {
            var next = graph.Next[node];
            var common = next.Count == 0 ? -1 : next[0];
            for (var k = 1; k < next.Count; k++)
            {
                common = Common(common, next[k]);
            }

            parent[node] = common;
            depth[node] = Depth(common) + 1;
        }

        return parent;
    }

    private static List<int> ReverseTopological(ProcessGraph graph)
    {
        var count = graph.Steps.Count;
        var outDegree = graph.Next.Select(n => n.Count).ToArray();
        var ready = new Queue<int>(Enumerable.Range(0, count).Where(i => outDegree[i] == 0));
        var order = new List<int>(count);
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            order.Add(node);
            foreach (var previous in graph.Previous[node])
            {
                if (--outDegree[previous] == 0)
                {
                    ready.Enqueue(previous);
                }
            }
        }

        return order;
    }

    private static string Label(ProcessStep step, int index) =>
        !string.IsNullOrWhiteSpace(step.Name) ? $"“{step.Name}”"
        : !string.IsNullOrWhiteSpace(step.Key) ? $"“{step.Key}”"
        : $"(第 {index + 1} 个)";

    private static string Names(ProcessGraph graph, IEnumerable<int> indexes) =>
        string.Join("、", indexes.Select(i => string.IsNullOrWhiteSpace(graph.Steps[i].Name) ? graph.Steps[i].Key : graph.Steps[i].Name));
}
