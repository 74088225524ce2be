using Norma.Rules.Calendars;

namespace Norma.Rules.Processes;

/// <summary>Short Chinese labels for process parts, shared by the flow chart and the UI.</summary>
public static class ProcessText
{
    /// <summary>"30工作分钟", "8工作小时", "3个工作日", "2小时", "2天".</summary>
    public static string Limit(TimeLimit limit) => (limit.Basis, limit.Unit) switch
    {
        (TimeBasis.Working, LimitUnit.Minutes) => $"{limit.Amount}工作分钟",
        (TimeBasis.Working, LimitUnit.Hours) => $"{limit.Amount}工作小时",
        (TimeBasis.Working, _) => $"{limit.Amount}个工作日",
        (_, LimitUnit.Minutes) => $"{limit.Amount}分钟",
        (_, LimitUnit.Hours) => $"{limit.Amount}小时",
        _ => $"{limit.Amount}天",
    };

    /// <summary>"角色 FrontDesk" / "部门 ENG-R1": codes only; the application knows the display names.</summary>
    public static string Assignee(StepAssignee assignee) =>
        assignee.Kind == AssigneeKind.Unit ? $"部门 {assignee.Code}" : $"角色 {assignee.Code}";

    /// <summary>The step's 办事制度 markers: 汇合, 可退回, 否定报备, 超时默认, 办结告知.</summary>
    public static IReadOnlyList<string> Markers(ProcessStep step)
    {
        var markers = new List<string>();
        if (step.Join)
        {
            markers.Add("汇合");
        }

        if (step.Options is { } o)
        {
            if (o.AllowReturn)
            {
                markers.Add("可退回");
            }

            if (o.AllowReject)
            {
                markers.Add("否定报备");
            }

            if (o.DeemedApprovedOnTimeout)
            {
                markers.Add("超时默认");
            }

            if (o.CompletionNotice)
            {
                markers.Add("办结告知");
            }
        }

        return markers;
    }
}
