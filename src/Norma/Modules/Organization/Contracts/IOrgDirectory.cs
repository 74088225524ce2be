using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Organization.Contracts;

/// <summary>Organization facts other modules need (unit names and paths, role names), without touching the Organization's tables.</summary>
public interface IOrgDirectory
{
    /// <summary>Every unit, parents before children. Organization-wide facts: not filtered by the caller's scope.</summary>
    Task<IReadOnlyList<UnitInfo>> UnitsAsync(CancellationToken ct = default);

    /// <summary>The names of all roles (a built-in role's name is its key, e.g. FrontDesk).</summary>
    Task<IReadOnlyList<string>> RoleNamesAsync(CancellationToken ct = default);

    /// <summary>Active staff with their unit and role names (a built-in role by its key), by name. For pickers, dispatch and escalation targets.</summary>
    Task<IReadOnlyList<StaffInfo>> StaffAsync(CancellationToken ct = default);

    /// <summary>Which active staff member holds which position (岗位), with the position's unit, name and code.</summary>
    Task<IReadOnlyList<StaffPositionInfo>> StaffPositionsAsync(CancellationToken ct = default);
}

public sealed record StaffPositionInfo(Guid StaffId, Guid PositionId, Guid UnitId, string PositionName, string? PositionCode);

/// <summary>A unit; OverseerId is its 分管领导 (a staff account id), null when none is named or the named account is deactivated.</summary>
public sealed record UnitInfo(Guid Id, Guid? ParentId, string Code, string Name, string Path, Guid? OverseerId = null);

public sealed record StaffInfo(Guid Id, string UserName, string FullName, Guid? UnitId, IReadOnlyList<string> Roles);

internal sealed class OrgDirectory(PlatformDbContext db, Shared.Persistence.ReferenceCache cache) : IOrgDirectory
{
    private static readonly Type[] DependsOn = [typeof(PlatformDbContext)];

    public Task<IReadOnlyList<UnitInfo>> UnitsAsync(CancellationToken ct = default) =>
        cache.GetAsync("org.units", 0, DependsOn, () => LoadUnitsAsync(ct));

    public Task<IReadOnlyList<StaffInfo>> StaffAsync(CancellationToken ct = default) =>
        cache.GetAsync("org.staff", 0, DependsOn, () => LoadStaffAsync(ct));

    /// <summary>Cached with the other Platform facts: any save of the context (a unit edit, a deactivated account) refreshes it.</summary>
    private async Task<IReadOnlyList<UnitInfo>> LoadUnitsAsync(CancellationToken ct) =>
        (await (from u in db.Units.AsNoTracking()
                join a in db.Users.AsNoTracking().Where(a => a.IsActive) on u.OverseerId equals (Guid?)a.Id into overseers
                from a in overseers.DefaultIfEmpty()
                select new UnitInfo(u.Id, u.ParentId, u.Code, u.Name, u.Path, a == null ? null : a.Id)).ToListAsync(ct))
            .OrderBy(u => u.Path.Length).ThenBy(u => u.Path, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<string>> RoleNamesAsync(CancellationToken ct = default) =>
        (await db.Roles.AsNoTracking().Select(r => r.Name!).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<StaffPositionInfo>> StaffPositionsAsync(CancellationToken ct = default) =>
        await (from sp in db.StaffPositions.AsNoTracking()
               join p in db.Positions.AsNoTracking() on sp.PositionId equals p.Id
               join u in db.Users.AsNoTracking() on sp.AccountId equals u.Id
               where u.IsActive
               select new StaffPositionInfo(sp.AccountId, p.Id, p.UnitId, p.Name, p.Code)).ToListAsync(ct);

    private async Task<IReadOnlyList<StaffInfo>> LoadStaffAsync(CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.UnitId }).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles.AsNoTracking()
                           join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                           select new { ur.UserId, Name = r.SystemKey ?? r.Name! }).ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name);
        return people
            .Select(p => new StaffInfo(p.Id, p.UserName ?? "", p.FullName, p.UnitId, byUser[p.Id].Order(StringComparer.Ordinal).ToList()))
            .OrderBy(p => p.FullName, StringComparer.Ordinal).ToList();
    }
}
