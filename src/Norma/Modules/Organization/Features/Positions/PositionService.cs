using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Platform.Data;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Organization.Features.Positions;

public sealed record PositionDto(Guid Id, Guid UnitId, string UnitName, string Name, string? Code, string? Description, int HolderCount, int Version);

public sealed record SavePositionRequest(Guid UnitId, string? Name, string? Code, string? Description, int? Version = null);

/// <summary>Positions (岗位) per unit. Managing them is part of managing units.</summary>
public sealed class PositionService(PlatformDbContext db, IStringLocalizer<SharedResource> text)
{
    public async Task<IReadOnlyList<PositionDto>> ListAsync(Actor actor, Guid? unitId, CancellationToken ct = default)
    {
        var scope = OrgScopes.ForUnits(actor.Require(Permissions.OrgRead));
        var query = OrgScopes.Positions.Apply(db.Positions.AsNoTracking(), scope, actor.Subject);
        if (unitId is { } u)
        {
            query = query.Where(p => p.UnitId == u);
        }

        return await query
            .OrderBy(p => p.Unit!.Path).ThenBy(p => p.Name)
            .Select(p => new PositionDto(p.Id, p.UnitId, p.Unit!.Name, p.Name, p.Code, p.Description,
                db.StaffPositions.Count(sp => sp.PositionId == p.Id), p.Version))
            .ToListAsync(ct);
    }

    public async Task<PositionDto> CreateAsync(Actor actor, SavePositionRequest request, CancellationToken ct = default)
    {
        await RequireManageableUnitAsync(actor, request.UnitId, ct);
        await ValidateAsync(request, null, ct);
        var position = Position.Create(request.UnitId, request.Name!.Trim(), Validation.Clean(request.Code), Validation.Clean(request.Description));
        db.Positions.Add(position);
        await db.SaveOrConflictAsync(text, ct);
        return (await ListAsync(actor, request.UnitId, ct)).First(p => p.Id == position.Id);
    }

    public async Task<PositionDto> UpdateAsync(Actor actor, Guid id, SavePositionRequest request, CancellationToken ct = default)
    {
        var position = await FindAsync(actor, id, ct);
        await RequireManageableUnitAsync(actor, position.UnitId, ct);
        await ValidateAsync(request with { UnitId = position.UnitId }, id, ct);
        db.ExpectVersion(position, request.Version);
        position.Edit(request.Name!.Trim(), Validation.Clean(request.Code), Validation.Clean(request.Description));
        await db.SaveOrConflictAsync(text, ct);
        return (await ListAsync(actor, position.UnitId, ct)).First(p => p.Id == id);
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var position = await FindAsync(actor, id, ct);
        await RequireManageableUnitAsync(actor, position.UnitId, ct);
        var holders = await db.StaffPositions.CountAsync(sp => sp.PositionId == id, ct);
        if (holders > 0)
        {
            throw new BusinessRuleException(text["Position.Held", position.Name, holders]);
        }

        db.Positions.Remove(position);
        await db.SaveOrConflictAsync(text, ct);
    }

    private async Task<Position> FindAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var scope = OrgScopes.ForUnits(actor.Require(Permissions.OrgRead));
        return await OrgScopes.Positions.Apply(db.Positions, scope, actor.Subject).FirstOrDefaultAsync(p => p.Id == id, ct)
               ?? throw new NotFoundException(text["Position.NotFound"]);
    }

    private async Task RequireManageableUnitAsync(Actor actor, Guid unitId, CancellationToken ct)
    {
        actor.Require(Permissions.OrgUnitsManage);
        var scope = OrgScopes.ForUnits(actor.Require(Permissions.OrgRead));
        var unit = await OrgScopes.Units.Apply(db.Units.AsNoTracking(), scope, actor.Subject).FirstOrDefaultAsync(u => u.Id == unitId, ct)
                   ?? throw ValidationFailedException.For("UnitId", text["Unit.NotFound"]);
        if (!actor.ReachesUnit(Permissions.OrgUnitsManage, unit))
        {
            throw new ForbiddenException(text["Unit.OutOfScope"]);
        }
    }

    private async Task ValidateAsync(SavePositionRequest r, Guid? self, CancellationToken ct)
    {
        var v = new Validation(text).Required("Name", r.Name, 100).Optional("Code", r.Code, 32).Optional("Description", r.Description, 500);
        if (!string.IsNullOrWhiteSpace(r.Name))
        {
            var name = r.Name.Trim();
            v.Check(!await db.Positions.AnyAsync(p => p.UnitId == r.UnitId && p.Name == name && p.Id != self, ct), "Name", text["Position.NameTaken", name]);
        }

        v.ThrowIfAny();
    }
}
