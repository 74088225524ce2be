using Norma.Rules.Access;
using Norma.Shared.Access;

namespace Norma.Modules.Organization.Domain;

/// <summary>Where each organization record keeps its unit and owner, for the one data-scope mechanism.</summary>
internal static class OrgScopes
{
    public static readonly ScopeFilter<Unit> Units = new(u => u.Path, u => u.Id, u => null);

    public static readonly ScopeFilter<StaffAccount> Staff = new(s => s.Unit != null ? s.Unit.Path : null, s => s.UnitId, s => s.Id);

    public static readonly ScopeFilter<Position> Positions = new(p => p.Unit != null ? p.Unit.Path : null, p => p.UnitId, p => null);

    /// <summary>Units and positions have no owner: for them "own" means the actor's own unit.</summary>
    public static DataScope ForUnits(DataScope scope) => scope == DataScope.Own ? DataScope.OwnUnit : scope;

    public static ScopeTarget Target(Unit unit) => new(null, unit.Id, unit.Path);

    public static bool ReachesUnit(this Actor actor, string permission, Unit? unit) =>
        actor.ScopeOf(permission) is { } scope
        && (unit is null ? scope == DataScope.All : ScopeRule.Reaches(ForUnits(scope), actor.Subject, Target(unit)));

    public static bool ReachesStaff(this Actor actor, string permission, Guid accountId, Unit? unit) =>
        actor.Reaches(permission, new ScopeTarget(accountId, unit?.Id, unit?.Path));
}
