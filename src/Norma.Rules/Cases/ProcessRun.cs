using System.Globalization;
using Norma.Rules.Processes;

namespace Norma.Rules.Cases;

/// <summary>How a case's process has ended, if it has.</summary>
public enum ProcessOutcome
{
    Running = 1,

    /// <summary>Every branch reached an end step.</summary>
    Finished = 2,

    /// <summary>否定: a step that allows rejection said no; the rejection is reported (否定报备).</summary>
    Rejected = 3,
}

/// <summary>The position of a case in its process: the steps waiting to be done and those done (in completion order).</summary>
public sealed record ProcessState(IReadOnlyList<string> Active, IReadOnlyList<string> Done, ProcessOutcome Outcome)
{
    public static readonly ProcessState Empty = new([], [], ProcessOutcome.Finished);
}

/// <summary>What is wrong with a step completion: a code for localized messages ("Step.FieldRequired", "Step.FieldNumber",
/// "Step.FieldDate", "Step.FieldChoice", "Step.FieldYesNo", "Step.SignOffMissing", "Step.UnknownField") and the field or sign-off.</summary>
public sealed record StepProblem(string Code, string Subject);

/// <summary>
/// Runs a process template version (ProcessDefinition) for one case, purely: steps in order, a step with several next
/// steps opening parallel branches, a join step activated only when all its predecessor steps are done, return to an
/// earlier step with a reason, rejection, and deemed approval on timeout (the caller decides when a step timed out).
/// Invalid moves throw <see cref="CaseRuleException"/> with codes "Step.NotActive", "Step.ReturnNotAllowed",
/// "Step.RejectNotAllowed", "Step.NoTimeoutApproval", "Process.Ended".
/// </summary>
public static class ProcessRun
{
    /// <summary>The first step active. A definition without steps gives <see cref="ProcessState.Empty"/> (already Finished).</summary>
    public static ProcessState Start(ProcessDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var steps = definition.Steps ?? [];
        return steps.Count == 0 ? ProcessState.Empty : new ProcessState([steps[0].Key], [], ProcessOutcome.Running);
    }

    /// <summary>
    /// Completes an active step: it moves to Done; each next step becomes active, except a join step, which becomes active
    /// only once every one of its predecessor steps is Done. When nothing is active any more the outcome is Finished.
    /// A step already active is not added twice.
    /// </summary>
    public static ProcessState Complete(ProcessDefinition definition, ProcessState state, string stepKey)
    {
        var (graph, index) = ActiveStep(definition, state, stepKey);
        return CompleteAt(graph, state, stepKey, index);
    }

    /// <summary>
    /// Returns from an active step to an earlier one (the step's options must allow it, and list the target when ReturnTo
    /// is given): the target becomes the only active step on that path, and the target and every step reachable from it
    /// leave Done (other branches' active steps that the target reaches are dropped too).
    /// "Earlier" means <paramref name="fromStep"/> is reachable from the target by next steps; any other target (unknown,
    /// the step itself, a later or parallel step) is "Step.ReturnNotAllowed" too. Active steps the target does not reach
    /// stay active, in their order, and the target is added after them.
    /// </summary>
    public static ProcessState Return(ProcessDefinition definition, ProcessState state, string fromStep, string toStep)
    {
        var (graph, from) = ActiveStep(definition, state, fromStep);
        var options = graph.Steps[from].Options;
        if (options is not { AllowReturn: true })
        {
            throw new CaseRuleException("Step.ReturnNotAllowed", $"The step '{fromStep}' does not allow returning (退回).");
        }

        var to = toStep is null ? -1 : graph.IndexOf(toStep);
        var listed = options.ReturnTo is not { Count: > 0 } targets || Contains(targets, toStep);
        if (!listed || to < 0 || to == from || !graph.ReachableFrom(to)[from])
        {
            throw new CaseRuleException("Step.ReturnNotAllowed", $"The step '{fromStep}' cannot return to '{toStep}'.");
        }

        var reach = graph.ReachableFrom(to);
        bool Kept(string key)
        {
            var i = graph.IndexOf(key);
            return i < 0 || !reach[i];
        }

        var active = new List<string>(state.Active.Count + 1);
        foreach (var key in state.Active)
        {
            if (Kept(key))
            {
                active.Add(key);
            }
        }

        active.Add(graph.Steps[to].Key);
        var done = new List<string>(state.Done.Count);
        foreach (var key in state.Done)
        {
            if (Kept(key))
            {
                done.Add(key);
            }
        }

        return new ProcessState(active, done, ProcessOutcome.Running);
    }

    /// <summary>
    /// Rejects at an active step whose options allow rejection: nothing stays active, the outcome is Rejected. Done is kept
    /// as it was (the rejecting step does not become Done).
    /// </summary>
    public static ProcessState Reject(ProcessDefinition definition, ProcessState state, string stepKey)
    {
        var (graph, index) = ActiveStep(definition, state, stepKey);
        if (graph.Steps[index].Options is not { AllowReject: true })
        {
            throw new CaseRuleException("Step.RejectNotAllowed", $"The step '{stepKey}' does not allow rejection (否定).");
        }

        return new ProcessState([], [.. state.Done], ProcessOutcome.Rejected);
    }

    /// <summary>Deemed approval (超时默认) of an active step whose options allow it: same as <see cref="Complete"/>.</summary>
    public static ProcessState DeemApproved(ProcessDefinition definition, ProcessState state, string stepKey)
    {
        var (graph, index) = ActiveStep(definition, state, stepKey);
        if (graph.Steps[index].Options is not { DeemedApprovedOnTimeout: true })
        {
            throw new CaseRuleException("Step.NoTimeoutApproval", $"The step '{stepKey}' has no deemed approval on timeout (超时默认).");
        }

        return CompleteAt(graph, state, stepKey, index);
    }

    /// <summary>
    /// Checks a step's completion data: every required form field present and non-blank; values of Number fields parse
    /// as invariant decimals, Date fields as yyyy-MM-dd, Choice fields one of the options, YesNo "yes"/"no"; no keys
    /// outside the form; every sign-off the step requires is in <paramref name="signOffs"/>. Empty list = fine.
    /// Details: keys, options and "yes"/"no" match exactly (ordinal, no trimming); a blank value of an optional field is
    /// not checked further; a Number is an optional leading sign, digits and an optional '.' fraction (no spaces, thousands
    /// separators or exponent); a Date must be a real date. Problems come in order: the form's fields in form order (the
    /// field key as subject), then the unknown keys (in the dictionary's order), then the missing sign-offs (blank sign-off
    /// names in the step are ignored; the sign-off as subject).
    /// </summary>
    public static IReadOnlyList<StepProblem> CheckCompletion(ProcessStep step, IReadOnlyDictionary<string, string> values,
        IReadOnlyCollection<string> signOffs)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(signOffs);
        var problems = new List<StepProblem>();
        var form = step.Form ?? [];
        foreach (var field in form)
        {
            if (!values.TryGetValue(field.Key, out var value) || string.IsNullOrWhiteSpace(value))
            {
                if (field.Required)
                {
                    problems.Add(new StepProblem("Step.FieldRequired", field.Key));
                }

                continue;
            }

            var code = field.Type switch
            {
                FieldType.Number when !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out _) => "Step.FieldNumber",
                FieldType.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    => "Step.FieldDate",
                FieldType.Choice when !Contains(field.Options, value) => "Step.FieldChoice",
                FieldType.YesNo when value is not ("yes" or "no") => "Step.FieldYesNo",
                _ => null,
            };
            if (code is not null)
            {
                problems.Add(new StepProblem(code, field.Key));
            }
        }

        foreach (var key in values.Keys)
        {
            var known = false;
            foreach (var field in form)
            {
                if (string.Equals(field.Key, key, StringComparison.Ordinal))
                {
                    known = true;
                    break;
                }
            }

            if (!known)
            {
                problems.Add(new StepProblem("Step.UnknownField", key));
            }
        }

        foreach (var signOff in step.SignOffs ?? [])
        {
            if (!string.IsNullOrWhiteSpace(signOff) && !signOffs.Contains(signOff))
            {
                problems.Add(new StepProblem("Step.SignOffMissing", signOff));
            }
        }

        return problems;
    }

    /// <summary>The graph and the index of an active step of a running process; throws "Process.Ended" or "Step.NotActive".</summary>
    private static (ProcessGraph Graph, int Index) ActiveStep(ProcessDefinition definition, ProcessState state, string stepKey)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Outcome != ProcessOutcome.Running)
        {
            throw new CaseRuleException("Process.Ended", $"The process has ended ({state.Outcome}).");
        }

        var graph = new ProcessGraph(definition);
        var index = stepKey is null ? -1 : graph.IndexOf(stepKey);
        if (index < 0 || !Contains(state.Active, stepKey))
        {
            throw new CaseRuleException("Step.NotActive", $"The step '{stepKey}' is not active.");
        }

        return (graph, index);
    }

    private static ProcessState CompleteAt(ProcessGraph graph, ProcessState state, string stepKey, int index)
    {
        var done = new List<string>(state.Done.Count + 1);
        foreach (var key in state.Done)
        {
            if (!string.Equals(key, stepKey, StringComparison.Ordinal))
            {
                done.Add(key);
            }
        }

        done.Add(stepKey);
        var active = new List<string>(state.Active.Count + graph.Next[index].Count);
        foreach (var key in state.Active)
        {
            if (!string.Equals(key, stepKey, StringComparison.Ordinal))
            {
                active.Add(key);
            }
        }

        foreach (var next in graph.Next[index])
        {
            var step = graph.Steps[next];
            if (Contains(active, step.Key) || (step.Join && !AllDone(graph, next, done)))
            {
                continue;
            }

            active.Add(step.Key);
        }

        return new ProcessState(active, done, active.Count == 0 ? ProcessOutcome.Finished : ProcessOutcome.Running);
    }

    private static bool AllDone(ProcessGraph graph, int join, List<string> done)
    {
        foreach (var previous in graph.Previous[join])
        {
            if (!Contains(done, graph.Steps[previous].Key))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<string>? list, string? value)
    {
        if (list is null || value is null)
        {
            return false;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
