using Norma.Rules.Calendars;
using Norma.Rules.Processes;

namespace Norma.Components.Pages.Catalog;

/// <summary>A process step as the designer edits it (mutable); converted to and from the immutable <see cref="ProcessStep"/>.</summary>
public sealed class StepModel
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public AssigneeKind AssigneeKind { get; set; } = AssigneeKind.Role;
    public string AssigneeCode { get; set; } = "";
    public string? Limit { get; set; }
    public List<string> Next { get; set; } = [];
    public bool Join { get; set; }
    public string? Description { get; set; }
    public List<FieldModel> Form { get; set; } = [];
    public List<string> Checklist { get; set; } = [];
    public List<string> SignOffs { get; set; } = [];
    public bool AllowReturn { get; set; }
    public List<string> ReturnTo { get; set; } = [];
    public bool AllowReject { get; set; }
    public bool DeemedApproved { get; set; }
    public bool CompletionNotice { get; set; }

    public static StepModel From(ProcessStep s) => new()
    {
        Key = s.Key, Name = s.Name, AssigneeKind = s.Assignee.Kind, AssigneeCode = s.Assignee.Code, Limit = s.TimeLimit?.ToString(), Next = [.. s.Next], Join = s.Join,
        Description = s.Description, Form = (s.Form ?? []).Select(f => new FieldModel { Key = f.Key, Label = f.Label, Type = f.Type, Required = f.Required, Options = string.Join("、", f.Options ?? []) }).ToList(),
        Checklist = [.. s.Checklist ?? []], SignOffs = [.. s.SignOffs ?? []], AllowReturn = s.Options?.AllowReturn ?? false, ReturnTo = [.. s.Options?.ReturnTo ?? []],
        AllowReject = s.Options?.AllowReject ?? false, DeemedApproved = s.Options?.DeemedApprovedOnTimeout ?? false, CompletionNotice = s.Options?.CompletionNotice ?? false,
    };

    public ProcessStep ToStep()
    {
        TimeLimit? limit = TimeLimit.TryParse(Limit, out var l) ? l : null;
        var options = AllowReturn || AllowReject || DeemedApproved || CompletionNotice
            ? new StepOptions(AllowReturn, AllowReturn && ReturnTo.Count > 0 ? ReturnTo.ToList() : null, AllowReject, DeemedApproved, CompletionNotice)
            : null;
        return new ProcessStep(
            Key.Trim(), Name.Trim(), new StepAssignee(AssigneeKind, AssigneeCode.Trim()), limit, Next.ToList(), Join, string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            Form.Count == 0 ? null : Form.Select(f => f.ToField()).ToList(), Checklist.Count == 0 ? null : Checklist.ToList(), SignOffs.Count == 0 ? null : SignOffs.ToList(), options);
    }
}

public sealed class FieldModel
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public FieldType Type { get; set; } = FieldType.Text;
    public bool Required { get; set; }

    /// <summary>Choices separated by 、 or commas, for a Choice field.</summary>
    public string? Options { get; set; }

    public FormField ToField()
    {
        var options = (Options ?? "").Split(['、', ',', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new FormField(Key.Trim(), Label.Trim(), Type, Required, options.Length == 0 ? null : options);
    }
}
