using Norma.Shared.Access;

namespace Norma.Modules.Organization.Features.Roles;

internal static class RoleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/org/roles").WithTags("Organization: roles");
        g.MapGet("/", async (Actor actor, RoleService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, ct)));
        g.MapGet("/permissions", () => TypedResults.Ok(Permissions.All)).WithSummary("Every permission a role can grant");
        g.MapGet("/{id:guid}", async (Guid id, Actor actor, RoleService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(actor, id, ct)));
        g.MapPost("/", async (SaveRoleRequest body, Actor actor, RoleService s, CancellationToken ct) =>
        {
            var role = await s.CreateAsync(actor, body, ct);
            return TypedResults.Created($"/api/v1/org/roles/{role.Id}", role);
        });
        g.MapPut("/{id:guid}", async (Guid id, SaveRoleRequest body, Actor actor, RoleService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(actor, id, body, ct)));
        g.MapDelete("/{id:guid}", async (Guid id, Actor actor, RoleService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(actor, id, ct);
            return TypedResults.NoContent();
        });
    }
}
