using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Organization.Features.Roles;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Platform.Data;
using Norma.Rules.Access;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Organization.Features.Staff;

public sealed record StaffDto(
    Guid Id, string UserName, string FullName, Guid? UnitId, string? UnitName,
    IReadOnlyList<NamedRef> Positions, IReadOnlyList<NamedRef> Roles,
    string? Phone, string? Email, bool PhoneMasked, bool IsActive, bool IsLockedOut, DateTime? LastSignInAt, int Version);

public sealed record NamedRef(Guid Id, string Name);

public sealed record StaffQuery(Guid? UnitId = null, bool IncludeSubunits = true, string? Search = null, bool? Active = null,
    string? Sort = null, int Page = 1, int PageSize = 50);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record CreateStaffRequest(
    string? UserName, string? FullName, Guid? UnitId, IReadOnlyList<Guid>? PositionIds, IReadOnlyList<Guid>? RoleIds,
    string? Phone, string? Email, string? Password, bool IsActive = true);

public sealed record UpdateStaffRequest(
    string? FullName, Guid? UnitId, IReadOnlyList<Guid>? PositionIds, IReadOnlyList<Guid>? RoleIds,
    string? Phone, string? Email, bool IsActive = true, int? Version = null);

public sealed record ResetPasswordRequest(string? NewPassword);

/// <summary>
/// Staff accounts. Besides the data scope, one rule guards against escalation: an actor may only manage an
/// account, or hand out a role, whose permissions the actor itself holds at least as widely.
/// </summary>
public sealed partial class StaffService(
    PlatformDbContext db,
    UserManager<StaffAccount> users,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock)
{
    [GeneratedRegex("^[A-Za-z0-9._-]{3,50}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[0-9+\- ]{5,20}$")]
    private static partial Regex PhonePattern();

    private static readonly Dictionary<string, System.Linq.Expressions.Expression<Func<StaffAccount, string?>>> SortColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = s => s.FullName,
        ["username"] = s => s.UserName,
        ["unit"] = s => s.Unit != null ? s.Unit.Code : null,
    };

    public async Task<Paged<StaffDto>> ListAsync(Actor actor, StaffQuery query, CancellationToken ct = default)
    {
        var scope = actor.Require(Permissions.OrgRead);
        var q = OrgScopes.Staff.Apply(db.Users.AsNoTracking(), scope, actor.Subject);
        if (query.UnitId is { } unitId)
        {
            if (query.IncludeSubunits)
            {
                var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? "\u0000";
                q = q.Where(s => s.Unit != null && s.Unit.Path.StartsWith(path));
            }
            else
            {
                q = q.Where(s => s.UnitId == unitId);
            }
        }

        if (Validation.Clean(query.Search) is { } search)
        {
            q = q.Where(s => s.FullName.Contains(search) || s.UserName!.Contains(search));
        }

        if (query.Active is { } active)
        {
            q = q.Where(s => s.IsActive == active);
        }

        // Only whitelisted columns can be sorted on.
        if (query.Sort is not null && !SortColumns.ContainsKey(query.Sort))
        {
            throw ValidationFailedException.For("Sort", text["Validation.Sort", string.Join(", ", SortColumns.Keys)]);
        }

        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(1, query.Page);
        var total = await q.CountAsync(ct);
        var ordered = q.OrderBy(SortColumns[query.Sort ?? "name"]).ThenBy(s => s.Id);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Include(s => s.Unit)
            .ToListAsync(ct);
        return new Paged<StaffDto>(await ToDtosAsync(actor, rows, reveal: false, ct), total, page, pageSize);
    }

    /// <summary>One staff member. With reveal, the phone and e-mail come unmasked (managers only) and the read is audited.</summary>
    public async Task<StaffDto> GetAsync(Actor actor, Guid id, bool reveal = false, CancellationToken ct = default)
    {
        var scope = actor.Require(Permissions.OrgRead);
        var account = await OrgScopes.Staff.Apply(db.Users.AsNoTracking(), scope, actor.Subject)
                          .Include(s => s.Unit).FirstOrDefaultAsync(s => s.Id == id, ct)
                      ?? throw new NotFoundException(text["Staff.NotFound"]);
        if (reveal)
        {
            await RequireManageableAsync(actor, account, ct);
            db.PendingAuditEvents.Add(new AuditEvent("account.pii_revealed", nameof(StaffAccount), id.ToString()));
            await db.SaveChangesAsync(ct);
        }

        return (await ToDtosAsync(actor, [account], reveal, ct))[0];
    }

    public async Task<StaffDto> CreateAsync(Actor actor, CreateStaffRequest r, CancellationToken ct = default)
    {
        actor.Require(Permissions.OrgStaffManage);
        var v = new Validation(text)
            .Required("UserName", r.UserName, 50)
            .Pattern("UserName", r.UserName, UserNamePattern(), "Validation.UserName")
            .Required("FullName", r.FullName, 100)
            .Pattern("Phone", r.Phone, PhonePattern(), "Validation.Phone")
            .Email("Email", r.Email)
            .Check(r.UnitId is not null, "UnitId", text["Validation.Required", text["Field.UnitId"]])
            .Check(!string.IsNullOrEmpty(r.Password), "Password", text["Validation.Required", text["Field.Password"]]);
        if (!string.IsNullOrWhiteSpace(r.UserName))
        {
            var existing = await users.FindByNameAsync(r.UserName.Trim());
            v.Check(existing is null, "UserName", text["Staff.UserNameTaken", r.UserName.Trim()]);
        }

        v.ThrowIfAny();
        var unit = await RequireUnitInManageScopeAsync(actor, r.UnitId!.Value, ct);
        var roles = await RequireGrantableRolesAsync(actor, r.RoleIds ?? [], ct);
        var positions = await RequirePositionsOfUnitAsync(unit.Id, r.PositionIds ?? [], ct);

        var account = new StaffAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = r.UserName!.Trim(),
            FullName = r.FullName!.Trim(),
            UnitId = unit.Id,
            PhoneNumber = Validation.Clean(r.Phone),
            Email = Validation.Clean(r.Email),
            IsActive = r.IsActive,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };

        // One transaction: account, positions and roles land together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(account, r.Password!);
        ThrowIdentityErrors(created, "Password");
        foreach (var p in positions)
        {
            db.StaffPositions.Add(new StaffPosition { AccountId = account.Id, PositionId = p });
        }

        foreach (var role in roles)
        {
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = role });
        }

        await db.SaveOrConflictAsync(text, ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, account.Id, false, ct);
    }

    public async Task<StaffDto> UpdateAsync(Actor actor, Guid id, UpdateStaffRequest r, CancellationToken ct = default)
    {
        var account = await FindForManageAsync(actor, id, ct);
        new Validation(text)
            .Required("FullName", r.FullName, 100)
            .Pattern("Phone", r.Phone, PhonePattern(), "Validation.Phone")
            .Email("Email", r.Email)
            .Check(r.UnitId is not null, "UnitId", text["Validation.Required", text["Field.UnitId"]])
            .ThrowIfAny();

        var unit = account.UnitId == r.UnitId ? account.Unit! : await RequireUnitInManageScopeAsync(actor, r.UnitId!.Value, ct);
        var positions = await RequirePositionsOfUnitAsync(unit.Id, r.PositionIds ?? [], ct);
        var currentRoles = await db.UserRoles.Where(ur => ur.UserId == id).ToListAsync(ct);
        var wantedRoles = (r.RoleIds ?? []).Distinct().ToHashSet();
        var changedRoles = currentRoles.Select(x => x.RoleId).ToHashSet();
        changedRoles.SymmetricExceptWith(wantedRoles);
        if (changedRoles.Count > 0)
        {
            if (id == actor.AccountId)
            {
                throw new BusinessRuleException(text["Staff.OwnRoles"]);
            }

            await RequireGrantableRolesAsync(actor, changedRoles, ct);
        }

        if (!r.IsActive && id == actor.AccountId)
        {
            throw new BusinessRuleException(text["Staff.DeactivateSelf"]);
        }

        db.ExpectVersion(account, r.Version);
        var deactivated = account.IsActive && !r.IsActive;
        account.FullName = r.FullName!.Trim();
        account.UnitId = unit.Id;
        account.PhoneNumber = Validation.Clean(r.Phone);
        account.Email = Validation.Clean(r.Email);
        account.NormalizedEmail = account.Email?.ToUpperInvariant();
        account.IsActive = r.IsActive;
        if (deactivated)
        {
            // Invalidates the person's existing sign-in cookies at their next validation.
            account.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        var currentPositions = await db.StaffPositions.Where(sp => sp.AccountId == id).ToListAsync(ct);
        db.StaffPositions.RemoveRange(currentPositions.Where(sp => !positions.Contains(sp.PositionId)));
        foreach (var p in positions.Where(p => currentPositions.All(sp => sp.PositionId != p)))
        {
            db.StaffPositions.Add(new StaffPosition { AccountId = id, PositionId = p });
        }

        db.UserRoles.RemoveRange(currentRoles.Where(ur => !wantedRoles.Contains(ur.RoleId)));
        foreach (var role in wantedRoles.Where(w => currentRoles.All(c => c.RoleId != w)))
        {
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = id, RoleId = role });
        }

        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, id, false, ct);
    }

    /// <summary>An administrator sets a new password; this also lifts a lockout.</summary>
    public async Task ResetPasswordAsync(Actor actor, Guid id, ResetPasswordRequest r, CancellationToken ct = default)
    {
        var account = await FindForManageAsync(actor, id, ct);
        new Validation(text).Check(!string.IsNullOrEmpty(r.NewPassword), "NewPassword", text["Validation.Required", text["Field.NewPassword"]]).ThrowIfAny();
        foreach (var validator in users.PasswordValidators)
        {
            ThrowIdentityErrors(await validator.ValidateAsync(users, account, r.NewPassword!), "NewPassword");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.PendingAuditEvents.Add(new AuditEvent("account.password_reset", nameof(StaffAccount), id.ToString()));
        ThrowIdentityErrors(await users.RemovePasswordAsync(account), "NewPassword");
        ThrowIdentityErrors(await users.AddPasswordAsync(account, r.NewPassword!), "NewPassword");
        ThrowIdentityErrors(await users.SetLockoutEndDateAsync(account, null), "NewPassword");
        ThrowIdentityErrors(await users.ResetAccessFailedCountAsync(account), "NewPassword");
        await tx.CommitAsync(ct);
    }

    /// <summary>Lifts a lockout without changing the password.</summary>
    public async Task UnlockAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var account = await FindForManageAsync(actor, id, ct);
        db.PendingAuditEvents.Add(new AuditEvent("account.unlocked", nameof(StaffAccount), id.ToString()));
        ThrowIdentityErrors(await users.SetLockoutEndDateAsync(account, null), "Id");
        await users.ResetAccessFailedCountAsync(account);
    }

    private async Task<StaffAccount> FindForManageAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(Permissions.OrgStaffManage);
        var scope = actor.Require(Permissions.OrgRead);
        var account = await OrgScopes.Staff.Apply(db.Users, scope, actor.Subject).Include(s => s.Unit).FirstOrDefaultAsync(s => s.Id == id, ct)
                      ?? throw new NotFoundException(text["Staff.NotFound"]);
        await RequireManageableAsync(actor, account, ct);
        return account;
    }

    private async Task RequireManageableAsync(Actor actor, StaffAccount account, CancellationToken ct)
    {
        if (!actor.ReachesStaff(Permissions.OrgStaffManage, account.Id, account.Unit))
        {
            throw new ForbiddenException(text["Staff.OutOfScope"]);
        }

        if (account.Id == actor.AccountId)
        {
            return;
        }

        var grants = await (from ur in db.UserRoles
                            join g in db.RoleGrants on ur.RoleId equals g.RoleId
                            where ur.UserId == account.Id
                            select new { g.Permission, g.Scope }).ToListAsync(ct);
        if (GrantRule.Exceeding(actor.Grants, grants.Select(g => KeyValuePair.Create(g.Permission, g.Scope))).Count > 0)
        {
            throw new ForbiddenException(text["Staff.MorePowerful"]);
        }
    }

    private async Task<Unit> RequireUnitInManageScopeAsync(Actor actor, Guid unitId, CancellationToken ct)
    {
        var scope = OrgScopes.ForUnits(actor.Require(Permissions.OrgRead));
        var unit = await OrgScopes.Units.Apply(db.Units, scope, actor.Subject).FirstOrDefaultAsync(u => u.Id == unitId, ct)
                   ?? throw ValidationFailedException.For("UnitId", text["Unit.NotFound"]);
        if (!actor.ReachesStaff(Permissions.OrgStaffManage, Guid.Empty, unit))
        {
            throw new ForbiddenException(text["Unit.OutOfScope"]);
        }

        return unit;
    }

    private async Task<IReadOnlyList<Guid>> RequireGrantableRolesAsync(Actor actor, IEnumerable<Guid> roleIds, CancellationToken ct)
    {
        var ids = roleIds.Distinct().ToList();
        var roles = await db.Roles.AsNoTracking().Include(r => r.Grants).Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        if (roles.Count != ids.Count)
        {
            throw ValidationFailedException.For("RoleIds", text["Role.NotFound"]);
        }

        foreach (var role in roles)
        {
            var exceeding = GrantRule.Exceeding(actor.Grants, role.Grants.Select(g => KeyValuePair.Create(g.Permission, g.Scope)));
            if (exceeding.Count > 0)
            {
                throw new ForbiddenException(text["Role.CannotGrant", RoleService.DisplayName(role, text)]);
            }
        }

        return ids;
    }

    private async Task<IReadOnlyList<Guid>> RequirePositionsOfUnitAsync(Guid unitId, IEnumerable<Guid> positionIds, CancellationToken ct)
    {
        var ids = positionIds.Distinct().ToList();
        var found = await db.Positions.CountAsync(p => ids.Contains(p.Id) && p.UnitId == unitId, ct);
        if (found != ids.Count)
        {
            throw ValidationFailedException.For("PositionIds", text["Staff.PositionNotInUnit"]);
        }

        return ids;
    }

    private async Task<IReadOnlyList<StaffDto>> ToDtosAsync(Actor actor, IReadOnlyList<StaffAccount> rows, bool reveal, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var positions = await (from sp in db.StaffPositions
                               join p in db.Positions on sp.PositionId equals p.Id
                               where ids.Contains(sp.AccountId)
                               select new { sp.AccountId, p.Id, p.Name }).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, Role = r }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return rows.Select(s => new StaffDto(
            s.Id, s.UserName ?? "", s.FullName, s.UnitId, s.Unit?.Name,
            positions.Where(p => p.AccountId == s.Id).Select(p => new NamedRef(p.Id, p.Name)).ToList(),
            roles.Where(r => r.UserId == s.Id).Select(r => new NamedRef(r.Role.Id, RoleService.DisplayName(r.Role, text))).ToList(),
            reveal ? s.PhoneNumber : Pii.MaskPhone(s.PhoneNumber),
            reveal ? s.Email : Pii.MaskEmail(s.Email),
            !reveal,
            s.IsActive,
            s.LockoutEnd is { } end && end > now,
            s.LastSignInAt,
            s.Version)).ToList();
    }

    private void ThrowIdentityErrors(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                [result.Errors.Any(e => e.Code.Contains("UserName", StringComparison.Ordinal)) ? "UserName" : field] =
                    result.Errors.Select(e => e.Description).ToArray(),
            });
        }
    }
}
