using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Platform.Data;
using Norma.Rules.Access;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Organization.Features.Units;

/// <summary>A unit as the API and pages show it. OverseerName is null when no active overseer is named.</summary>
public sealed record UnitDto(
    Guid Id, Guid? ParentId, string Code, string Name, string? Description, int SortOrder,
    int Depth, int StaffCount, int ChildCount, int Version, Guid? OverseerId = null, string? OverseerName = null);

/// <summary>Create or edit a unit. An edit replaces every field: an absent OverseerId clears the 分管领导.</summary>
public sealed record SaveUnitRequest(Guid? ParentId, string? Code, string? Name, string? Description, int SortOrder = 0, int? Version = null, Guid? OverseerId = null);

public sealed record MoveUnitRequest(Guid? NewParentId, int? Version = null);

/// <summary>The organization tree: list, create, edit, move (with its subtree) and delete units.</summary>
public sealed partial class UnitService(PlatformDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();

    /// <summary>Units the actor may see, parents before children; staff counts only count staff the actor may see.</summary>
    public async Task<IReadOnlyList<UnitDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var scope = actor.Require(Permissions.OrgRead);
        var units = await OrgScopes.Units.Apply(db.Units.AsNoTracking(), OrgScopes.ForUnits(scope), actor.Subject)
            .Select(u => new { u.Id, u.ParentId, u.Code, u.Name, u.Description, u.SortOrder, u.Path, u.Version, u.OverseerId })
            .ToListAsync(ct);
        // Overseers are named to everyone who may see the unit; a deactivated overseer counts as none.
        var overseerIds = units.Where(u => u.OverseerId is not null).Select(u => u.OverseerId!.Value).Distinct().ToList();
        var overseers = overseerIds.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(a => overseerIds.Contains(a.Id) && a.IsActive)
                .ToDictionaryAsync(a => a.Id, a => a.FullName, ct);
        var staffCounts = await OrgScopes.Staff.Apply(db.Users.AsNoTracking(), scope, actor.Subject)
            .Where(s => s.UnitId != null)
            .GroupBy(s => s.UnitId)
            .Select(g => new { UnitId = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(x => x.UnitId, x => x.Count, ct);
        var childCounts = units.Where(u => u.ParentId is not null).GroupBy(u => u.ParentId!.Value).ToDictionary(g => g.Key, g => g.Count());

        return units
            .Select(u => new UnitDto(u.Id, u.ParentId, u.Code, u.Name, u.Description, u.SortOrder, UnitPath.Depth(u.Path),
                staffCounts.GetValueOrDefault(u.Id), childCounts.GetValueOrDefault(u.Id), u.Version,
                u.OverseerId is { } o && overseers.ContainsKey(o) ? o : null,
                u.OverseerId is { } n ? overseers.GetValueOrDefault(n) : null))
            .OrderBy(u => u.Depth).ThenBy(u => u.SortOrder).ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<UnitDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default) =>
        (await ListAsync(actor, ct)).FirstOrDefault(u => u.Id == id) ?? throw new NotFoundException(text["Unit.NotFound"]);

    public async Task<UnitDto> CreateAsync(Actor actor, SaveUnitRequest request, CancellationToken ct = default)
    {
        actor.Require(Permissions.OrgUnitsManage);
        var parent = request.ParentId is { } pid ? await FindAsync(actor, pid, ct) : null;
        if (!actor.ReachesUnit(Permissions.OrgUnitsManage, parent))
        {
            throw new ForbiddenException(text["Unit.OutOfScope"]);
        }

        await ValidateAsync(request, null, ct);
        var unit = Unit.Create(parent, request.Code!.Trim(), request.Name!.Trim(), Validation.Clean(request.Description), request.SortOrder, clock.GetUtcNow().UtcDateTime, request.OverseerId);
        db.Units.Add(unit);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, unit.Id, ct);
    }

    public async Task<UnitDto> UpdateAsync(Actor actor, Guid id, SaveUnitRequest request, CancellationToken ct = default)
    {
        var unit = await FindManageableAsync(actor, id, ct);
        await ValidateAsync(request, id, ct);
        db.ExpectVersion(unit, request.Version);
        unit.Edit(request.Code!.Trim(), request.Name!.Trim(), Validation.Clean(request.Description), request.SortOrder, request.OverseerId);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Moves a unit and its whole subtree under another parent (or to the top level).</summary>
    public async Task<UnitDto> MoveAsync(Actor actor, Guid id, MoveUnitRequest request, CancellationToken ct = default)
    {
        var unit = await FindManageableAsync(actor, id, ct);
        var newParent = request.NewParentId is { } pid ? await FindAsync(actor, pid, ct) : null;
        if (!actor.ReachesUnit(Permissions.OrgUnitsManage, newParent))
        {
            throw new ForbiddenException(text["Unit.OutOfScope"]);
        }

        if (newParent is not null && unit.IsAncestorOrSelfOf(newParent))
        {
            throw new BusinessRuleException(text["Unit.MoveIntoOwnSubtree"]);
        }

        var descendants = await db.Units.Where(u => u.Path.StartsWith(unit.Path) && u.Id != unit.Id).ToListAsync(ct);
        db.ExpectVersion(unit, request.Version);
        unit.MoveUnder(newParent, descendants);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Deletes an empty unit (no child units, no staff) together with its unheld positions.</summary>
    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var unit = await FindManageableAsync(actor, id, ct);
        var children = await db.Units.CountAsync(u => u.ParentId == id, ct);
        if (children > 0)
        {
            throw new BusinessRuleException(text["Unit.HasChildren", unit.Name, children]);
        }

        var staff = await db.Users.CountAsync(u => u.UnitId == id, ct);
        if (staff > 0)
        {
            throw new BusinessRuleException(text["Unit.HasStaff", unit.Name, staff]);
        }

        var positions = await db.Positions.Where(p => p.UnitId == id).ToListAsync(ct);
        var positionIds = positions.Select(p => p.Id).ToList();
        if (await db.StaffPositions.AnyAsync(sp => positionIds.Contains(sp.PositionId), ct))
        {
            throw new BusinessRuleException(text["Unit.PositionsHeld", unit.Name]);
        }

        db.Positions.RemoveRange(positions);
        db.Units.Remove(unit);
        await db.SaveOrConflictAsync(text, ct);
    }

    /// <summary>A unit the actor can see; otherwise 404, so that ids outside the scope reveal nothing.</summary>
    private async Task<Unit> FindAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var scope = actor.Require(Permissions.OrgRead);
        return await OrgScopes.Units.Apply(db.Units, OrgScopes.ForUnits(scope), actor.Subject).FirstOrDefaultAsync(u => u.Id == id, ct)
               ?? throw new NotFoundException(text["Unit.NotFound"]);
    }

    private async Task<Unit> FindManageableAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(Permissions.OrgUnitsManage);
        var unit = await FindAsync(actor, id, ct);
        if (!actor.ReachesUnit(Permissions.OrgUnitsManage, unit))
        {
            throw new ForbiddenException(text["Unit.OutOfScope"]);
        }

        return unit;
    }

    private async Task ValidateAsync(SaveUnitRequest r, Guid? self, CancellationToken ct)
    {
        var v = new Validation(text)
            .Required("Code", r.Code, 32)
            .Pattern("Code", r.Code, CodePattern(), "Validation.Code")
            .Required("Name", r.Name, 100)
            .Optional("Description", r.Description, 500);
        if (!string.IsNullOrWhiteSpace(r.Code))
        {
            var code = r.Code.Trim();
            v.Check(!await db.Units.AnyAsync(u => u.Code == code && u.Id != self, ct), "Code", text["Unit.CodeTaken", code]);
        }

        // 分管领导: any active staff account (not limited to the caller's scope: a vice-GM sits above the units they oversee).
        if (r.OverseerId is { } overseer)
        {
            v.Check(await db.Users.AnyAsync(a => a.Id == overseer && a.IsActive, ct), "OverseerId", text["Unit.OverseerNotActiveStaff"]);
        }

        v.ThrowIfAny();
    }
}
