using System.Linq.Expressions;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Access;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Cases.Features;

/// <summary>
/// The one data-scope rule for cases (SECURITY.md): a permission's scope is measured against the case's current unit,
/// and whoever owns a case (首问负责) or is assigned to it always reaches it. Lists, search, counts, exports, reports
/// and by-id reads all go through <see cref="FilterAsync"/> or <see cref="Reaches"/>.
/// </summary>
public static class CaseAccess
{
    public static ScopeTarget Target(Case c) => new(null, c.UnitId, c.UnitPath);

    /// <summary>Whether the actor holds the permission for this case (its unit in scope, or the actor owns or works it).</summary>
    public static bool Reaches(Actor actor, string permission, Case c) =>
        actor.ScopeOf(permission) is { } scope
        && (c.OwnerId == actor.AccountId || c.AssigneeId == actor.AccountId || ScopeRule.Reaches(scope, actor.Subject, Target(c)));

    /// <summary>Throws 403 without the permission at all, 404 when the case is outside the actor's reach (never reveal which).</summary>
    public static void Require(Actor actor, string permission, Case c, string notFoundMessage)
    {
        actor.Require(permission);
        if (!Reaches(actor, permission, c))
        {
            throw actor.Has(Permissions.CasesRead) && Reaches(actor, Permissions.CasesRead, c)
                ? new ForbiddenException(permission)
                : new NotFoundException(notFoundMessage);
        }
    }

    /// <summary>
    /// The SQL predicate of the cases the actor reaches with the permission. Subtrees are expanded to unit ids (an IN list
    /// that uses the (UnitId, CreatedAt) index) rather than a path prefix, which PostgreSQL cannot serve from a b-tree here.
    /// </summary>
    public static async Task<Expression<Func<Case, bool>>> FilterAsync(Actor actor, string permission, IOrgDirectory org, CancellationToken ct)
    {
        var scope = actor.Require(permission);
        var me = actor.AccountId;
        switch (scope)
        {
            case DataScope.All:
                return _ => true;
            case DataScope.UnitSubtree when actor.UnitPath is not null:
                var path = actor.UnitPath;
                var units = (await org.UnitsAsync(ct)).Where(u => UnitPath.IsWithin(u.Path, path)).Select(u => u.Id).ToList();
                return c => units.Contains(c.UnitId) || c.OwnerId == me || c.AssigneeId == me;
            case DataScope.OwnUnit when actor.UnitId is not null:
                var unit = actor.UnitId.Value;
                return c => c.UnitId == unit || c.OwnerId == me || c.AssigneeId == me;
            default:
                return c => c.OwnerId == me || c.AssigneeId == me;
        }
    }
}
