using Norma.Rules.Access;

namespace Norma.Shared.Access;

/// <summary>
/// The signed-in account on whose behalf a use case runs, with its effective grants. Built once per
/// request (API) or per page (UI) by <see cref="ActorResolver"/> and passed explicitly to services,
/// which is where every permission and data-scope check happens.
/// </summary>
public sealed record Actor(
    Guid AccountId,
    string UserName,
    string DisplayName,
    Guid? UnitId,
    string? UnitPath,
    IReadOnlyDictionary<string, DataScope> Grants)
{
    public ScopeSubject Subject => new(AccountId, UnitId, UnitPath);

    public bool Has(string permission) => Grants.ContainsKey(permission);

    public DataScope? ScopeOf(string permission) => Grants.TryGetValue(permission, out var s) ? s : null;

    /// <summary>Minimal-API binding: endpoints take an Actor parameter and get the caller's resolved grants (403 for an inactive account).</summary>
    public static async ValueTask<Actor?> BindAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<ActorResolver>().RequireAsync(context.User, context.RequestAborted);

    /// <summary>The scope for a permission, or a 403 when the actor does not hold it at all.</summary>
    public DataScope Require(string permission) =>
        Grants.TryGetValue(permission, out var s) ? s : throw new Errors.ForbiddenException(permission);
}

public static class ActorScopeExtensions
{
    /// <summary>Whether the actor holds the permission with a scope that reaches the record.</summary>
    public static bool Reaches(this Actor actor, string permission, Rules.Access.ScopeTarget target) =>
        actor.ScopeOf(permission) is { } scope && Rules.Access.ScopeRule.Reaches(scope, actor.Subject, target);
}
