using Microsoft.Extensions.Localization;
using Norma.Rules.Calendars;

namespace Norma.Shared;

/// <summary>A time limit in the user's words: "4 工作小时", "5 个工作日", "48 小时".</summary>
public static class LimitText
{
    public static string Describe(TimeLimit limit, IStringLocalizer text) =>
        text[$"Limit.{limit.Basis}.{limit.Unit}", limit.Amount];

    /// <summary>In Chinese whatever the UI language, for documents handed to the public (一次性告知单); "—" for none.</summary>
    public static string DescribeZh(string? stored) => !TimeLimit.TryParse(stored, out var l) ? "—" : (l.Basis, l.Unit) switch
    {
        (TimeBasis.Working, LimitUnit.Days) => $"{l.Amount} 个工作日",
        (TimeBasis.Working, LimitUnit.Hours) => $"{l.Amount} 个工作小时",
        (TimeBasis.Working, _) => $"{l.Amount} 工作分钟",
        (_, LimitUnit.Days) => $"{l.Amount} 日",
        (_, LimitUnit.Hours) => $"{l.Amount} 小时",
        _ => $"{l.Amount} 分钟",
    };

    /// <summary>The stored compact form described, or the raw text if it does not parse; blank for none.</summary>
    public static string Describe(string? stored, IStringLocalizer text) =>
        string.IsNullOrWhiteSpace(stored) ? "" : TimeLimit.TryParse(stored, out var l) ? Describe(l, text) : stored;
}
