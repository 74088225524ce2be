using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Platform.Data;
using Norma.Rules.Access;

namespace Norma.Shared.Access;

/// <summary>
/// Loads the signed-in account's unit and effective grants (per permission, the widest scope of its roles).
/// Scoped: resolved once per request or UI operation. An inactive or deleted account resolves to null.
/// </summary>
public sealed class ActorResolver(PlatformDbContext db, Persistence.ReferenceCache cache)
{
    private Actor? resolved;

    public async Task<Actor?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (resolved is not null)
        {
            return resolved;
        }

        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId))
        {
            return null;
        }

        // Cached for a few seconds: every API call resolves its caller. A change to accounts, roles or grants on this
        // node drops it at once (saves through the platform context); other nodes follow within the same few seconds.
        resolved = await cache.GetAsync("actor", accountId, [typeof(PlatformDbContext)], () => LoadAsync(accountId, ct), Modules.Platform.Tokens.ApiTokenAuthenticationHandler.CacheFor);
        if (resolved is null)
        {
            return null;
        }

        db.AuditActor = new AuditActor(resolved.AccountId, resolved.UserName);
        return resolved;
    }

    private async Task<Actor?> LoadAsync(Guid accountId, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == accountId && u.IsActive)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.UnitId, UnitPath = u.Unit != null ? u.Unit.Path : null })
            .FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return null;
        }

        var grants = await (
            from ur in db.UserRoles
            join g in db.RoleGrants on ur.RoleId equals g.RoleId
            where ur.UserId == accountId
            select new { g.Permission, g.Scope }).ToListAsync(ct);
        return new Actor(account.Id, account.UserName ?? "", account.FullName, account.UnitId, account.UnitPath,
            GrantRule.Merge(grants.Select(g => KeyValuePair.Create(g.Permission, g.Scope))));
    }

    /// <summary>For API endpoints: the actor or a 401-equivalent failure (the auth middleware normally stops anonymous calls first).</summary>
    public async Task<Actor> RequireAsync(ClaimsPrincipal principal, CancellationToken ct = default) =>
        await ResolveAsync(principal, ct) ?? throw new Errors.ForbiddenException("inactive");
}
