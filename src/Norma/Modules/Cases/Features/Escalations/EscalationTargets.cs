using Norma.Modules.Organization.Contracts;

namespace Norma.Modules.Cases.Features.Escalations;

/// <summary>Who a 督办 level notifies, and in which unit.</summary>
public sealed record EscalationTarget(Guid? UnitId, string? UnitName, IReadOnlyList<StaffInfo> People);

/// <summary>
/// 督办 up the unit tree. Level 1: the supervisors (role Supervisor) of the case's unit or, failing any, of the nearest
/// ancestor unit that has one. Level 2 (the unit head): the supervisors of the nearest ancestor above the level-1 unit that
/// has one; else the 分管领导 (overseer) of the level-1 unit or of its nearest ancestor that names one; else the executives
/// (role Executive). Organization-wide facts; the caller loads them once per run.
/// </summary>
public static class EscalationTargets
{
    /// <summary>The built-in roles' keys as <see cref="IOrgDirectory.StaffAsync"/> reports them.</summary>
    public const string SupervisorRole = "Supervisor";
    public const string ExecutiveRole = "Executive";

    public static EscalationTarget Resolve(int level, Guid caseUnitId, IReadOnlyList<UnitInfo> units, IReadOnlyList<StaffInfo> staff)
    {
        var byId = units.ToDictionary(u => u.Id);
        var first = SupervisorsFrom(caseUnitId, byId, staff);
        if (level <= 1)
        {
            return first;
        }

        if (first.UnitId is { } unit && byId.TryGetValue(unit, out var info) && info.ParentId is { } parent)
        {
            var above = SupervisorsFrom(parent, byId, staff);
            if (above.People.Count > 0)
            {
                return above;
            }
        }

        var from = first.UnitId ?? caseUnitId;
        if (OverseerFrom(from, byId, staff) is { } overseer)
        {
            return overseer;
        }

        var executives = staff.Where(s => s.Roles.Contains(ExecutiveRole, StringComparer.Ordinal)).ToList();
        var executiveUnit = executives.Select(s => s.UnitId).FirstOrDefault(u => u is not null);
        return new EscalationTarget(executiveUnit, executiveUnit is { } eu && byId.TryGetValue(eu, out var e) ? e.Name : null, executives);
    }

    /// <summary>The active 分管领导 of the unit or of its nearest ancestor that names one, with that unit; null when none does.</summary>
    private static EscalationTarget? OverseerFrom(Guid start, Dictionary<Guid, UnitInfo> units, IReadOnlyList<StaffInfo> staff)
    {
        Guid? current = start;
        var seen = new HashSet<Guid>();
        while (current is { } id && seen.Add(id) && units.TryGetValue(id, out var unit))
        {
            if (unit.OverseerId is { } o && staff.FirstOrDefault(s => s.Id == o) is { } person)
            {
                return new EscalationTarget(unit.Id, unit.Name, [person]);
            }

            current = unit.ParentId;
        }

        return null;
    }

    /// <summary>The supervisors of the unit or of its nearest ancestor that has any; none found → no unit, nobody.</summary>
    private static EscalationTarget SupervisorsFrom(Guid start, Dictionary<Guid, UnitInfo> units, IReadOnlyList<StaffInfo> staff)
    {
        Guid? current = start;
        var seen = new HashSet<Guid>();
        while (current is { } id && seen.Add(id))
        {
            var people = staff.Where(s => s.UnitId == id && s.Roles.Contains(SupervisorRole, StringComparer.Ordinal)).ToList();
            units.TryGetValue(id, out var unit);
            if (people.Count > 0)
            {
                return new EscalationTarget(id, unit?.Name, people);
            }

            current = unit?.ParentId;
        }

        return new EscalationTarget(null, null, []);
    }
}
