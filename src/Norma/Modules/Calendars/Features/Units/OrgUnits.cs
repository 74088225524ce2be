using Microsoft.EntityFrameworkCore;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Platform.Data;
using Norma.Rules.Access;
using Norma.Shared.Access;

namespace Norma.Modules.Calendars.Features.Units;

public sealed record OrgUnit(Guid Id, Guid? ParentId, string Code, string Name, string Path, int SortOrder)
{
    /// <summary>The unit and its ancestors, nearest first (parsed from the materialized path).</summary>
    public IEnumerable<Guid> SelfAndAncestors() =>
        Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse().Select(s => Guid.ParseExact(s, "N"));
}

/// <summary>
/// The organization tree as the calendars need it. The Organization module has no contracts facade yet and its
/// UnitService insists on org.read, whereas calendars are for everyone: so this reads the Units table read-only
/// (no tracking, never saved) from the platform context that owns it, and applies the org.read data scope itself
/// wherever unit names are shown to a person.
/// </summary>
public sealed class OrgUnits(PlatformDbContext db)
{
    public async Task<IReadOnlyList<OrgUnit>> VisibleAsync(Actor actor, CancellationToken ct)
    {
        // Without org.read at all, a person still sees the unit they belong to.
        var scope = OrgScopes.ForUnits(actor.ScopeOf(Permissions.OrgRead) ?? DataScope.OwnUnit);
        return await Project(OrgScopes.Units.Apply(db.Units.AsNoTracking(), scope, actor.Subject)).ToListAsync(ct);
    }

    public async Task<OrgUnit?> FindAsync(Guid unitId, CancellationToken ct) =>
        await Project(db.Units.AsNoTracking().Where(u => u.Id == unitId)).FirstOrDefaultAsync(ct);

    private static IQueryable<OrgUnit> Project(IQueryable<Unit> units) =>
        units.Select(u => new OrgUnit(u.Id, u.ParentId, u.Code, u.Name, u.Path, u.SortOrder));
}
