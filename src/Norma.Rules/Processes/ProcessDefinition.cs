using Norma.Rules.Calendars;

namespace Norma.Rules.Processes;

/// <summary>
/// A process template version's content (流程模板): steps joined by "next" edges. A step with several next steps
/// splits into parallel branches (并联办理); a step marked <see cref="ProcessStep.Join"/> waits for all of its
/// incoming branches. The first step is the start; steps without next steps end the process.
/// Stored as JSON; validated by <see cref="ProcessValidator"/>.
/// </summary>
/// <remarks>Read and written only in the <see cref="ProcessJson"/> format, so a malformed body is refused (with its problems) wherever it arrives.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(ProcessJson.ProcessDefinitionJsonConverter))]
public sealed record ProcessDefinition(IReadOnlyList<ProcessStep> Steps);

public enum AssigneeKind
{
    /// <summary>Whoever holds the role (by role key, e.g. FrontDesk) in the case's unit or above.</summary>
    Role = 1,

    /// <summary>Anyone in the unit (by unit code, e.g. ENG-R1).</summary>
    Unit = 2,
}

public sealed record StepAssignee(AssigneeKind Kind, string Code);

public enum FieldType
{
    Text = 1,
    LongText = 2,
    Number = 3,
    Date = 4,
    Choice = 5,
    YesNo = 6,
}

/// <summary>A field of the step's form; <see cref="Options"/> only for <see cref="FieldType.Choice"/>.</summary>
public sealed record FormField(string Key, string Label, FieldType Type, bool Required, IReadOnlyList<string>? Options = null);

/// <summary>The 办事制度 options a step may carry (seed 000: 并联办理制, 否定报备制, 超时默认制, 办结告知制).</summary>
public sealed record StepOptions(
    bool AllowReturn = false,
    IReadOnlyList<string>? ReturnTo = null,
    bool AllowReject = false,
    bool DeemedApprovedOnTimeout = false,
    bool CompletionNotice = false);

public sealed record ProcessStep(
    string Key,
    string Name,
    StepAssignee Assignee,
    TimeLimit? TimeLimit,
    IReadOnlyList<string> Next,
    bool Join = false,
    string? Description = null,
    IReadOnlyList<FormField>? Form = null,
    IReadOnlyList<string>? Checklist = null,
    IReadOnlyList<string>? SignOffs = null,
    StepOptions? Options = null);
