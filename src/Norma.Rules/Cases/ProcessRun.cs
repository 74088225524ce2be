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
    /// <summary>The first step active.</summary>
    public static ProcessState Start(ProcessDefinition definition) => throw new NotImplementedException();

    /// <summary>
    /// Completes an active step: it moves to Done; each next step becomes active, except a join step, which becomes active
    /// only once every one of its predecessor steps is Done. When nothing is active any more the outcome is Finished.
    /// </summary>
    public static ProcessState Complete(ProcessDefinition definition, ProcessState state, string stepKey) => throw new NotImplementedException();

    /// <summary>
    /// Returns from an active step to an earlier one (the step's options must allow it, and list the target when ReturnTo
    /// is given): the target becomes the only active step on that path, and the target and every step reachable from it
    /// leave Done (other branches' active steps that the target reaches are dropped too).
    /// </summary>
    public static ProcessState Return(ProcessDefinition definition, ProcessState state, string fromStep, string toStep) => throw new NotImplementedException();

    /// <summary>Rejects at an active step whose options allow rejection: nothing stays active, the outcome is Rejected.</summary>
    public static ProcessState Reject(ProcessDefinition definition, ProcessState state, string stepKey) => throw new NotImplementedException();

    /// <summary>Deemed approval (超时默认) of an active step whose options allow it: same as <see cref="Complete"/>.</summary>
    public static ProcessState DeemApproved(ProcessDefinition definition, ProcessState state, string stepKey) => throw new NotImplementedException();

    /// <summary>
    /// Checks a step's completion data: every required form field present and non-blank; values of Number fields parse
    /// as invariant decimals, Date fields as yyyy-MM-dd, Choice fields one of the options, YesNo "yes"/"no"; no keys
    /// outside the form; every sign-off the step requires is in <paramref name="signOffs"/>. Empty list = fine.
    /// </summary>
    public static IReadOnlyList<StepProblem> CheckCompletion(ProcessStep step, IReadOnlyDictionary<string, string> values,
        IReadOnlyCollection<string> signOffs) => throw new NotImplementedException();
}
