using Norma.Modules.Organization.Contracts;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Access;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Catalog.Features;

/// <summary>
/// The catalog is organization-wide reading (catalog.read, any scope). Editing an item needs catalog.edit with a
/// scope that reaches the item's responsible unit; process templates are shared by all units, so they need scope All.
/// </summary>
internal static class CatalogAccess
{
    public static void RequireRead(this Actor actor) => actor.Require(Permissions.CatalogRead);

    /// <summary>A unit that no longer exists (null) is reachable only with scope All.</summary>
    public static void RequireEditFor(this Actor actor, UnitInfo? unit, string message)
    {
        var reaches = unit is null
            ? actor.ScopeOf(Permissions.CatalogEdit) == DataScope.All
            : actor.Reaches(Permissions.CatalogEdit, new ScopeTarget(null, unit.Id, unit.Path));
        if (!reaches)
        {
            throw new ForbiddenException(message);
        }
    }

    public static bool CanEditTemplates(this Actor actor) => actor.ScopeOf(Permissions.CatalogEdit) == DataScope.All;

    public static void RequireTemplateEdit(this Actor actor, string message)
    {
        if (!actor.CanEditTemplates())
        {
            throw new ForbiddenException(message);
        }
    }

    public static AuditActor ForAudit(this Actor actor) => new(actor.AccountId, actor.UserName);
}
