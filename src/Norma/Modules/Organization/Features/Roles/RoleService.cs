using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Platform.Data;
using Norma.Rules.Access;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Organization.Features.Roles;

public sealed record GrantDto(string Permission, DataScope Scope);

public sealed record RoleDto(Guid Id, string? SystemKey, string Name, string? Description, IReadOnlyList<GrantDto> Grants, int? MemberCount, int Version);

public sealed record SaveRoleRequest(string? Name, string? Description, IReadOnlyList<GrantDto>? Grants, int? Version = null);

/// <summary>Roles and their grants (permission + data scope). Role definitions are organization-wide.</summary>
public sealed class RoleService(PlatformDbContext db, IStringLocalizer<SharedResource> text)
{
    /// <summary>Built-in roles show a localized name; roles an organization adds show the name it gave them.</summary>
    public static string DisplayName(AppRole role, IStringLocalizer text) =>
        role.SystemKey is { } key ? text[$"Role.{key}"] : role.Name ?? "";

    public async Task<IReadOnlyList<RoleDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(Permissions.OrgRead);
        var roles = await db.Roles.AsNoTracking().Include(r => r.Grants).ToListAsync(ct);

        // Member counts span the whole organization, so only role managers see them.
        var counts = actor.ScopeOf(Permissions.OrgRolesManage) == DataScope.All
            ? await db.UserRoles.GroupBy(ur => ur.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct)
            : null;
        return roles
            .OrderBy(r => r.SystemKey is null).ThenBy(r => SystemOrder(r.SystemKey)).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => ToDto(r, counts is null ? null : counts.GetValueOrDefault(r.Id)))
            .ToList();
    }

    public async Task<RoleDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default) =>
        (await ListAsync(actor, ct)).FirstOrDefault(r => r.Id == id) ?? throw new NotFoundException(text["Role.NotFound"]);

    public async Task<RoleDto> CreateAsync(Actor actor, SaveRoleRequest request, CancellationToken ct = default)
    {
        RequireRoleManager(actor);
        var grants = await ValidateAsync(actor, request, null, ct);
        var role = new AppRole
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name!.Trim(),
            NormalizedName = request.Name.Trim().ToUpperInvariant(),
            Description = Validation.Clean(request.Description),
            Grants = grants.Select(g => new RoleGrant { Permission = g.Permission, Scope = g.Scope }).ToList(),
        };
        db.Roles.Add(role);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, role.Id, ct);
    }

    public async Task<RoleDto> UpdateAsync(Actor actor, Guid id, SaveRoleRequest request, CancellationToken ct = default)
    {
        RequireRoleManager(actor);
        var role = await db.Roles.Include(r => r.Grants).FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException(text["Role.NotFound"]);
        if (role.SystemKey == SystemRoles.Administrator)
        {
            // Keeps at least one role that can always repair the others.
            throw new BusinessRuleException(text["Role.AdministratorFixed"]);
        }

        // Editing a role changes what its members can do: the editor must hold what is removed as well as what is added.
        var existing = role.Grants.Select(g => KeyValuePair.Create(g.Permission, g.Scope));
        if (GrantRule.Exceeding(actor.Grants, existing).Count > 0)
        {
            throw new ForbiddenException(text["Role.CannotGrant", DisplayName(role, text)]);
        }

        var grants = await ValidateAsync(actor, request with { Name = role.SystemKey is null ? request.Name : role.Name }, id, ct);
        db.ExpectVersion(role, request.Version);
        if (role.SystemKey is null)
        {
            role.Name = request.Name!.Trim();
            role.NormalizedName = role.Name.ToUpperInvariant();
        }

        role.Description = Validation.Clean(request.Description);
        db.RoleGrants.RemoveRange(role.Grants.Where(g => grants.All(n => n.Permission != g.Permission || n.Scope != g.Scope)));
        foreach (var g in grants.Where(n => role.Grants.All(o => o.Permission != n.Permission || o.Scope != n.Scope)))
        {
            db.RoleGrants.Add(new RoleGrant { RoleId = role.Id, Permission = g.Permission, Scope = g.Scope });
        }

        // Grants are part of the role: a change to them alone must still bump (and check) the role's version.
        db.Entry(role).Property(r => r.Version).IsModified = true;
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, id, ct);
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        RequireRoleManager(actor);
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException(text["Role.NotFound"]);
        if (role.SystemKey is not null)
        {
            throw new BusinessRuleException(text["Role.SystemCannotDelete"]);
        }

        var members = await db.UserRoles.CountAsync(ur => ur.RoleId == id, ct);
        if (members > 0)
        {
            throw new BusinessRuleException(text["Role.HasMembers", role.Name ?? "", members]);
        }

        db.Roles.Remove(role);
        await db.SaveOrConflictAsync(text, ct);
    }

    private void RequireRoleManager(Actor actor)
    {
        if (actor.ScopeOf(Permissions.OrgRolesManage) != DataScope.All)
        {
            throw new ForbiddenException(text["Problem.Forbidden"]);
        }
    }

    private async Task<IReadOnlyList<GrantDto>> ValidateAsync(Actor actor, SaveRoleRequest r, Guid? self, CancellationToken ct)
    {
        var v = new Validation(text).Required("Name", r.Name, 64).Optional("Description", r.Description, 500);
        var grants = r.Grants ?? [];
        foreach (var g in grants)
        {
            v.Check(Permissions.All.Contains(g.Permission), "Grants", text["Role.UnknownPermission", g.Permission]);
            v.Check(Enum.IsDefined(g.Scope), "Grants", text["Role.UnknownScope", g.Scope]);
        }

        v.Check(grants.Select(g => g.Permission).Distinct().Count() == grants.Count, "Grants", text["Role.DuplicatePermission"]);
        if (!string.IsNullOrWhiteSpace(r.Name))
        {
            var normalized = r.Name.Trim().ToUpperInvariant();
            v.Check(!await db.Roles.AnyAsync(x => x.NormalizedName == normalized && x.Id != self, ct), "Name", text["Role.NameTaken", r.Name.Trim()]);
        }

        v.ThrowIfAny();
        var exceeding = GrantRule.Exceeding(actor.Grants, grants.Select(g => KeyValuePair.Create(g.Permission, g.Scope)));
        if (exceeding.Count > 0)
        {
            throw new ForbiddenException(text["Role.GrantExceeds", string.Join(", ", exceeding)]);
        }

        return grants;
    }

    private static int SystemOrder(string? key) => key is null ? int.MaxValue : Array.IndexOf(SystemRoles.All, key);

    private RoleDto ToDto(AppRole r, int? members) => new(r.Id, r.SystemKey, DisplayName(r, text), r.Description,
        r.Grants.OrderBy(g => Array.IndexOf(Permissions.All.ToArray(), g.Permission)).Select(g => new GrantDto(g.Permission, g.Scope)).ToList(),
        members, r.Version);
}
