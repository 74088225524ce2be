using Norma.Rules.Calendars;
using Norma.Rules.Processes;

namespace Norma.UnitTests.Processes;

/// <summary>Test data: steps assigned to FrontDesk, named "步骤{key}", with a 1 working day limit unless changed.</summary>
internal static class ProcessBuilder
{
    public static readonly ProcessContext Context = new(
        new HashSet<string>(StringComparer.Ordinal) { "FrontDesk", "Supervisor", "FieldStaff" },
        new HashSet<string>(StringComparer.Ordinal) { "CSC", "ENG", "ENG-R1" });

    public static ProcessStep Step(string key, params string[] next) =>
        new(key, "步骤" + key, new StepAssignee(AssigneeKind.Role, "FrontDesk"), new TimeLimit(1, LimitUnit.Days, TimeBasis.Working), next);

    public static ProcessStep Join(string key, params string[] next) => Step(key, next) with { Join = true };

    public static ProcessDefinition Flow(params ProcessStep[] steps) => new(steps);

    /// <summary>The problems as (code, step key) pairs, for exact comparisons.</summary>
    public static List<(string Code, string? StepKey)> Problems(ProcessDefinition definition) =>
        [.. ProcessValidator.Validate(definition, Context).Select(p => (p.Code, p.StepKey))];
}
